package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "model" (see {@link HostileCase}). */
public final class ModelCases {

	private ModelCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
