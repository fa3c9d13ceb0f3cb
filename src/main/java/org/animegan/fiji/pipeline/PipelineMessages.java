package org.animegan.fiji.pipeline;

import java.util.Locale;

/**
 * What package pipeline says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class PipelineMessages {

	private PipelineMessages() {}

	public static String noImage() {
		return "There is no image open; open a photo or stack first.";
	}

	public static String emptyStack(final String title) {
		return "The image '" + title + "' has no planes to process.";
	}

	public static String tooSmall(final String title, final int width, final int height,
		final int min)
	{
		return "The image '" + title + "' is " + width + "x" + height + " pixels; AnimeGAN needs at least " +
			min + " pixels on each side.";
	}

	public static String nonFinite(final String title, final int plane) {
		return "The image '" + title + "' has NaN or infinite values in plane " + plane +
			"; replace them (Process > Math > Remove NaNs...) first.";
	}

	public static String unsupportedType(final String title, final int bitDepth) {
		return "The image '" + title + "' has an unsupported pixel type (" + bitDepth + "-bit).";
	}

	public static String outOfMemory(final String title) {
		return "Not enough memory to stylize '" + title +
			"'; choose a smaller input_size or give ImageJ more memory (Edit > Options > Memory & Threads).";
	}

	public static String notEnoughHeap(final String title, final long neededMb,
		final long availableMb)
	{
		return "Stylizing '" + title + "' needs about " + neededMb + " MB of Java memory but only " +
			availableMb +
			" MB are free; process fewer planes at a time or give ImageJ more memory (Edit > Options > Memory & Threads).";
	}

	public static String facesFound(final String title, final int faces) {
		return "Photo to Anime: " + faces + (faces == 1 ? " face" : " faces") + " found in " + title +
			".";
	}

	/** Files stylized at once, and ONNX Runtime threads for each (a Log line before the first). */
	public static String filesAtOnce(final int files, final int threadsEach) {
		return "Photo to Anime: " + files + " files at a time, " + threadsEach + (threadsEach == 1
			? " thread" : " threads") + " each.";
	}

	public static String planeDone(final int plane, final int total, final double seconds) {
		return String.format(Locale.ROOT, "Photo to Anime: plane %d/%d (%.2f s)", plane, total,
			seconds);
	}

	public static String summary(final String title, final int planes, final double seconds,
		final long peakHeapMb, final long peakRssMb)
	{
		return String.format(Locale.ROOT,
			"Photo to Anime: %s, %d plane%s in %.2f s (%.3f s per plane), peak memory: heap %d MB%s",
			title, planes, planes == 1 ? "" : "s", seconds, planes == 0 ? 0 : seconds / planes,
			peakHeapMb, peakRssMb > 0 ? ", process " + peakRssMb + " MB" : "");
	}
}
