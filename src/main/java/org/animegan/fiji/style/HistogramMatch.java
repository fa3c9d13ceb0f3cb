package org.animegan.fiji.style;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.animegan.fiji.image.RgbImage;

/**
 * {@code color_shift=histogram}: gives each channel of the result the value distribution of the
 * same channel of the source photo, so the photo's colour balance is kept while the model's
 * shapes and edges stay.
 * <p>
 * How: rank matching on the model's float result, before anything is rounded to 8 bits. A
 * channel's pixels are sorted by value, equal values by pixel index (so ties are broken by
 * position, not left to share one value), and the k-th ranked pixel gets the source's value at the
 * same quantile (the centre of the k-th of n equal bins of the sorted source values).
 * <p>
 * What it promises: for a result of the photo's size (as in {@link StyleSteps}), each channel of
 * the output holds exactly the photo's values of that channel, each as often as in the photo: the
 * same histogram, hence the same mean and spread, whatever the model put out, also a result with
 * only a few distinct values or a single one. The values are the photo's own, so rounding to 8 bits
 * afterwards changes none of them. The model decides only where each value goes: a brighter result
 * pixel never gets a darker value than a dimmer one. For other sizes each channel's quantiles are the
 * photo's, to within one bin. Steps after it ({@code brightness_match}, {@code blend_original},
 * {@code sharpen_factor}) change the statistics again by design.
 */
public final class HistogramMatch {

	private HistogramMatch() {}

	/** A new image: {@code result} with each channel's histogram matched to {@code source}'s. */
	public static RgbImage match(final RgbImage result, final RgbImage source) {
		return match(result, reference(source));
	}

	/**
	 * The source's values, sorted per channel: what matching needs of the photo, kept by the live
	 * preview, which matches many results against one photo.
	 */
	public static final class Reference {

		private final float[][] sorted;

		private Reference(final float[][] sorted) {
			this.sorted = sorted;
		}
	}

	public static Reference reference(final RgbImage source) {
		final int m = source.area();
		final float[][] sorted = new float[3][];
		IntStream.range(0, 3).parallel().forEach(c -> {
			sorted[c] = Arrays.copyOfRange(source.data(), c * m, (c + 1) * m);
			Arrays.sort(sorted[c]);
		});
		return new Reference(sorted);
	}

	/** {@code result} matched to the photo that {@code reference} was made of. */
	public static RgbImage match(final RgbImage result, final Reference reference) {
		final int n = result.area();
		final float[] out = new float[3 * n];
		final float[] r = result.data();
		// The channels are independent: one task each.
		IntStream.range(0, 3).parallel().forEach(c -> {
			final float[] sorted = reference.sorted[c];
			final int m = sorted.length;
			// Sort the result's pixel indices by value: value bits in the high word, index low.
			final long[] keys = new long[n];
			for (int i = 0; i < n; i++)
				keys[i] = ((long) sortable(r[c * n + i]) << 32) | i;
			Arrays.sort(keys);
			for (int k = 0; k < n; k++) {
				final int i = (int) (keys[k] & 0xffffffffL);
				final int q = (int) ((2L * k + 1) * m / (2L * n)); // centre of the k-th quantile bin
				out[c * n + i] = sorted[q];
			}
		});
		return new RgbImage(result.width(), result.height(), out);
	}

	/** An int whose signed order is the float's order (values here are non-negative anyway). */
	private static int sortable(final float v) {
		final int bits = Float.floatToIntBits(v);
		return bits >= 0 ? bits : bits ^ 0x7fffffff;
	}
}
