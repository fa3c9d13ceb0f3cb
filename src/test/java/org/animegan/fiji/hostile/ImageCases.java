package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "image" (see {@link HostileCase}). */
public final class ImageCases {

	private ImageCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
