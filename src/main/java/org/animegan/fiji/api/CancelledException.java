package org.animegan.fiji.api;

/** Thrown when the user cancels (Esc, or a download's cancel); nothing half-finished is left behind. */
public class CancelledException extends AnimeGanException {

	private static final long serialVersionUID = 1L;

	public CancelledException() {
		super(SettingsMessages.cancelled());
	}

	/** A cancel with its own explanation (e.g. of a download). */
	public CancelledException(final String message) {
		super(message);
	}
}
