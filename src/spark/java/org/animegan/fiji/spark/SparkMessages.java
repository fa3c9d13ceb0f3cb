package org.animegan.fiji.spark;

import java.util.Locale;

/** What the Spark batch says: one sentence each. */
final class SparkMessages {

	private SparkMessages() {}

	static String outputMustBeFolder(final String output) {
		return "The Spark batch writes into a folder, and " + output +
			" names a file; give a folder as OUTPUT.";
	}

	/** Below the command line's help text: where the batch differs from it. */
	static String helpNote() {
		return "\nSpark batch: INPUT and OUTPUT may be Hadoop URIs (file:, hdfs:, s3a:); OUTPUT is a\n" +
			"folder, which also gets animegan-summary.csv; --frames-out is not available. Without a\n" +
			"master (spark-submit --master, or -Dspark.master=...) it runs with local[*].";
	}

	static String framesOutUnsupported() {
		return "--frames-out is not available in the Spark batch; use the command line for it.";
	}

	static String inputMissing(final String input) {
		return "The input " + input + " does not exist or cannot be read.";
	}

	static String cannotUseOutput(final String output, final String why) {
		return "Cannot create or list the output folder " + output + " (" + why + ").";
	}

	static String sameResultName(final String other) {
		return "Its result would have the same name as that of " + other +
			"; give the two files different names.";
	}

	static String resultPresent() {
		return "A result is already present.";
	}

	static String partMissing(final String part) {
		return "The part " + part + " of this file's planes is missing, so its result was not assembled.";
	}

	static String earlierAttempt() {
		return "Written by an earlier attempt of this task.";
	}

	static String unexpected(final Throwable e) {
		return "Unexpected error: " + e + ".";
	}

	static String cannotMoveResult(final String target) {
		return "Cannot move the finished result to " + target + ".";
	}

	static String cannotWriteSummary(final String summary, final String why) {
		return "Cannot write the summary " + summary + " (" + why + ").";
	}

	/** Driver line after planning. */
	static String planned(final int inputs, final int skipped, final int refused, final int tasks,
		final int partitions)
	{
		return String.format(Locale.ROOT,
			"planned: %d input(s), %d skipped (result present), %d refused, %d task(s) in %d partition(s)",
			inputs, skipped, refused, tasks, partitions);
	}

	/** Driver line after the stylize stage. */
	static String stylized(final int done, final int failed, final double seconds,
		final long pixels)
	{
		final double s = Math.max(seconds, 1e-9);
		return String.format(Locale.ROOT,
			"stylized: %d done, %d failed in %.1f s (%.2f files/s, %.2f Mpixel/s)", done, failed,
			seconds, (done + failed) / s, pixels / 1e6 / s);
	}

	static String summaryWritten(final String summary) {
		return "summary: " + summary;
	}
}
