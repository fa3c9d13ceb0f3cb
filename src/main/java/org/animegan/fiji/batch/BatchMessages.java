package org.animegan.fiji.batch;

import java.nio.file.Path;
import java.util.Locale;

/** The batch's sentences: its row statuses and why a folder cannot be used. One sentence each. */
public final class BatchMessages {

	public static final String DONE = "done";
	public static final String SKIPPED = "skipped: its result already exists";
	public static final String CANCELLED = "cancelled";

	private BatchMessages() {}

	/** A row as one line, for the log when there is no Results window. */
	public static String row(final BatchFolder.Row r) {
		return String.format(Locale.ROOT, "%s\t%s\t%.2f s\t%s\t%s", r.file, r.size, r.seconds, r.faces
			.isEmpty() ? "-" : r.faces, r.status);
	}

	static String failed(final String reason) {
		return "failed: " + reason;
	}

	static String working(final int n, final int total, final String file) {
		return "AnimeGAN batch: file " + n + " of " + total + ", " + file;
	}

	static String jpegWarning(final String file, final String detail) {
		return file + ": the JPEG data is damaged (" + detail + "); the result may show artefacts.";
	}

	static String wouldOverwrite(final String target) {
		return "Its result " + target + " would overwrite an input or an earlier result.";
	}

	static String notAFolder(final Path folder) {
		return "The input folder " + folder + " does not exist or is not a folder.";
	}

	static String cannotCreateOutput(final Path folder) {
		return "The output folder " + folder + " could not be created.";
	}

	static String folderUnreadable(final Path folder) {
		return "The folder " + folder + " could not be read.";
	}

	static String badPattern(final String glob) {
		return "The file pattern " + glob + " is not a valid glob such as *.png.";
	}
}
