package org.animegan.fiji.style;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.RgbImage;

/**
 * {@code color_shift=lut}: a 3D colour LUT from an Adobe/Resolve {@code .cube} file, applied with
 * trilinear interpolation. The file has keyword lines ({@code LUT_3D_SIZE N}, optional
 * {@code DOMAIN_MIN r g b} / {@code DOMAIN_MAX r g b}, {@code TITLE "..."}), comments starting with
 * {@code #}, and N³ lines {@code r g b} of output values with red changing fastest, then green,
 * then blue.
 * <p>
 * A LUT file comes from anywhere, so it is read with limits, and every check is made before the
 * table is allocated, once: at most {@value #MAX_FILE_MB} MB, lines of at most {@value #MAX_LINE}
 * characters, {@code LUT_3D_SIZE} from {@value #MIN_SIZE} to {@value #MAX_SIZE} (the format allows
 * 256, a 201 MB table; LUTs in use have 17, 33 or 65 points, 129 is 26 MB) and only one such line,
 * exactly N³ data lines, every number finite and within ±{@value #MAX_ABS}, and each channel's
 * DOMAIN_MIN below its DOMAIN_MAX. Output values outside 0..1 (HDR LUTs, rounding below 0) are kept
 * and the interpolated result is clamped, as the format intends.
 */
public final class CubeLut {

	public static final int MIN_SIZE = 2;
	public static final int MAX_SIZE = 129;
	public static final int MAX_FILE_MB = 128;
	/** Enough for a TITLE and three numbers with any number of digits a tool writes. */
	public static final int MAX_LINE = 1024;
	/** Bound on every number, so that the float table and the domain arithmetic stay finite. */
	public static final double MAX_ABS = 1000;
	/** The fewest bytes one data line can take: {@code "0 0 0\n"}. */
	private static final int MIN_ENTRY_BYTES = 6;
	private static final Pattern SPACE = Pattern.compile("\\s+");
	private static final Pattern KEYWORD = Pattern.compile("[A-Z][A-Z0-9_]*");

	private final int size;
	private final float[] table; // (b * size + g) * size + r, then 3 values
	private final float[] domainMin;
	private final float[] domainMax;

	CubeLut(final int size, final float[] table, final float[] domainMin, final float[] domainMax) {
		this.size = size;
		this.table = table;
		this.domainMin = domainMin;
		this.domainMax = domainMax;
	}

	public int size() {
		return size;
	}

	/** Reads a .cube file; any problem becomes a message naming the file and line. */
	public static CubeLut read(final Path file) throws AnimeGanException {
		if (file == null || file.toString().isEmpty()) throw new AnimeGanException(StyleMessages
			.noLutFile());
		if (!Files.isRegularFile(file)) throw new AnimeGanException(StyleMessages.lutNotFound(file));
		try (InputStream in = Files.newInputStream(file)) {
			// The size is checked on the open file, so a swap between check and read changes nothing.
			final long bytes = Files.size(file);
			final long limit = (long) MAX_FILE_MB << 20;
			if (bytes > limit) throw new AnimeGanException(LutMessages.tooLarge(file, bytes, limit));
			return new Parser(file, bytes).parse(new LineReader(in, limit));
		}
		catch (final IOException e) {
			throw new AnimeGanException(StyleMessages.badLut(file, 0, "cannot read the file"), e);
		}
	}

	/** Text lines of bounded length; refuses control characters, which no .cube file has. */
	private static final class LineReader {

		private final InputStream in;
		private final byte[] line = new byte[MAX_LINE];
		private final byte[] buf = new byte[1 << 16];
		private int pos, end;
		private final long limit;
		private long left;

		LineReader(final InputStream in, final long limit) {
			this.in = in;
			this.limit = limit;
			this.left = limit;
		}

