package org.animegan.fiji.files;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.plugin.FileInfoVirtualStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.ImageHeader;
import org.animegan.fiji.pipeline.PipelineMessages;
import org.animegan.fiji.stylize.MemoryBudget;

/**
 * Reading inputs and writing results for the command line and the batch, so that a hostile file costs no more
 * than its header: the header's sizes are checked against the memory budget before any pixel is
 * decoded; JPEGs are decoded through ImageIO, whose warnings come to us rather than to stderr; and
 * a result is written to a temporary file beside it and then moved into place, so that a run killed
 * while writing never leaves a truncated file under the result's name.
 */
public final class ImageFiles {

	/** The Java heap a run will need for planes of this size (see AnimeGan#heapNeeded). */
	public interface HeapNeed {

		long bytes(int width, int height, int planes) throws AnimeGanException;
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private ImageFiles() {}

	/** The result's file name: {@code <name>-anime.png}, or {@code .tif} for a stack. */
	public static String resultName(final Path in, final boolean stack) {
		final String n = in.getFileName().toString();
		final int dot = n.lastIndexOf('.');
		return (dot > 0 ? n.substring(0, dot) : n) + "-anime" + (stack ? ".tif" : ".png");
	}

	/**
	 * True if no two of these inputs could give results of the same name: their names differ without
	 * the extension, ignoring case (a.png and a.jpg both give a-anime.png; some file systems ignore
	 * case). Only then may they be stylized at once: otherwise the later one must see that the earlier
	 * one's result exists, as it does one file after the other.
	 */
	public static boolean distinctStems(final List<Path> inputs) {
		final Set<String> stems = new HashSet<>();
		for (final Path p : inputs) {
			final String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
			final int dot = n.lastIndexOf('.');
			if (!stems.add(dot > 0 ? n.substring(0, dot) : n)) return false;
		}
		return true;
	}

	/** Opens an image file for a tool that does not stylize it whole: the decoding budget only. */
	public static ImagePlus read(final Path in) throws AnimeGanException {
		return read(in, (w, h, planes) -> 0, warning -> {});
	}

	/**
	 * Opens an image file, refusing one whose header declares more than the memory budget allows
	 * (decoding plus {@code need}), a truncated one, or one whose data is damaged.
	 *
	 * @param warnings gets a note when a JPEG decodes with damaged data
	 */
	public static ImagePlus read(final Path in, final HeapNeed need, final Consumer<String> warnings)
		throws AnimeGanException
	{
		final Optional<ImageHeader> header;
		try {
			header = ImageHeader.read(in);
		}
		catch (final ImageHeader.Damaged e) {
			throw new AnimeGanException(FileMessages.damagedHeader(e.problem), e);
		}
		catch (final IOException e) {
			throw new AnimeGanException(FileMessages.notReadableImage(), e);
		}
		if (header.isEmpty()) {
			return openQuietly(in); // other formats: as ImageJ has always opened them
		}
		final ImageHeader h = header.get();
		checkBudget(h, need);
		if (h.truncated) throw new AnimeGanException(FileMessages.truncated());
		final ImagePlus imp = h.format == ImageHeader.Format.JPEG ? jpeg(in, warnings) : openQuietly(
			in);
		if (h.format == ImageHeader.Format.TIFF && h.uniform && imp.getStackSize() < h.pages) {
			throw new AnimeGanException(FileMessages.fewerPages(imp.getStackSize(), h.pages));
		}
		return imp;
	}

	/**
	 * Pages {@code first} to {@code last} (from 1, both included) of a multi-page TIFF with pages all
	 * alike, decoded alone through ImageJ's virtual stack, after the budget check for those pages;
	 * empty for other files, or where ImageJ finds fewer pages than the header declares (then
	 * {@link #read} says what is wrong).
	 */
	public static Optional<ImagePlus> readPages(final Path in, final HeapNeed need, final long first,
		final long last) throws AnimeGanException
	{
		final Optional<ImageHeader> header;
		try {
			header = ImageHeader.read(in);
		}
		catch (final IOException e) {
			return Optional.empty();
		}
		if (header.isEmpty() || header.get().format != ImageHeader.Format.TIFF || !header.get().uniform
			|| header.get().truncated) return Optional.empty();
		final ImageHeader h = header.get();
		final long end = Math.min(last, h.pages), pages = Math.max(0, end - first + 1);
		checkBudget(h.width, h.height, pages, h.decodedBytes / Math.max(1, h.pages) * pages, need);
		final ImagePlus all = quietly(() -> FileInfoVirtualStack.openVirtual(in.toString())).value;
		if (all == null || all.getStackSize() < end) return Optional.empty();
		final ImageStack stack = new ImageStack(all.getWidth(), all.getHeight());
		for (long i = first; i <= end; i++)
			stack.addSlice(all.getStack().getSliceLabel((int) i), all.getStack().getProcessor((int) i));
		final ImagePlus imp = new ImagePlus(all.getTitle(), stack);
		imp.setCalibration(all.getCalibration());
		return Optional.of(imp);
	}

