package org.animegan.fiji.api;

/**
 * A problem the user can act on. Its message is one sentence, shown as is in a dialog, the Log or the
 * terminal; the cause, if any, is kept for debugging only.
 */
public class AnimeGanException extends Exception {

	private static final long serialVersionUID = 1L;

	public AnimeGanException(final String message) {
		super(message);
	}

	public AnimeGanException(final String message, final Throwable cause) {
		super(message, cause);
	}
}
