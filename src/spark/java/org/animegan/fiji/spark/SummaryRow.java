package org.animegan.fiji.spark;

import java.io.Serializable;
import java.util.Locale;

/** One line of the summary table: file, status, message, time. */
final class SummaryRow implements Serializable {

	private static final long serialVersionUID = 1L;

	static final String HEADER = "file,status,message,seconds";
	static final String DONE = "done", FAILED = "failed", SKIPPED = "skipped";

	final String file;
	final String status;
	final String message;
	final double seconds;
	/** Estimated pixels of the input, for the throughput line. */
	final long pixels;

	SummaryRow(final String file, final String status, final String message, final double seconds,
		final long pixels)
	{
		this.file = file;
		this.status = status;
		this.message = message;
		this.seconds = seconds;
		this.pixels = pixels;
	}

	/** A CSV line (RFC 4180 quoting). */
	String csv() {
		return quote(file) + "," + status + "," + quote(message) + "," + String.format(Locale.ROOT,
			"%.3f", seconds);
	}

	private static String quote(final String s) {
		return "\"" + s.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ') + "\"";
	}
}