	/** Refuses an image whose declared planes, decoded and then stylized, would not fit the heap. */
	public static void checkBudget(final ImageHeader h, final HeapNeed need) throws AnimeGanException {
		checkBudget(h.width, h.height, h.pages, h.decodedBytes, need);
	}

	/** The same for planes described otherwise (an AVI header, a folder of frames). */
	public static void checkBudget(final long width, final long height, final long planes,
		final long decodedBytes, final HeapNeed need) throws AnimeGanException
	{
		if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || width *
			height > Integer.MAX_VALUE) throw new AnimeGanException(FileMessages.tooLargeForImageJ(
				width, height));
		if (planes > Integer.MAX_VALUE) throw new AnimeGanException(FileMessages.tooLargeForMemory(
			width, height, planes, Long.MAX_VALUE >> 20, MemoryBudget.freeHeapFor(0) >> 20));
		// Decoding alone first: that bounds the planes, so the run's own estimate cannot overflow.
		long needed = decodedBytes;
		long available = MemoryBudget.freeHeapFor(needed);
		if (needed <= available) {
			needed += need.bytes((int) width, (int) height, (int) planes);
			available = MemoryBudget.freeHeapFor(needed);
		}
		if (needed > available) throw new AnimeGanException(FileMessages.tooLargeForMemory(width,
			height, planes, needed >> 20, available >> 20));
	}

	/** ImageJ's Opener, with what ImageJ prints about a file it cannot read kept off the console. */
	public static ImagePlus openQuietly(final Path in) throws AnimeGanException {
		final ImagePlus imp;
		try {
			imp = quietly(() -> new Opener().openImage(in.toString())).value;
		}
		catch (final RuntimeException e) {
			throw new AnimeGanException(FileMessages.notReadableImage(), e);
		}
		catch (final OutOfMemoryError e) {
			throw new AnimeGanException(PipelineMessages.outOfMemory(in.getFileName().toString()));
		}
		if (imp == null) throw new AnimeGanException(FileMessages.notReadableImage());
		return imp;
	}

	/**
	 * A JPEG as ImageJ's Opener makes it (RGB, or 8-bit when every pixel is grey; Opener turns it by
	 * its EXIF orientation only with Fiji's Exif_Reader plugin, which the command line has not),
	 * decoded by ImageIO: the AWT decoder Opener uses prints the decoder's
	 * complaints and stack traces straight to stderr, ImageIO hands them to a listener.
	 */
	private static ImagePlus jpeg(final Path in, final Consumer<String> warnings)
		throws AnimeGanException
	{
		final Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
		if (!readers.hasNext()) return openQuietly(in);
		final ImageReader reader = readers.next();
		final List<String> seen = new ArrayList<>();
		final BufferedImage image;
		try (ImageInputStream stream = ImageIO.createImageInputStream(in.toFile())) {
			reader.setInput(stream, true, true);
			reader.addIIOReadWarningListener((source, warning) -> seen.add(warning));
			image = reader.read(0);
		}
		catch (final IOException | RuntimeException e) {
			throw new AnimeGanException(FileMessages.undecodableJpeg(e.getMessage() == null
				? "no detail given" : e.getMessage()), e);
		}
		catch (final OutOfMemoryError e) {
			throw new AnimeGanException(PipelineMessages.outOfMemory(in.getFileName().toString()));
		}
		finally {
			reader.dispose();
		}
		if (!seen.isEmpty()) warnings.accept(seen.get(0));
		final String name = in.getFileName().toString();
		final ImagePlus imp = new ImagePlus(name, processor(image));
		if (imp.getType() == ImagePlus.COLOR_RGB) Opener.convertGrayJpegTo8Bits(imp);
		return imp;
	}

