package org.animegan.fiji.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Every sentence the plugin shows a user, in one place so that wording stays consistent and can be
 * reviewed (and one day translated) together. Each is one sentence that names the problem and, where
 * there is one, the fix.
 */
public final class Messages {

	public static final String TITLE = "Photo to Anime";

	private Messages() {}

	// -- parameters --

	public static String unknownParameter(final String key) {
		return "Unknown parameter '" + key + "'; see the README for the list of parameters.";
	}

	public static String badChoice(final String key, final String value, final List<String> choices) {
		return "The value '" + value + "' is not allowed for " + key + "; use one of " + String.join(
			", ", choices) + ".";
	}

	public static String notNumber(final String key, final String value) {
		return "The value '" + value + "' for " + key + " is not a number.";
	}

	public static String notWhole(final String key, final String value) {
		return "The value '" + value + "' for " + key + " must be a whole number.";
	}

	public static String notBoolean(final String key, final String value) {
		return "The value '" + value + "' for " + key + " must be true or false.";
	}

	public static String outOfRange(final String key, final String value, final String min,
		final String max)
	{
		return "The value " + value + " for " + key + " is outside the range " + min + " to " + max +
			".";
	}

	// -- images --

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

	public static String cancelled() {
		return "Photo to Anime was cancelled; no output was created.";
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

	// -- models --

	public static String noModel(final Path folder) {
		return "No model was given; set 'model' to an .onnx file or to the name of a model in " +
			folder + ".";
	}

	public static String modelNotFound(final String model, final Path folder) {
		return "The model '" + model + "' was not found: give the path of an .onnx file, or put it in " +
			folder + ".";
	}

	public static String cannotLoadModel(final Path file, final String why) {
		return "The file " + file + " could not be loaded as an ONNX model (" + firstLine(why) + ").";
	}

	public static String notAnImageModel(final String name, final String shape) {
		return "The model " + name + " takes input of shape " + shape +
			", not an image; an AnimeGAN generator takes a batch of RGB images.";
	}

	public static String wrongChannels(final String name, final long channels) {
		return "The model " + name + " expects " + channels +
			"-channel images, but AnimeGAN generators take 3-channel RGB.";
	}

	public static String notAGenerator(final String name, final String shape) {
		return "The model " + name + " returns shape " + shape +
			", not an RGB image; is it a classifier rather than an AnimeGAN generator?";
	}

	public static String wrongOutputSize(final String name, final String got, final String wanted) {
		return "The model " + name + " returned an image of shape " + got + " for an input of shape " +
			wanted + "; it is not an image-to-image generator.";
	}

	public static String inferenceFailed(final String name, final String why) {
		return "The model " + name + " failed to run (" + firstLine(why) + ").";
	}

	public static String engineUnavailable(final String why) {
		return "The ONNX Runtime engine could not be started (" + firstLine(why) + ").";
	}

	// -- progress and summary --

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

	static String firstLine(final String s) {
		if (s == null || s.isEmpty()) return "no details";
		final String t = s.trim();
		final int nl = t.indexOf('\n');
		final String line = nl < 0 ? t : t.substring(0, nl);
		return line.length() > 200 ? line.substring(0, 200) + "..." : line;
	}
}