		/** The next line, null at the end. */
		String next(final Parser p) throws IOException, AnimeGanException {
			int n = 0, b = read();
			if (b < 0) return null;
			for (; b >= 0 && b != '\n'; b = read()) {
				// A file that grows after the size check still ends at the limit.
				if (--left < 0) throw new AnimeGanException(LutMessages.tooLarge(p.file, limit + 1,
					limit));
				if (b < 0x20 && b != '\t' && b != '\r' && b != '\f' || b == 0x7f) throw p.error(
					LutMessages.notText());
				if (n == MAX_LINE) throw p.error(LutMessages.lineTooLong(MAX_LINE));
				line[n++] = (byte) b;
			}
			return new String(line, 0, n, StandardCharsets.ISO_8859_1);
		}

		/** One byte from our own buffer (BufferedInputStream locks on every read). */
		private int read() throws IOException {
			if (pos == end) {
				end = in.read(buf);
				pos = 0;
				if (end <= 0) {
					end = 0;
					return -1;
				}
			}
			return buf[pos++] & 0xff;
		}
	}

	/** One pass over the lines; the table is allocated once, at the only LUT_3D_SIZE line. */
	private static final class Parser {

		private final Path file;
		private final long bytes;
		private int size, count, lineNo;
		private float[] table;
		private final float[] min = { 0, 0, 0 }, max = { 1, 1, 1 };

		Parser(final Path file, final long bytes) {
			this.file = file;
			this.bytes = bytes;
		}

		AnimeGanException error(final String why) {
			return new AnimeGanException(StyleMessages.badLut(file, lineNo + 1, why));
		}

		CubeLut parse(final LineReader in) throws IOException, AnimeGanException {
			for (String line = in.next(this); line != null; line = in.next(this)) {
				line(line);
				lineNo++;
			}
			lineNo = -1; // what is missing at the end belongs to no line
			if (table == null) throw error("no LUT_3D_SIZE line");
			if (count != table.length) throw error("found " + count / 3 + " entries instead of " +
				table.length / 3);
			for (int c = 0; c < 3; c++)
				if (!(max[c] > min[c])) throw error(LutMessages.domainOrder());
			return new CubeLut(size, table, min, max);
		}

		private void line(final String line) throws AnimeGanException {
			final int hash = line.indexOf('#');
			final String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
			if (t.isEmpty()) return;
			final String[] f = SPACE.split(t);
			final String key = f[0].toUpperCase(Locale.ROOT);
			final char first = key.charAt(0);
			if (key.equals("TITLE")) return;
			if (key.equals("LUT_1D_SIZE")) throw error("1D LUTs are not supported, only 3D");
			if (key.equals("LUT_3D_SIZE")) size(f);
			else if (key.equals("DOMAIN_MIN") || key.equals("DOMAIN_MAX")) {
				final float[] target = key.equals("DOMAIN_MIN") ? min : max;
				for (int c = 0; c < 3; c++)
					target[c] = number(f, c + 1);
			}
			else if (key.equals("LUT_3D_INPUT_RANGE")) { // Resolve's form: one range for all channels
				final float lo = number(f, 1), hi = number(f, 2);
				for (int c = 0; c < 3; c++) {
					min[c] = lo;
					max[c] = hi;
				}
			}
			// NaN and Infinity look like keywords; as data they must be refused, not skipped.
			else if (first >= '0' && first <= '9' || first == '-' || first == '+' || first == '.' ||
				isNumber(f[0])) data(f);
			else if (!KEYWORD.matcher(key).matches()) throw error(LutMessages.unexpectedText());
			// Other keywords (LUT_IN_VIDEO_RANGE ...) do not change the mapping.
		}

