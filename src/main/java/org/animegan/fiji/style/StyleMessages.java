package org.animegan.fiji.style;

import java.nio.file.Path;

/**
 * What package style says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class StyleMessages {

	private StyleMessages() {}

	public static String noLutFile() {
		return "color_shift is lut but no lut_file was given; choose a .cube file.";
	}

	public static String lutNotFound(final Path file) {
		return "The LUT file " + file + " does not exist.";
	}

	public static String badLut(final Path file, final int line, final String why) {
		return "The LUT file " + file + " is not a valid 3D .cube LUT" + (line > 0 ? " (line " +
			line + ": " + why + ")." : " (" + why + ").");
	}
}
