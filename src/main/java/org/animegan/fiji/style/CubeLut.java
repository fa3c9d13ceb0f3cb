package org.animegan.fiji.style;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.RgbImage;

/**
 * {@code color_shift=lut}: a 3D colour LUT from an Adobe/Resolve {@code .cube} file, applied with
 * trilinear interpolation. The file has keyword lines ({@code LUT_3D_SIZE N}, optional
 * {@code DOMAIN_MIN r g b} / {@code DOMAIN_MAX r g b}, {@code TITLE "..."}), comments starting with
 * {@code #}, and N³ lines {@code r g b} of output values with red changing fastest, then green,
 * then blue.
 */
public final class CubeLut {

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
		try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
			return parse(in, file);
		}
		catch (final IOException e) {
			throw new AnimeGanException(StyleMessages.badLut(file, 0, "cannot read the file"), e);
		}
	}

	private static CubeLut parse(final BufferedReader in, final Path file) throws IOException,
		AnimeGanException
	{
		int size = 0, count = 0, lineNo = 0;
		float[] table = null;
		final float[] min = { 0, 0, 0 }, max = { 1, 1, 1 };
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			lineNo++;
			final int hash = line.indexOf('#');
			final String t = (hash >= 0 ? line.substring(0, hash) : line).trim();
			if (t.isEmpty()) continue;
			final String[] f = t.split("\\s+");
			final String key = f[0].toUpperCase(Locale.ROOT);
			if (key.equals("TITLE")) continue;
			if (key.equals("LUT_1D_SIZE")) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
				"1D LUTs are not supported, only 3D"));
			if (key.equals("LUT_3D_SIZE")) {
				size = (int) number(f, 1, file, lineNo);
				if (size < 2 || size > 256) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
					"LUT_3D_SIZE must be between 2 and 256"));
				table = new float[3 * size * size * size];
			}
			else if (key.equals("DOMAIN_MIN") || key.equals("DOMAIN_MAX")) {
				final float[] target = key.equals("DOMAIN_MIN") ? min : max;
				for (int c = 0; c < 3; c++)
					target[c] = (float) number(f, c + 1, file, lineNo);
			}
			else if (key.equals("LUT_3D_INPUT_RANGE")) { // Resolve's form: one range for all channels
				final float lo = (float) number(f, 1, file, lineNo), hi = (float) number(f, 2, file, lineNo);
				for (int c = 0; c < 3; c++) {
					min[c] = lo;
					max[c] = hi;
				}
			}
			else if (Character.isLetter(key.charAt(0))) {
				continue; // other keywords (LUT_IN_VIDEO_RANGE ...) do not change the mapping
			}
			else {
				if (table == null) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
					"data before LUT_3D_SIZE"));
				if (count >= table.length) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
					"more than LUT_3D_SIZE^3 entries"));
				if (f.length != 3) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
					"expected three numbers"));
				for (int c = 0; c < 3; c++)
					table[count++] = (float) number(f, c, file, lineNo);
			}
		}
		if (table == null) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
			"no LUT_3D_SIZE line"));
		if (count != table.length) throw new AnimeGanException(StyleMessages.badLut(file, lineNo, "found " +
			count / 3 + " entries instead of " + table.length / 3));
		for (int c = 0; c < 3; c++)
			if (!(max[c] > min[c])) throw new AnimeGanException(StyleMessages.badLut(file, lineNo,
				"DOMAIN_MAX must be above DOMAIN_MIN"));
		return new CubeLut(size, table, min, max);
	}

	private static double number(final String[] f, final int i, final Path file, final int line)
		throws AnimeGanException
	{
		try {
			if (i >= f.length) throw new NumberFormatException();
			final double d = Double.parseDouble(f[i]);
			if (!Double.isFinite(d)) throw new NumberFormatException();
			return d;
		}
		catch (final NumberFormatException e) {
			throw new AnimeGanException(StyleMessages.badLut(file, line, "expected a number"), e);
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
