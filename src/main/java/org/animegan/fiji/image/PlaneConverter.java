package org.animegan.fiji.image;

import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

/**
 * Converts ImageJ planes to {@link RgbImage}s "as displayed" (LUT and display range applied), and
 * results back to RGB planes. It reads pixels only: the input's processors are never changed.
 */
public final class PlaneConverter {

	private PlaneConverter() {}

	/** An RGB plane as is. */
	public static RgbImage fromRgb(final ColorProcessor cp) {
		final int[] px = (int[]) cp.getPixels();
		final RgbImage out = new RgbImage(cp.getWidth(), cp.getHeight());
		final float[] d = out.data();
		final int n = px.length;
		for (int i = 0; i < n; i++) {
			final int c = px[i];
			d[i] = (c >> 16) & 0xff;
			d[n + i] = (c >> 8) & 0xff;
			d[2 * n + i] = c & 0xff;
		}
		return out;
	}

	/**
	 * A grey plane (8, 16 or 32-bit) mapped through the display range [min, max] to 0..255 and then
	 * through its LUT, as ImageJ shows it.
	 */
	public static RgbImage fromIndexed(final ImageProcessor ip, final LUT lut, final double min,
		final double max)
	{
		final RgbImage out = new RgbImage(ip.getWidth(), ip.getHeight());
		addIndexed(ip, lut, min, max, out);
		return out;
	}

	/**
	 * Adds a grey plane's displayed colours to {@code acc}; summing the channels of a composite this
	 * way is what ImageJ's composite display shows (before clamping).
	 */
	public static void addIndexed(final ImageProcessor ip, final LUT lut, final double min,
		final double max, final RgbImage acc)
	{
		final byte[] reds = new byte[256], greens = new byte[256], blues = new byte[256];
		lut.getReds(reds);
		lut.getGreens(greens);
		lut.getBlues(blues);
		final float[] d = acc.data();
		final int n = ip.getPixelCount();
		final boolean bytes = ip.getBitDepth() == 8;
		final int[] byteIndex = bytes ? byteDisplayMap(min, max) : null;
		final double range = max - min;
		// ImageJ's own 16-bit mapping divides by (max - min + 1); 32-bit by (max - min).
		final double scale = ip.getBitDepth() == 16 ? 256.0 / (range + 1) : range > 0 ? 255.0 /
			range : 0;
		for (int i = 0; i < n; i++) {
			final int index;
			if (bytes) {
				index = byteIndex[ip.get(i) & 0xff];
			}
			else {
				final double v = (ip.getf(i) - min) * scale + 0.5;
				index = v <= 0 ? 0 : v >= 255 ? 255 : (int) v;
			}
			d[i] += reds[index] & 0xff;
			d[n + i] += greens[index] & 0xff;
			d[2 * n + i] += blues[index] & 0xff;
		}
	}

	/**
	 * The LUT index each 8-bit value is shown with under the display range [min, max]: ImageJ keeps
	 * 8-bit pixels and remaps the LUT instead (ByteProcessor.setMinAndMax), so the same formula is used.
	 */
	static int[] byteDisplayMap(final double min, final double max) {
		final int[] map = new int[256];
		final int lo = (int) Math.round(min);
		for (int v = 0; v < 256; v++) {
			if (v < min) map[v] = 0;
			else if (v > max) map[v] = 255;
			else map[v] = Math.max(0, Math.min(255, (int) (256.0 * (v - lo) / (max - min))));
		}
		return map;
	}

	/** Clamps a sum of channel colours to 0..255, as ImageJ's composite display does. */
	public static void clamp(final RgbImage img) {
		final float[] d = img.data();
		for (int i = 0; i < d.length; i++)
			d[i] = d[i] < 0 ? 0 : d[i] > 255 ? 255 : d[i];
	}

	/** Rounds and clamps to an RGB plane. */
	public static ColorProcessor toRgb(final RgbImage img) {
		final int n = img.area();
		final float[] d = img.data();
		final int[] px = new int[n];
		for (int i = 0; i < n; i++)
			px[i] = 0xff000000 | (to8bit(d[i]) << 16) | (to8bit(d[n + i]) << 8) | to8bit(d[2 * n + i]);
		return new ColorProcessor(img.width(), img.height(), px);
	}

	/** One channel of a result as an 8-bit plane (for composite output). */
	public static ij.process.ByteProcessor toByte(final RgbImage img, final int channel) {
		final int n = img.area();
		final float[] d = img.data();
		final byte[] px = new byte[n];
		for (int i = 0; i < n; i++)
			px[i] = (byte) to8bit(d[channel * n + i]);
		return new ij.process.ByteProcessor(img.width(), img.height(), px);
	}

	public static int to8bit(final float v) {
		final int r = Math.round(v);
		return r < 0 ? 0 : r > 255 ? 255 : r;
	}

	/** True if a 32-bit plane holds NaN or infinite values, which have no display colour. */
	public static boolean hasNonFinite(final ImageProcessor ip) {
		if (!(ip instanceof FloatProcessor)) return false;
		for (final float v : (float[]) ip.getPixels())
			if (!Float.isFinite(v)) return true;
		return false;
	}
}
