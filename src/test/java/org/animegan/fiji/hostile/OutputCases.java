package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "output" (see {@link HostileCase}). */
public final class OutputCases {

	private OutputCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
