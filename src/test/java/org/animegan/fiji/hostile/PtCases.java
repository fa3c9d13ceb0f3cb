package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "pt" (see {@link HostileCase}). */
public final class PtCases {

	private PtCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
