package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "lut" (see {@link HostileCase}). */
public final class LutCases {

	private LutCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
