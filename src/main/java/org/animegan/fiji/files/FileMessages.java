package org.animegan.fiji.files;

import java.nio.file.Path;

import org.animegan.fiji.image.ImageHeader;

/**
 * Sentences about input and output files, for the command line and the batch: headers that
 * cannot be trusted, images too large to open, damaged data. One sentence each, no exception names.
 */
public final class FileMessages {

	private FileMessages() {}

	public static String notReadableImage() {
		return "The file could not be read as an image.";
	}

	public static String cannotWriteResult(final Path target) {
		return "The result could not be written to " + target + ".";
	}

	public static String damagedHeader(final ImageHeader.Problem problem) {
		switch (problem) {
			case PAGE_LOOP:
				return "The TIFF file is damaged: its list of pages loops back on itself.";
			case TOO_MANY_PAGES:
				return "The TIFF file declares more than " + ImageHeader.MAX_PAGES +
					" pages, more than can be processed.";
			default:
				return "The file's header is damaged, so it could not be read as an image.";
		}
	}

	public static String tooLargeForImageJ(final long width, final long height) {
		return "The image is " + width + "x" + height +
			" pixels, more than ImageJ can hold in one plane.";
	}

	public static String tooLargeForMemory(final long width, final long height, final long planes,
		final long neededMb, final long availableMb)
	{
		return "The image is " + width + "x" + height + " pixels in " + planes + " plane" +
			(planes == 1 ? "" : "s") + " and would need at least " + neededMb +
			" MB of Java memory to open and stylize, but only " + availableMb +
			" MB are free; use a smaller image or give Java more memory (-Xmx).";
	}

	public static String damagedAvi(final String detail) {
		return "The AVI file is damaged or of a kind ImageJ cannot read (" + detail + ").";
	}

	public static String fewerFrames(final int read, final long declared) {
		return "The AVI file is truncated or damaged: only " + read + " of its " + declared +
			" frames could be read.";
	}

	public static String noFrameNumber(final Path frame) {
		return "The file " + frame.getFileName() +
			" has no frame number in its name; a sequence holds only numbered frames.";
	}

	public static String sameFrameNumber(final Path a, final Path b) {
		return "The files " + a.getFileName() + " and " + b.getFileName() +
			" have the same frame number.";
	}

	public static String frameNotAnImage(final Path frame) {
		return "The frame " + frame.getFileName() + " is not a PNG, JPEG or single-page TIFF image.";
	}

	public static String frameSizeDiffers(final Path frame, final long w, final long h, final long w0,
		final long h0)
	{
		return "The frame " + frame.getFileName() + " is " + w + "x" + h +
			" pixels but the first frame is " + w0 + "x" + h0 +
			"; all frames of a sequence must have the same size.";
	}

	public static String frameTypeDiffers(final Path frame) {
		return "The frame " + frame.getFileName() +
			" is of another kind (grey, 16-bit or colour) than the first; all frames of a sequence must be of one kind.";
	}

	public static String frameUnreadable(final Path frame, final String why) {
		// The reason is a sentence of its own: joined as the second half of this one.
		final String rest = why.isEmpty() ? why : Character.toLowerCase(why.charAt(0)) + why
			.substring(1);
		return "The frame " + frame.getFileName() + " could not be read: " + rest;
	}

	public static String truncated() {
		return "The file is truncated: it ends before all the data its header declares.";
	}

	public static String fewerPages(final int read, final long declared) {
		return "The file is truncated or damaged: only " + read + " of its " + declared +
			" pages could be read.";
	}

	public static String undecodableJpeg(final String detail) {
		return "The JPEG data could not be decoded (" + detail +
			"); the file is damaged or of a kind ImageJ cannot open.";
	}

	/** A warning line for a JPEG that decoded with errors in its data; the file is still processed. */
	public static String jpegWarning(final Path input, final String detail) {
		return "warning: " + input + ": the JPEG data is damaged (" + detail +
			"); the result may show artefacts.";
	}
}
