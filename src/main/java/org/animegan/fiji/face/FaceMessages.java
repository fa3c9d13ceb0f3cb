package org.animegan.fiji.face;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

/**
 * What package face says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class FaceMessages {

	private FaceMessages() {}

	public static String faceDetectorFailed(final String why) {
		return "The face detector failed to run (" + firstLine(why) + ").";
	}

	/** The command line's per-image line. */
	public static String facesLine(final int faces) {
		return "faces: " + faces;
	}
}
