package org.animegan.fiji.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.plugin.AVI_Reader;
import ij.plugin.filter.AVI_Writer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.SettingsMessages;
import org.animegan.fiji.files.FileMessages;
import org.animegan.fiji.files.ImageFiles;
import org.animegan.fiji.files.NoOverwrite;
import org.animegan.fiji.image.ImageHeader;
import org.animegan.fiji.pipeline.PipelineMessages;

/**
 * AVI files through ImageJ's own reader and writer (uncompressed, MJPEG and PNG frames). The reader
 * allocates what the header declares, so the header ({@code avih}, the video stream's {@code strh}
 * and OpenDML's {@code dmlh}) is read first and the memory budget applied; the reader is then told
 * to decode no more frames than were budgeted. Frames go on the T axis, so that
 * {@code temporal_axis=auto} smooths along them, and the frame rate is kept in the calibration.
 */
final class AviFiles {

	/** What the AVI header declares. */
	static final class Header {

		final long width, height, frames;
		/** Frames per second, 0 if the header does not say. */
		final double fps;
		/** The video stream header's rate, what players use; 0 if it has none. */
		final double streamRate;
		/** Where the video stream header's data starts in the file, 0 if it has none. */
		final long streamHeaderAt;

		Header(final long width, final long height, final long frames, final double fps,
			final double streamRate, final long streamHeaderAt)
		{
			this.width = width;
			this.height = height;
			this.frames = frames;
			this.fps = fps;
			this.streamRate = streamRate;
			this.streamHeaderAt = streamHeaderAt;
		}
	}

	/** Chunks looked at in the header list at most (real files have a handful). */
	private static final int MAX_CHUNKS = 256;

	private AviFiles() {}

