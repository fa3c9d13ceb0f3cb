package org.animegan.fiji.cli;

import java.io.PrintStream;

import org.animegan.fiji.api.Progress;

/**
 * Progress of a model download or conversion on the command line: log lines as they come, and the
 * latest status line at every tenth of the way.
 */
public final class DownloadConsole implements Progress {

	private final PrintStream out;
	private String status = "";
	private long shownTenth = -1;

	public DownloadConsole(final PrintStream out) {
		this.out = out;
	}

	@Override
	public void status(final String message) {
		status = message;
	}

	@Override
	public void progress(final long done, final long total) {
		if (total <= 0 || done >= total || status.isEmpty()) return;
		final long tenth = done * 10 / total;
		if (tenth != shownTenth) {
			shownTenth = tenth;
			out.println(status);
		}
	}

	@Override
	public void log(final String message) {
		out.println(message);
		shownTenth = -1;
	}

	@Override
	public boolean isCancelled() {
		return false;
	}
}
