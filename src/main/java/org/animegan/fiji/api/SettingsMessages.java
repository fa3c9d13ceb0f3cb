package org.animegan.fiji.api;

import java.util.List;
import java.util.Locale;

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

	/** A name or location taken from a file: one line, control characters as '?', at most 80 characters. */
	public static String shown(final String text) {
		final String line = text.replaceAll("\\p{Cntrl}", "?");
		return line.length() <= 80 ? line : line.substring(0, 80) + "...";
	}

	/**
	 * The text with control characters (newlines, tabs, escape sequences, bidirectional overrides)
	 * written as {@code \n}, {@code \t} or {@code \}{@code uXXXX}, so that a file name or address cannot
	 * split a line of output or disguise it.
	 */
	public static String printable(final String s) {
		StringBuilder sb = null;
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			final int type = Character.getType(c);
			final boolean control = type == Character.CONTROL || type == Character.FORMAT ||
				type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
			if (!control) {
				if (sb != null) sb.append(c);
				continue;
			}
			if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
			if (c == '\n') sb.append("\\n");
			else if (c == '\r') sb.append("\\r");
			else if (c == '\t') sb.append("\\t");
			else sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
		}
		return sb == null ? s : sb.toString();
	}
}
