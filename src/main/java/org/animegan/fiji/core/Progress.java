package org.animegan.fiji.core;

/**
 * Where the headless tool reports progress, and how it learns about a cancel. ImageJ's progress bar,
 * a terminal, or a test implement it.
 */
public interface Progress {

	/** A short status line (ImageJ's status bar). */
	void status(String message);

	/** Fraction done, from {@code done} out of {@code total}. */
	void progress(long done, long total);

	/** A line for the Log window or the terminal. */
	void log(String message);

	/** True once the user asked to stop; the tool checks between planes. */
	boolean isCancelled();

	/** Progress that goes nowhere and never cancels. */
	Progress NONE = new Progress() {

		@Override
		public void status(final String message) {}

		@Override
		public void progress(final long done, final long total) {}

		@Override
		public void log(final String message) {}

		@Override
		public boolean isCancelled() {
			return false;
		}
	};
}
