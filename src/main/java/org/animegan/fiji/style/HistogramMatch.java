package org.animegan.fiji.style;

import java.util.Arrays;

import org.animegan.fiji.image.RgbImage;

/**
 * {@code color_shift=histogram}: gives each channel of the result the value distribution of the
 * same channel of the source photo, so the photo's colour balance is kept while the model's
 * shapes and edges stay. Exact rank matching: the k-th darkest result pixel gets the value of the
 * source pixel at the same quantile, so for equal sizes the channel histograms become identical.
 */
public final class HistogramMatch {

	private HistogramMatch() {}

	/** A new image: {@code result} with each channel's histogram matched to {@code source}'s. */
	public static RgbImage match(final RgbImage result, final RgbImage source) {
		final int n = result.area(), m = source.area();
		final float[] out = new float[3 * n];
		final float[] r = result.data(), s = source.data();
		final float[] sorted = new float[m];
		final long[] keys = new long[n];
		for (int c = 0; c < 3; c++) {
			System.arraycopy(s, c * m, sorted, 0, m);
			Arrays.sort(sorted);
			// Sort the result's pixel indices by value: value bits in the high word, index low.
			for (int i = 0; i < n; i++)
				keys[i] = ((long) sortable(r[c * n + i]) << 32) | i;
			Arrays.sort(keys);
			for (int k = 0; k < n; k++) {
				final int i = (int) (keys[k] & 0xffffffffL);
				final int q = (int) ((2L * k + 1) * m / (2L * n)); // centre of the k-th quantile bin
				out[c * n + i] = sorted[q];
			}
		}
		return new RgbImage(result.width(), result.height(), out);
	}

	/** An int whose signed order is the float's order (values here are non-negative anyway). */
	private static int sortable(final float v) {
		final int bits = Float.floatToIntBits(v);
		return bits >= 0 ? bits : bits ^ 0x7fffffff;
	}
}
