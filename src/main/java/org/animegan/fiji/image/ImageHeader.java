package org.animegan.fiji.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of an image file's planes, read from its header without decoding a pixel: PNG (IHDR),
 * JPEG (the SOFn marker) and TIFF (every IFD, as ImageJ reads them). A file of a few hundred bytes
 * can claim gigapixels, and decoders allocate what the header claims, so this is read first and the
 * memory budget applied before decoding. Only a handful of small reads; the TIFF walk is bounded by
 * {@link #MAX_PAGES} and refuses an IFD chain that loops.
 */
public final class ImageHeader {

	public enum Format {
		PNG, JPEG, TIFF
	}

	/** Why a header cannot be used. */
	public enum Problem {
		/** The TIFF's chain of pages (IFDs) comes back to a page already read. */
		PAGE_LOOP,
		/** More than {@link #MAX_PAGES} TIFF pages. */
		TOO_MANY_PAGES,
		/** The header contradicts its own format. */
		MALFORMED
	}

	/** A header that cannot be trusted. */
	public static final class Damaged extends IOException {

		private static final long serialVersionUID = 1L;
		public final Problem problem;

		Damaged(final Problem problem, final String detail) {
			super(detail);
			this.problem = problem;
		}
	}

	/** TIFF pages walked at most: far beyond any real stack of separate pages. */
	public static final int MAX_PAGES = 1 << 20;
	/** Strips or tiles of one TIFF page at most (16 M: a table of 64 MB). */
	static final long MAX_ARRAY = 1 << 24;
	/** JPEG segments skipped at most before the frame header (real files have a few dozen). */
	static final int MAX_JPEG_SEGMENTS = 1 << 16;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
		'\n' };
	private static final Pattern IMAGEJ_IMAGES = Pattern.compile("\nimages=(\\d{1,10})");

	public final Format format;
	/** The largest page's sides, in pixels. */
	public final long width, height;
	/** The planes ImageJ makes of the file. */
	public final long pages;
	/**
	 * Java heap that decoding takes: ImageJ's planes (1 byte a pixel for 8-bit grey, 2 for 16-bit, 4
	 * for RGB) plus the decoder's own raster of the largest page.
	 */
	public final long decodedBytes;
	/** Some of the data the header declares (a strip, a page) lies beyond the end of the file. */
	public final boolean truncated;
	/** Every page has the same size and type, so ImageJ opens one plane per page. */
	public final boolean uniform;

	private ImageHeader(final Format format, final List<Page> pages, final long count,
		final boolean truncated)
	{
		this.format = format;
		long w = 0, h = 0, planes = 0, raster = 0;
		boolean same = true;
		for (final Page p : pages) {
			w = Math.max(w, p.width);
			h = Math.max(h, p.height);
			planes = add(planes, times(p.width, p.height, p.imageJBytes));
			raster = Math.max(raster, times(p.width, p.height, p.rasterBytes));
			same &= p.sameAs(pages.get(0));
		}
		// An ImageJ stack declares its planes once, in the first page.
		if (count > pages.size()) planes = times(planes, count, 1);
		this.width = w;
		this.height = h;
		this.pages = count;
		this.decodedBytes = add(planes, raster);
		this.truncated = truncated;
		this.uniform = same;
	}

	/**
	 * Reads the header of a PNG, JPEG or TIFF file, whatever its name says.
	 *
	 * @return empty for other formats (and BigTIFF), which are left to the decoder as before
	 * @throws Damaged if the header is inconsistent or its TIFF pages loop
	 * @throws IOException if the file cannot be read
	 */
	public static Optional<ImageHeader> read(final Path file) throws IOException {
		try (SeekableByteChannel ch = Files.newByteChannel(file)) {
			return read(ch);
		}
	}

	/**
	 * As {@link #read(Path)}, through any seekable channel (a file on another file system, such as
	 * HDFS); the channel is left open.
	 */
	public static Optional<ImageHeader> read(final SeekableByteChannel ch) throws IOException {
		final Reader in = new Reader(ch);
		final ByteBuffer magic = in.at(0, 8);
		if (magic == null) return Optional.empty();
		if (startsWith(magic, PNG_SIGNATURE)) return Optional.of(png(in));
		final int b0 = magic.get(0) & 0xff, b1 = magic.get(1) & 0xff;
		if (b0 == 0xff && b1 == 0xd8) return Optional.of(jpeg(in));
		if (b0 == 'I' && b1 == 'I' || b0 == 'M' && b1 == 'M') {
			magic.order(b0 == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
			if (magic.getShort(2) == 42) return Optional.of(tiff(in, magic.order(), magic.getInt(4) &
				0xffffffffL));
		}
		return Optional.empty();
	}

	private static ImageHeader png(final Reader in) throws IOException {
		final ByteBuffer ihdr = in.at(8, 8 + 13);
		if (ihdr == null || ihdr.getInt(0) != 13 || ihdr.getInt(4) != 0x49484452) {
			throw new Damaged(Problem.MALFORMED, "no IHDR chunk");
		}
		final long w = ihdr.getInt(8) & 0xffffffffL, h = ihdr.getInt(12) & 0xffffffffL;
		final int depth = ihdr.get(16), colour = ihdr.get(17);
		final int samples = colour == 0 || colour == 3 ? 1 : colour == 4 ? 2 : colour == 2 ? 3 : 4;
		final int imageJ = colour == 0 ? depth == 16 ? 2 : 1 : 4;
		return single(Format.PNG, w, h, imageJ, Math.max(1, samples * depth / 8));
	}

	private static ImageHeader jpeg(final Reader in) throws IOException {
		long p = 2;
		for (int segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
			final ByteBuffer m = in.at(p, 4);
			if (m == null) throw new Damaged(Problem.MALFORMED, "no frame header");
			if ((m.get(0) & 0xff) != 0xff) throw new Damaged(Problem.MALFORMED, "not a marker at " + p);
			final int code = m.get(1) & 0xff;
			if (code == 0xff) { // fill byte before a marker
				p++;
				continue;
			}
			if (code == 0x01 || code >= 0xd0 && code <= 0xd7) { // markers without a length
				p += 2;
				continue;
			}
			if (code == 0xd9 || code == 0xda) throw new Damaged(Problem.MALFORMED, "no frame header");
			final int length = m.getShort(2) & 0xffff;
			if (length < 2) throw new Damaged(Problem.MALFORMED, "segment length " + length);
			if (code >= 0xc0 && code <= 0xcf && code != 0xc4 && code != 0xc8 && code != 0xcc) {
				final ByteBuffer sof = in.at(p + 4, 6);
				if (sof == null) throw new Damaged(Problem.MALFORMED, "short frame header");
				final long h = sof.getShort(1) & 0xffff, w = sof.getShort(3) & 0xffff;
				final int components = sof.get(5) & 0xff;
				if (w == 0 || h == 0 || components == 0) throw new Damaged(Problem.MALFORMED, "frame " +
					w + "x" + h + "x" + components);
				return single(Format.JPEG, w, h, components == 1 ? 1 : 4, components);
			}
			p += 2 + length;
		}
		throw new Damaged(Problem.MALFORMED, "too many segments before the frame header");
	}

	private static ImageHeader single(final Format format, final long w, final long h,
		final int imageJBytes, final int rasterBytes) throws Damaged
	{
		if (w == 0 || h == 0) throw new Damaged(Problem.MALFORMED, "size " + w + "x" + h);
		return new ImageHeader(format, List.of(new Page(w, h, imageJBytes, rasterBytes, "")), 1,
			false);
	}

	private static final int IMAGE_WIDTH = 256, IMAGE_LENGTH = 257, BITS_PER_SAMPLE = 258,
		COMPRESSION = 259, DESCRIPTION = 270, STRIP_OFFSETS = 273, SAMPLES_PER_PIXEL = 277,
		STRIP_BYTE_COUNTS = 279, TILE_OFFSETS = 324, TILE_BYTE_COUNTS = 325;

	private static ImageHeader tiff(final Reader in, final ByteOrder order, final long first)
		throws IOException
	{
		final List<Page> pages = new ArrayList<>();
		final Set<Long> seen = new HashSet<>();
		boolean truncated = false;
		long count = 0;
		long ifd = first;
		while (ifd != 0) {
			if (!seen.add(ifd)) throw new Damaged(Problem.PAGE_LOOP, "IFD " + ifd + " again");
			if (seen.size() > MAX_PAGES) throw new Damaged(Problem.TOO_MANY_PAGES, "over " + MAX_PAGES);
			final ByteBuffer n = in.at(ifd, 2);
			if (n == null) {
				truncated = true; // the chain declares a page past the end
				break;
			}
			final int entries = n.order(order).getShort(0) & 0xffff;
			if (entries == 0) break;
			final ByteBuffer dir = in.at(ifd + 2, entries * 12 + 4);
			if (dir == null) {
				truncated = true;
				break;
			}
			dir.order(order);
			final Ifd page = new Ifd(in, order, dir, entries, pages.isEmpty());
			pages.add(page.page());
			truncated |= page.beyond(in.size);
			count++;
			// ImageJ reads the pages of its own stacks from the first IFD alone, and so does this.
			if (page.imageJImages > 1) {
				count = page.imageJImages;
				truncated |= page.stackBeyond(in.size);
				break;
			}
			ifd = dir.getInt(entries * 12) & 0xffffffffL;
		}
		if (pages.isEmpty()) throw new Damaged(Problem.MALFORMED, "no pages");
		for (final Page p : pages)
			if (p.width == 0 || p.height == 0) throw new Damaged(Problem.MALFORMED, "a page of " +
				p.width + "x" + p.height);
		return new ImageHeader(Format.TIFF, pages, count, truncated);
	}

	/** One TIFF image file directory, the tags that size its page and locate its data. */
	private static final class Ifd {

		long width, height, bits = 1, samples = 1, compression = 1;
		long[] offsets = {}, byteCounts = {};
		long imageJImages;
		boolean arraysBeyond;

		Ifd(final Reader in, final ByteOrder order, final ByteBuffer dir, final int entries,
			final boolean first) throws IOException
		{
			for (int i = 0; i < entries; i++) {
				final int e = i * 12;
				final int tag = dir.getShort(e) & 0xffff, type = dir.getShort(e + 2) & 0xffff;
				final long n = dir.getInt(e + 4) & 0xffffffffL;
				switch (tag) {
					case IMAGE_WIDTH:
						width = scalar(dir, e, type);
						break;
					case IMAGE_LENGTH:
						height = scalar(dir, e, type);
						break;
					case BITS_PER_SAMPLE:
						bits = n == 1 ? scalar(dir, e, type) : first(in, order, dir, e, type, n);
						break;
					case SAMPLES_PER_PIXEL:
						samples = scalar(dir, e, type);
						break;
					case COMPRESSION:
						compression = scalar(dir, e, type);
						break;
					case STRIP_OFFSETS:
					case TILE_OFFSETS:
						offsets = array(in, order, dir, e, type, n);
						break;
					case STRIP_BYTE_COUNTS:
					case TILE_BYTE_COUNTS:
						byteCounts = array(in, order, dir, e, type, n);
						break;
					case DESCRIPTION:
						if (first) imageJImages = imageJImages(in, dir, e, n);
						break;
					default:
				}
			}
		}

		Page page() {
			final long imageJ = samples >= 3 ? bits > 8 ? 6 : 4 : bits > 16 ? 4 : bits > 8 ? 2 : 1;
			return new Page(width, height, imageJ, Math.max(1, (bits * samples + 7) / 8), bits + "/" +
				samples);
		}

		/** True if a strip or tile, or the table of them, lies beyond the end of the file. */
		boolean beyond(final long size) {
			if (arraysBeyond) return true;
			for (int i = 0; i < offsets.length; i++) {
				final long count = i < byteCounts.length ? byteCounts[i] : 0;
				if (offsets[i] + count > size) return true;
			}
			return false;
		}

		/** True if an uncompressed ImageJ stack's contiguous planes run past the end of the file. */
		boolean stackBeyond(final long size) {
			if (compression != 1 || offsets.length == 0) return false;
			final long plane = times(width, height, Math.max(1, (bits * samples + 7) / 8));
			return add(offsets[0], times(plane, imageJImages, 1)) > size;
		}

		private long[] array(final Reader in, final ByteOrder order, final ByteBuffer dir,
			final int e, final int type, final long n) throws IOException
		{
			final int size = type == 3 ? 2 : 4;
			if (n == 1) return new long[] { scalar(dir, e, type) };
			if (n * size <= 4) { // stored in the entry itself
				final long[] v = new long[(int) n];
				for (int i = 0; i < n; i++)
					v[i] = type == 3 ? dir.getShort(e + 8 + 2 * i) & 0xffff : dir.getInt(e + 8) &
						0xffffffffL;
				return v;
			}
			if (n > MAX_ARRAY) throw new Damaged(Problem.MALFORMED, "a table of " + n + " values");
			final long at = dir.getInt(e + 8) & 0xffffffffL;
			if (at + n * size > in.size) {
				arraysBeyond = true;
				return new long[0];
			}
			final ByteBuffer b = in.at(at, (int) (n * size)).order(order);
			final long[] v = new long[(int) n];
			for (int i = 0; i < n; i++)
				v[i] = size == 2 ? b.getShort(2 * i) & 0xffff : b.getInt(4 * i) & 0xffffffffL;
			return v;
		}

		private long first(final Reader in, final ByteOrder order, final ByteBuffer dir,
			final int e, final int type, final long n) throws IOException
		{
			final long[] v = array(in, order, dir, e, type, Math.min(n, 4));
			return v.length > 0 ? v[0] : 8;
		}

		private static long imageJImages(final Reader in, final ByteBuffer dir, final int e,
			final long n) throws IOException
		{
			if (n <= 4) return 0;
			final ByteBuffer text = in.at(dir.getInt(e + 8) & 0xffffffffL, (int) Math.min(n, 4096));
			if (text == null) return 0;
			final String s = new String(text.array(), StandardCharsets.ISO_8859_1);
			if (!s.startsWith("ImageJ")) return 0;
			final Matcher m = IMAGEJ_IMAGES.matcher(s);
			return m.find() ? Long.parseLong(m.group(1)) : 0;
		}

		private static long scalar(final ByteBuffer dir, final int e, final int type) {
			return type == 3 ? dir.getShort(e + 8) & 0xffff : dir.getInt(e + 8) & 0xffffffffL;
		}
	}

	/** One page: its size and the bytes a pixel takes in ImageJ and in the decoder's raster. */
	private static final class Page {

		final long width, height, imageJBytes, rasterBytes;
		final String type;

		Page(final long width, final long height, final long imageJBytes, final long rasterBytes,
			final String type)
		{
			this.width = width;
			this.height = height;
			this.imageJBytes = imageJBytes;
			this.rasterBytes = rasterBytes;
			this.type = type;
		}

		boolean sameAs(final Page o) {
			return width == o.width && height == o.height && type.equals(o.type);
		}
	}

	/** Positioned reads of a few bytes; null where they would run past the end of the file. */
	private static final class Reader {

		final SeekableByteChannel ch;
		final long size;

		Reader(final SeekableByteChannel ch) throws IOException {
			this.ch = ch;
			this.size = ch.size();
		}

		ByteBuffer at(final long position, final int n) throws IOException {
			if (position < 0 || n < 0 || position + n > size) return null;
			final ByteBuffer b = ByteBuffer.allocate(n);
			ch.position(position);
			while (b.hasRemaining())
				if (ch.read(b) < 0) throw new EOFException();
			return b.order(ByteOrder.BIG_ENDIAN);
		}
	}

	private static boolean startsWith(final ByteBuffer b, final byte[] prefix) {
		for (int i = 0; i < prefix.length; i++)
			if (b.get(i) != prefix[i]) return false;
		return true;
	}

	/** a * b * c, saturating at Long.MAX_VALUE: headers may claim sides of 2^32. */
	public static long times(final long a, final long b, final long c) {
		try {
			return Math.multiplyExact(Math.multiplyExact(a, b), c);
		}
		catch (final ArithmeticException e) {
			return Long.MAX_VALUE;
		}
	}

	private static long add(final long a, final long b) {
		final long s = a + b;
		return s < 0 ? Long.MAX_VALUE : s;
	}

	@Override
	public String toString() {
		return format + " " + width + "x" + height + " x" + pages + (truncated ? " truncated" : "");
	}
}