	/**
	 * The decoded pixels as an ImageJ processor, copied straight from the decoder's bytes where the
	 * layout is the usual one (ImageJ's generic conversion of a BufferedImage is several times slower).
	 */
	private static ImageProcessor processor(final BufferedImage image) {
		final int w = image.getWidth(), h = image.getHeight();
		final DataBuffer data = image.getRaster().getDataBuffer();
		if (image.getType() == BufferedImage.TYPE_3BYTE_BGR && data instanceof DataBufferByte &&
			data.getNumBanks() == 1 && ((DataBufferByte) data).getData().length == 3 * w * h)
		{
			final byte[] bgr = ((DataBufferByte) data).getData();
			final int[] pixels = new int[w * h];
			for (int i = 0, j = 0; i < pixels.length; i++, j += 3)
				pixels[i] = 0xff000000 | (bgr[j + 2] & 0xff) << 16 | (bgr[j + 1] & 0xff) << 8 | bgr[j] &
					0xff;
			return new ColorProcessor(w, h, pixels);
		}
		if (image.getType() == BufferedImage.TYPE_BYTE_GRAY && data instanceof DataBufferByte &&
			data.getNumBanks() == 1 && ((DataBufferByte) data).getData().length == w * h)
		{
			return new ByteProcessor(w, h, ((DataBufferByte) data).getData());
		}
		return new ImagePlus("", image).getProcessor();
	}

	/** Writes with ImageJ's savers: a TIFF stack, a TIFF or a PNG after the target's name. */
	public static void write(final ImagePlus imp, final Path target, final boolean stack)
		throws AnimeGanException
	{
		final String lower = target.getFileName().toString().toLowerCase(Locale.ROOT);
		final FileSaver saver = new FileSaver(imp);
		atomically(target, part -> {
			if (stack) return quietly(() -> saver.saveAsTiffStack(part.toString()));
			if (lower.endsWith(".tif") || lower.endsWith(".tiff")) return quietly(() -> saver
				.saveAsTiff(part.toString()));
			return quietly(() -> saver.saveAsPng(part.toString()));
		});
	}

	/** Writes a file at the path given; reports whether it worked and what ImageJ printed. */
	public interface Saver {

		Quiet<Boolean> save(Path part) throws IOException;
	}

	/**
	 * Writes a result through a temporary file in the target's folder, moved into place when it is
	 * complete; the move replaces a link at the target rather than writing through it.
	 */
	public static void atomically(final Path target, final Saver saver) throws AnimeGanException {
		final Path abs = target.toAbsolutePath();
		final String name = abs.getFileName().toString();
		final Path part = abs.resolveSibling("." + name + ".part-" + Long.toHexString(RANDOM
			.nextLong() >>> 1));
		try {
			final Quiet<Boolean> saved = saver.save(part);
			// ImageJ's PNG writer reports some failures only by printing them.
			if (!saved.value || saved.printed || !Files.isRegularFile(part) || Files.size(part) == 0) {
				throw new AnimeGanException(FileMessages.cannotWriteResult(target));
			}
			try {
				Files.move(part, abs, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(part, abs, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException | RuntimeException e) {
			throw new AnimeGanException(FileMessages.cannotWriteResult(target), e);
		}
		finally {
			try {
				Files.deleteIfExists(part);
			}
			catch (final IOException e) {
				// nothing more can be done; it is hidden and named as unfinished
			}
		}
	}

	/** A value and whether ImageJ printed anything while computing it. */
	public static final class Quiet<T> {

		public final T value;
		public final boolean printed;

		Quiet(final T value, final boolean printed) {
			this.value = value;
			this.printed = printed;
		}
	}

	/**
	 * Runs ImageJ code with System.out and System.err captured: ImageJ reports problems there (IJ.log,
	 * IJ.error and stack traces when there is no GUI), and the command line reports them as one
	 * sentence instead.
	 */
	public static synchronized <T> Quiet<T> quietly(final Supplier<T> code) {
		final PrintStream out = System.out, err = System.err;
		final ByteArrayOutputStream captured = new ByteArrayOutputStream();
		final Thread owner = Thread.currentThread();
		System.setOut(new PrintStream(new ThreadRoute(owner, captured, out), true));
		System.setErr(new PrintStream(new ThreadRoute(owner, captured, err), true));
		try {
			final T value = code.get();
			return new Quiet<>(value, captured.size() > 0);
		}
		finally {
			System.setOut(out);
			System.setErr(err);
		}
	}

	/**
	 * One thread's writes to the capture, every other thread's where they went before: images
	 * stylized at once go on printing their own lines while one of them is written, and those lines
	 * must not count as that file's failure.
	 */
	private static final class ThreadRoute extends OutputStream {

		private final Thread owner;
		private final ByteArrayOutputStream captured;
		private final PrintStream others;

		ThreadRoute(final Thread owner, final ByteArrayOutputStream captured, final PrintStream others) {
			this.owner = owner;
			this.captured = captured;
			this.others = others;
		}

		@Override
		public void write(final int b) {
			if (Thread.currentThread() == owner) captured.write(b);
			else others.write(b);
		}

		@Override
		public void write(final byte[] b, final int off, final int len) {
			if (Thread.currentThread() == owner) captured.write(b, off, len);
			else others.write(b, off, len);
		}

		@Override
		public void flush() {
			others.flush();
		}
	}
}
