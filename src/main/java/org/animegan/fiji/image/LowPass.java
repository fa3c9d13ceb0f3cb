package org.animegan.fiji.image;

/**
 * A Gaussian-like blur (three box passes per axis, edges clamped), in place. Used at low resolution
 * only, to carry the tones of a whole-image pass over to a tiled result.
 */
public final class LowPass {

	private LowPass() {}

	public static void blur(final RgbImage img, final double sigma) {
		if (sigma <= 0) return;
		// Three boxes of width w have variance 3 (w^2 - 1) / 12 = sigma^2.
		final int r = Math.max(1, (int) Math.round((Math.sqrt(4 * sigma * sigma + 1) - 1) / 2));
		final int w = img.width(), h = img.height(), area = img.area();
		final float[] d = img.data();
		final float[] line = new float[Math.max(w, h)];
		for (int c = 0; c < 3; c++) {
			final int base = c * area;
			for (int pass = 0; pass < 3; pass++) {
				for (int y = 0; y < h; y++)
					box(d, base + y * w, 1, w, r, line);
				for (int x = 0; x < w; x++)
					box(d, base + x, w, h, r, line);
			}
		}
	}

	/** Running-sum box filter of radius r over n samples at offset, step apart. */
	private static void box(final float[] d, final int offset, final int step, final int n,
		final int r, final float[] line)
	{
		for (int i = 0; i < n; i++)
			line[i] = d[offset + i * step];
		double sum = 0;
		for (int k = -r; k <= r; k++)
			sum += line[clamp(k, n)];
		final float norm = 1f / (2 * r + 1);
		for (int i = 0; i < n; i++) {
			d[offset + i * step] = (float) sum * norm;
			sum += line[clamp(i + r + 1, n)] - line[clamp(i - r, n)];
		}
	}

	private static int clamp(final int i, final int n) {
		return i < 0 ? 0 : i >= n ? n - 1 : i;
	}
}