	/** True if the file starts as a RIFF AVI file does, whatever its name says. */
	static boolean isAvi(final Path in) {
		try (SeekableByteChannel ch = Files.newByteChannel(in)) {
			return isAvi(ch);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** As {@link #isAvi(Path)}, through a channel that is left open. */
	static boolean isAvi(final SeekableByteChannel ch) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate(12);
		ch.position(0);
		while (b.hasRemaining())
			if (ch.read(b) < 0) return false;
		return fourCc(b, 0).equals("RIFF") && fourCc(b, 8).equals("AVI ");
	}

	/** Reads the header list ({@code hdrl}) without touching the frames. */
	static Header header(final Path in) throws IOException, AnimeGanException {
		try (SeekableByteChannel ch = Files.newByteChannel(in)) {
			return header(ch);
		}
	}

	/** As {@link #header(Path)}, through a channel that is left open. */
	static Header header(final SeekableByteChannel ch) throws IOException, AnimeGanException {
		// The header list comes first and is small; a hostile size is capped by the read.
		final int n = (int) Math.min(ch.size(), 1 << 16);
		final ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
		ch.position(0);
		while (b.hasRemaining())
			if (ch.read(b) < 0) break;
		if (b.capacity() < 24 || !fourCc(b, 12).equals("LIST") || !fourCc(b, 20).equals("hdrl")) {
			throw new AnimeGanException(FileMessages.damagedAvi("no header list"));
		}
		final long[] avih = new long[3]; // width, height, frames
		final double[] fps = new double[2]; // from strh, from avih
		final long[] found = new long[2]; // OpenDML's frame count, where the strh data starts
		walk(b, 24, (int) Math.min(b.capacity(), 20 + (b.getInt(16) & 0xffffffffL)), avih, fps,
			found, 0);
		if (avih[0] <= 0 || avih[1] <= 0) throw new AnimeGanException(FileMessages.damagedAvi(
			"no frame size in its header"));
		final long frames = Math.max(avih[2], found[0]);
		if (frames <= 0) throw new AnimeGanException(FileMessages.damagedAvi("no frames"));
		return new Header(avih[0], avih[1], frames, frameRate(fps[0], fps[1]), fps[0], found[1]);
	}

	/**
	 * The stream's rate (an exact fraction, such as 30000/1001) where it agrees with the main
	 * header's frame time; otherwise the frame time: ImageJ's writer rounds the stream's rate to
	 * whole frames per second (30 for 29.97) but keeps the frame time to the microsecond.
	 */
	static double frameRate(final double stream, final double main) {
		if (main <= 0) return stream;
		return stream > 0 && Math.abs(stream - main) <= 1e-4 * main ? stream : main;
	}

	private static void walk(final ByteBuffer b, final int from, final int to, final long[] avih,
		final double[] fps, final long[] found, final int depth)
	{
		int p = from;
		for (int k = 0; k < MAX_CHUNKS && p + 8 <= to; k++) {
			final String id = fourCc(b, p);
			final long size = b.getInt(p + 4) & 0xffffffffL;
			final int data = p + 8;
			final int end = (int) Math.min(to, data + size);
			if (id.equals("avih") && end - data >= 40) {
				final long microseconds = b.getInt(data) & 0xffffffffL;
				if (microseconds > 0) fps[1] = 1e6 / microseconds;
				avih[2] = b.getInt(data + 16) & 0xffffffffL;
				avih[0] = b.getInt(data + 32) & 0xffffffffL;
				avih[1] = b.getInt(data + 36) & 0xffffffffL;
			}
			else if (id.equals("strh") && end - data >= 28 && fourCc(b, data).equals("vids") &&
				fps[0] == 0)
			{
				final long scale = b.getInt(data + 20) & 0xffffffffL, rate = b.getInt(data + 24) &
					0xffffffffL;
				if (scale > 0 && rate > 0) fps[0] = (double) rate / scale;
				found[1] = data;
			}
			else if (id.equals("dmlh") && end - data >= 4) {
				found[0] = b.getInt(data) & 0xffffffffL;
			}
			else if (id.equals("LIST") && depth < 2 && end - data >= 4) {
				walk(b, data + 4, end, avih, fps, found, depth + 1);
			}
			final long next = data + size + (size & 1); // chunks are padded to even sizes
			if (next > to) break;
			p = (int) next;
		}
	}

	private static String fourCc(final ByteBuffer b, final int at) {
		final byte[] id = new byte[4];
		for (int i = 0; i < 4; i++)
			id[i] = b.get(at + i);
		return new String(id, StandardCharsets.ISO_8859_1);
	}

	/** Opens an AVI as a stack of frames on the T axis, after the budget check on its header. */
	static ImagePlus read(final Path in, final ImageFiles.HeapNeed need) throws AnimeGanException {
		return read(in, need, 1, Long.MAX_VALUE);
	}

	/** Frames {@code first} to {@code last} (from 1, both included, cut to the video's) alone. */
	static ImagePlus read(final Path in, final ImageFiles.HeapNeed need, final long first,
		final long last) throws AnimeGanException
	{
		final Header h;
		try {
			h = header(in);
		}
		catch (final IOException e) {
			throw new AnimeGanException(FileMessages.notReadableImage(), e);
		}
		// ImageJ holds RGB frames (4 bytes a pixel), plus one decoded frame at a time.
		final long frameBytes = ImageHeader.times(h.width, h.height, 4);
		final long end = Math.min(last, h.frames), frames = Math.max(0, end - first + 1);
		ImageFiles.checkBudget(h.width, h.height, frames, ImageHeader.times(frameBytes, frames + 1,
			1), need);
		final AVI_Reader reader = new AVI_Reader();
		final ImageStack stack;
		try {
			stack = ImageFiles.quietly(() -> reader.makeStack(in.toString(), (int) first, (int) end, false,
				false, false)).value;
		}
		catch (final RuntimeException e) {
			throw new AnimeGanException(FileMessages.damagedAvi(String.valueOf(e.getMessage())), e);
		}
		catch (final OutOfMemoryError e) {
			throw new AnimeGanException(PipelineMessages.outOfMemory(in.getFileName().toString()));
		}
		if (stack == null || stack.getSize() == 0) {
			final String why = reader.getErrorText();
			throw new AnimeGanException(FileMessages.damagedAvi(why == null || why.isBlank()
				? "no frame could be read" : SettingsMessages.printable(why.strip())));
		}
		if (stack.getSize() < frames) throw new AnimeGanException(FileMessages.fewerFrames(stack
			.getSize(), frames));
		final ImagePlus imp = new ImagePlus(in.getFileName().toString(), stack);
		imp.setDimensions(1, 1, stack.getSize());
		imp.getCalibration().fps = h.fps;
		return imp;
	}

	/**
	 * Writes an AVI with PNG frames (lossless; ffmpeg and most players read it) at the image's frame
	 * rate, through a temporary file.
	 */
	static void write(final ImagePlus imp, final Path target) throws AnimeGanException {
		ImageFiles.atomically(target, part -> {
			final ImageFiles.Quiet<Boolean> saved = ImageFiles.quietly(() -> {
				try {
					new AVI_Writer().writeImage(imp, part.toString(), AVI_Writer.PNG_COMPRESSION, 90);
					return true;
				}
				catch (final IOException e) {
					return false;
				}
			});
			if (saved.value) keepFractionalRate(part, imp.getCalibration().fps);
			return saved;
		});
	}

	/**
	 * ImageJ's writer rounds the stream's rate to whole frames per second, so a 29.97 video would
	 * play at 30: the rate is written again as thousandths of frames per second.
	 */
	private static void keepFractionalRate(final Path avi, final double fps) throws IOException {
		if (fps <= 0 || fps == Math.rint(fps) || fps > 1e6) return;
		final Header h;
		try {
			h = header(avi);
		}
		catch (final AnimeGanException e) {
			throw new IOException(e.getMessage(), e);
		}
		if (h.streamHeaderAt == 0) return;
		final ByteBuffer scaleAndRate = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
			.putInt(1000).putInt((int) Math.round(fps * 1000));
		scaleAndRate.flip();
		try (SeekableByteChannel ch = Files.newByteChannel(avi, StandardOpenOption.WRITE)) {
			ch.position(h.streamHeaderAt + 20);
			while (scaleAndRate.hasRemaining())
				ch.write(scaleAndRate);
		}
	}
}
