package org.animegan.fiji.hostile;

import java.util.ArrayList;
import java.util.List;

/** Every hostile case, area by area, in the order of the table. */
public final class HostileCases {

	private HostileCases() {}

	public static List<HostileCase> all() {
		final List<HostileCase> all = new ArrayList<>();
		all.addAll(ModelCases.cases());
		all.addAll(PtCases.cases());
		all.addAll(ImageCases.cases());
		all.addAll(OutputCases.cases());
		all.addAll(DownloadCases.cases());
		all.addAll(LutCases.cases());
		all.addAll(NativeCases.cases());
		return all;
	}
}
