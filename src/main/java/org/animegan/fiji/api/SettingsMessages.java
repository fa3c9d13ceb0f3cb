package org.animegan.fiji.api;

import java.util.List;

/**
 * What package api says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class SettingsMessages {

	private SettingsMessages() {}

	public static String unknownParameter(final String key) {
		return "Unknown parameter '" + key + "'; see the README for the list of parameters.";
	}

	public static String badChoice(final String key, final String value, final List<String> choices) {
		return "The value '" + value + "' is not allowed for " + key + "; use one of " + String.join(
			", ", choices) + ".";
	}

	public static String notNumber(final String key, final String value) {
		return "The value '" + value + "' for " + key + " is not a number.";
	}

	public static String notWhole(final String key, final String value) {
		return "The value '" + value + "' for " + key + " must be a whole number.";
	}

	public static String notBoolean(final String key, final String value) {
		return "The value '" + value + "' for " + key + " must be true or false.";
	}

	public static String outOfRange(final String key, final String value, final String min,
		final String max)
	{
		return "The value " + value + " for " + key + " is outside the range " + min + " to " + max +
			".";
	}

	public static String cancelled() {
		return "Photo to Anime was cancelled; no output was created.";
	}

	public static String firstLine(final String s) {
		if (s == null || s.isEmpty()) return "no details";
		final String t = s.trim();
		final int nl = t.indexOf('\n');
		final String line = nl < 0 ? t : t.substring(0, nl);
		return line.length() > 200 ? line.substring(0, 200) + "..." : line;
	}
}
