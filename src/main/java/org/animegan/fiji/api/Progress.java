package org.animegan.fiji.api;

import java.util.function.Consumer;

/**
 * Where the headless tool reports progress, and how it learns about a cancel. ImageJ's progress bar,
 * a terminal, or a test implement it; every method has a do-nothing default, so an implementation
 * overrides only what it shows.
 */
public interface Progress {

	/** A short status line (ImageJ's status bar). */
	default void status(final String message) {}

	/** Fraction done, from {@code done} out of {@code total}. */
	default void progress(final long done, final long total) {}

	/** A line for the Log window or the terminal. */
	default void log(final String message) {}

	/**
	 * True once the user asked to stop; the tool checks between batches of planes and between the
	 * tiles of a large plane.
	 */
	default boolean isCancelled() {
		return false;
	}

	/** Progress that goes nowhere and never cancels. */
	Progress NONE = new Progress() {};

	/** Progress that only passes on the Log lines (a terminal, a test). */
	static Progress logTo(final Consumer<String> lines) {
		return new Progress() {

			@Override
			public void log(final String message) {
				lines.accept(message);
			}
		};
	}
}
