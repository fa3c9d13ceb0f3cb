package org.animegan.fiji.hostile;

import java.util.List;

/** Hostile cases of the area "download" (see {@link HostileCase}). */
public final class DownloadCases {

	private DownloadCases() {}

	public static List<HostileCase> cases() {
		return List.of();
	}
}
