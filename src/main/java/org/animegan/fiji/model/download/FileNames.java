package org.animegan.fiji.model.download;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Names of downloaded files. A name that comes from outside (a URL, the catalog) is used only if it
 * is a plain file name: nothing is sanitized, an unsafe name is refused, so that the file on disk is
 * always the one the user asked for.
 */
public final class FileNames {

	/** Longest name most file systems accept, in UTF-16 units (close enough to bytes for a refusal). */
	static final int MAX_LENGTH = 255;

	private FileNames() {}

	/**
	 * The percent-decoded last path segment of {@code url}, or null if it is not a
	 * {@link #isPlain plain file name} (or the URL cannot be parsed).
	 */
	public static String lastSegment(final String url) {
		try {
			final String raw = new URI(url).getRawPath();
			if (raw == null || raw.isEmpty()) return null;
			// Decoded on its own, so that an encoded '/' (%2F) stays inside the segment and is refused.
			final String name = new URI(raw.substring(raw.lastIndexOf('/') + 1)).getPath();
			return isPlain(name) ? name : null;
		}
		catch (final URISyntaxException | IllegalArgumentException e) {
			return null;
		}
	}

	/**
	 * True for a name that stays inside its folder: not empty, not {@code .} or {@code ..}, not
	 * hidden, and without {@code /}, {@code \}, {@code :}, NUL or any control character.
	 */
	public static boolean isPlain(final String name) {
		if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.startsWith(".")) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			final char c = name.charAt(i);
			if (c == '/' || c == '\\' || c == ':' || Character.isISOControl(c)) return false;
		}
		return true;
	}
}
