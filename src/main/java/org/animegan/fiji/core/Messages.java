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
		return "No model was given; choose a catalog model, or set 'model' to an .onnx or .pt file or to the name of a model in " +
			folder + ".";
	}

	public static String modelNotFound(final String model, final Path folder) {
		return "The model '" + model +
			"' was not found: give a catalog name or the path of an .onnx or .pt file, or put the file in " +
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

	// -- model library: catalog, downloads, .pt import --

	/** The model choice that switches to the model_file parameter. */
	public static final String CUSTOM_FILE = "Custom file...";

	public static String customFileMissing() {
		return "The model is '" + CUSTOM_FILE + "' but no model_file was given; choose an .onnx or .pt file.";
	}

	public static String catalogUnreadable(final String why) {
		return "The model catalog could not be read (" + firstLine(why) + ").";
	}

	public static String licenceLine(final String name, final String licence, final boolean verified) {
		return name + ": " + licence + (verified ? "" : " Download address not confirmed by the upstream project.");
	}

	public static String unverifiedSource(final String name, final String url) {
		return "The download address " + url + " for " + name +
			" is not confirmed by the upstream project, so check where the file comes from before relying on it.";
	}

	public static String downloading(final String name, final String url, final Path target) {
		return "Downloading " + name + " from " + url + " to " + target + ".";
	}

	public static String downloadProgress(final String name, final long done, final long total) {
		return total > 0 ? String.format(Locale.ROOT, "Downloading %s: %d%% of %.1f MB", name, done *
			100 / total, total / 1e6) : String.format(Locale.ROOT, "Downloading %s: %.1f MB", name,
				done / 1e6);
	}

	public static String downloaded(final String name, final Path target, final String sha256) {
		return "Downloaded " + name + " to " + target + " (SHA-256 " + sha256 + ").";
	}

	public static String downloadFailed(final String url, final Path target, final String why) {
		return "The model could not be downloaded from " + url + " (" + firstLine(why) +
			"); download it yourself and save it as " + target + ".";
	}

	public static String downloadCancelled(final String url, final Path target) {
		return "The download from " + url + " was cancelled and nothing was saved; run again, or save the file yourself as " +
			target + ".";
	}

	public static String checksumMismatch(final String url, final String got, final String expected,
		final Path target)
	{
		return "The file downloaded from " + url + " has SHA-256 " + got + " instead of " + expected +
			", so it was discarded; try again later, or save a trusted copy as " + target + ".";
	}

	public static String checksumChanged(final String url, final String got, final String recorded,
		final Path target)
	{
		return "The file downloaded from " + url + " has SHA-256 " + got +
			", which differs from the " + recorded + " recorded at its first download, so it was discarded; if the new file is trusted, delete " +
			target + ".sha256 and try again.";
	}

	public static String truncated(final long got, final long expected) {
		return "the connection closed after " + got + " of " + expected + " bytes";
	}

	public static String httpStatus(final int status) {
		return "the server answered HTTP " + status;
	}

	public static String ptNotZip(final String name) {
		return "The file " + name +
			" is not a PyTorch zip checkpoint; re-save it with torch.save(model.state_dict(), path) from PyTorch 1.6 or later.";
	}

	public static String ptNotCheckpoint(final String name) {
		return "The file " + name + " is not a PyTorch state_dict of float32 tensors.";
	}

	public static String ptRefusedGlobal(final String name, final String what) {
		return "The checkpoint " + name + " was refused because its pickle asks for " + what +
			", which a state_dict never needs and which could run code.";
	}

	public static String ptBadEntry(final String name, final String entry) {
		return "The checkpoint " + name + " was refused because it has an unsafe entry name '" + entry +
			"'.";
	}

	public static String ptTooLarge(final String name) {
		return "The checkpoint " + name +
			" was refused because it is larger than an AnimeGAN generator checkpoint can be.";
	}

	public static String ptNotTensor(final String name, final String key) {
		return "The entry '" + key + "' of the checkpoint " + name + " is not a tensor.";
	}

	public static String ptDtype(final String name, final String key, final String storage) {
		return "The tensor '" + key + "' of the checkpoint " + name + " is a " + storage +
			"; only float32 (FloatStorage) checkpoints can be converted.";
	}

	public static String ptNotContiguous(final String name, final String key) {
		return "The tensor '" + key + "' of the checkpoint " + name +
			" is not stored contiguously; re-save it with torch.save(model.state_dict(), path).";
	}

	public static String ptMissingKey(final String name, final String key) {
		return "The checkpoint " + name + " does not match the AnimeGANv2 generator: the key '" + key +
			"' is missing.";
	}

	public static String ptWrongShape(final String name, final String key, final String got,
		final String expected)
	{
		return "The checkpoint " + name + " does not match the AnimeGANv2 generator: the key '" + key +
			"' has shape " + got + " where " + expected + " is expected.";
	}

	public static String ptUnexpectedKey(final String name, final String key) {
		return "The checkpoint " + name + " does not match the AnimeGANv2 generator: the key '" + key +
			"' is not part of it.";
	}

	public static String converting(final Path pt, final Path onnx) {
		return "Converting the PyTorch checkpoint " + pt + " to " + onnx + ".";
	}

	public static String cannotWriteConverted(final Path onnx, final String why) {
		return "The converted model could not be written to " + onnx + " (" + firstLine(why) + ").";
	}

	// -- style controls and faces --

	public static String noLutFile() {
		return "color_shift is lut but no lut_file was given; choose a .cube file.";
	}

	public static String lutNotFound(final Path file) {
		return "The LUT file " + file + " does not exist.";
	}

	public static String badLut(final Path file, final int line, final String why) {
		return "The LUT file " + file + " is not a valid 3D .cube LUT" + (line > 0 ? " (line " +
			line + ": " + why + ")." : " (" + why + ").");
	}

	public static String faceDetectorFailed(final String why) {
		return "The face detector failed to run (" + firstLine(why) + ").";
	}

	public static String facesFound(final String title, final int faces) {
		return "Photo to Anime: " + faces + (faces == 1 ? " face" : " faces") + " found in " + title +
			".";
	}

	/** The command line's per-image line. */
	public static String facesLine(final int faces) {
		return "faces: " + faces;
	}

	// -- command line --

	/** A usage or setup error, printed before the run stops with exit code 2. */
	public static String cliError(final String message) {
		return "error: " + message;
	}

	public static String seeHelp() {
		return "Run with --help for usage.";
	}

	public static String optionNeedsPath(final String option) {
		return "The option " + option + " needs a path.";
	}

	public static String optionNeedsValue(final String option) {
		return "The option " + option + " needs a value.";
	}

	public static String unknownOption(final String option) {
		return "Unknown option " + option + ".";
	}

	public static String modelOptionRequired() {
		return "The option --model is required.";
	}

	public static String noInputs() {
		return "Give at least one input file or folder.";
	}

	public static String noOutput() {
		return "Give the output with -o OUTPUT.";
	}

	public static String inputMissing(final Path input) {
		return "The input " + input + " does not exist.";
	}

	public static String folderUnreadable(final Path folder) {
		return "The folder " + folder + " cannot be read.";
	}

	public static String noImageFiles() {
		return "No PNG, JPEG or TIFF files were found in the inputs.";
	}

	public static String cannotCreateOutputFolder(final Path folder) {
		return "Cannot create the output folder " + folder + ".";
	}

	public static String notReadableImage() {
		return "The file could not be read as an image.";
	}

	public static String cannotWriteResult(final Path target) {
		return "The result could not be written to " + target + ".";
	}

	public static String wouldOverwrite(final Path target) {
		return "The output " + target +
			" would overwrite an input or an earlier result; choose another output folder.";
	}

	/** The command line's line for a file that failed; the other files go on. */
	public static String fileFailed(final Path input, final String why) {
		return "failed: " + input + ": " + why;
	}

	public static String filesFailed(final int failed, final int total) {
		return failed + " of " + total + " file(s) failed.";
	}

	/** The command line's line for each result written. */
	public static String resultLine(final Path input, final Path result) {
		return input + " -> " + result;
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
