package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "native" (see {@link HostileCase}). */
public final class NativeCases {

	private NativeCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