		private void size(final String[] f) throws AnimeGanException {
			if (table != null) throw error(LutMessages.secondSize());
			try {
				size = f.length == 2 ? Integer.parseInt(f[1]) : 0;
			}
			catch (final NumberFormatException e) {
				size = 0; // 100000000000 or 33.5: as wrong as 0
			}
			if (size < MIN_SIZE || size > MAX_SIZE) throw error(LutMessages.sizeRange(MIN_SIZE,
				MAX_SIZE));
			final long entries = (long) size * size * size;
			// A short file cannot hold the lines it declares: refuse before allocating for them.
			if (entries * MIN_ENTRY_BYTES - 1 > bytes) throw error(LutMessages.fileTooShort(size));
			table = new float[(int) (3 * entries)];
		}

		private void data(final String[] f) throws AnimeGanException {
			if (table == null) throw error("data before LUT_3D_SIZE");
			if (count >= table.length) throw error("more than LUT_3D_SIZE^3 entries");
			if (f.length != 3) throw error("expected three numbers");
			for (int c = 0; c < 3; c++)
				table[count++] = number(f, c);
		}

		private static boolean isNumber(final String s) {
			try {
				Double.parseDouble(s);
				return true;
			}
			catch (final NumberFormatException e) {
				return false;
			}
		}

		private float number(final String[] f, final int i) throws AnimeGanException {
			final double d;
			try {
				if (i >= f.length) throw error("expected a number");
				d = Double.parseDouble(f[i]);
			}
			catch (final NumberFormatException e) {
				throw error("expected a number");
			}
			// NaN fails both comparisons; -1e300 would become -Infinity as a float.
			if (!(d >= -MAX_ABS && d <= MAX_ABS)) throw error(LutMessages.valueRange(MAX_ABS));
			return (float) d;
		}
	}

	/** A new image: each pixel (0..255 scale) mapped through the LUT, clamped to 0..255. */
	public RgbImage apply(final RgbImage img) {
		final int n = img.area();
		final float[] d = img.data();
		final float[] out = new float[3 * n];
		final float[] rgb = new float[3];
		for (int i = 0; i < n; i++) {
			lookup(d[i] / 255f, d[n + i] / 255f, d[2 * n + i] / 255f, rgb);
			out[i] = Mix.clamp(rgb[0] * 255f);
			out[n + i] = Mix.clamp(rgb[1] * 255f);
			out[2 * n + i] = Mix.clamp(rgb[2] * 255f);
		}
		return new RgbImage(img.width(), img.height(), out);
	}

	/** Trilinear interpolation at (r, g, b) in the LUT's input domain; output into {@code rgb}. */
	void lookup(final float r, final float g, final float b, final float[] rgb) {
		final float x = lattice(r, 0), y = lattice(g, 1), z = lattice(b, 2);
		final int x0 = Math.min((int) x, size - 2), y0 = Math.min((int) y, size - 2), z0 = Math.min(
			(int) z, size - 2);
		final float fx = x - x0, fy = y - y0, fz = z - z0;
		for (int c = 0; c < 3; c++) {
			final float c00 = mix(at(x0, y0, z0, c), at(x0 + 1, y0, z0, c), fx);
			final float c10 = mix(at(x0, y0 + 1, z0, c), at(x0 + 1, y0 + 1, z0, c), fx);
			final float c01 = mix(at(x0, y0, z0 + 1, c), at(x0 + 1, y0, z0 + 1, c), fx);
			final float c11 = mix(at(x0, y0 + 1, z0 + 1, c), at(x0 + 1, y0 + 1, z0 + 1, c), fx);
			rgb[c] = mix(mix(c00, c10, fy), mix(c01, c11, fy), fz);
		}
	}

	/** Position on the lattice 0..size-1, inputs outside the domain clamped to its edge. */
	private float lattice(final float v, final int c) {
		final float t = (v - domainMin[c]) / (domainMax[c] - domainMin[c]);
		return (t <= 0 ? 0 : t >= 1 ? 1 : t) * (size - 1);
	}

	private float at(final int r, final int g, final int b, final int c) {
		return table[3 * ((b * size + g) * size + r) + c];
	}

	private static float mix(final float a, final float b, final float t) {
		return a + t * (b - a);
	}
}
