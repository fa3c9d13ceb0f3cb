package org.animegan.fiji.image;

/**
 * Separable resampling with an anti-aliasing filter: when shrinking, the kernel is widened by the
 * scale factor so that every source pixel contributes (no aliasing); when enlarging it interpolates.
 */
public final class Resampler {

	/** The interpolation kernel. */
	public enum Filter {
		/** Triangle kernel: bilinear interpolation, area-like averaging when shrinking. */
		BILINEAR(1.0),
		/** Lanczos with three lobes, for sharp high-quality scaling (face crops). */
		LANCZOS3(3.0);

		final double support;

		Filter(final double support) {
			this.support = support;
		}

		double weight(final double x) {
			final double ax = Math.abs(x);
			switch (this) {
				case BILINEAR:
					return ax < 1 ? 1 - ax : 0;
				default:
					if (ax < 1e-8) return 1;
					if (ax >= 3) return 0;
					final double px = Math.PI * x;
					return 3 * Math.sin(px) * Math.sin(px / 3) / (px * px);
			}
		}
	}

	private Resampler() {}

	public static RgbImage resize(final RgbImage in, final int width, final int height) {
		return resize(in, width, height, Filter.BILINEAR);
	}

	public static RgbImage resize(final RgbImage in, final int width, final int height,
		final Filter filter)
	{
		if (width == in.width() && height == in.height()) return in;
		final Weights wx = Weights.of(in.width(), width, filter);
		final Weights wy = Weights.of(in.height(), height, filter);
		final RgbImage out = new RgbImage(width, height);
		final float[] tmp = new float[width * in.height()];
		for (int c = 0; c < 3; c++) {
			horizontal(in.data(), c * in.area(), in.width(), in.height(), wx, tmp);
			vertical(tmp, width, wy, out.data(), c * out.area());
		}
		return out;
	}

	private static void horizontal(final float[] src, final int offset, final int srcW,
		final int h, final Weights w, final float[] dst)
	{
		final int dstW = w.first.length;
		for (int y = 0; y < h; y++) {
			final int row = offset + y * srcW;
			for (int x = 0; x < dstW; x++) {
				final int first = w.first[x];
				final int base = x * w.taps;
				double sum = 0;
				for (int k = 0; k < w.count[x]; k++)
					sum += src[row + first + k] * w.weights[base + k];
				dst[y * dstW + x] = (float) sum;
			}
		}
	}

	private static void vertical(final float[] src, final int width, final Weights w,
		final float[] dst, final int offset)
	{
		final int dstH = w.first.length;
		final double[] acc = new double[width];
		for (int y = 0; y < dstH; y++) {
			java.util.Arrays.fill(acc, 0);
			final int first = w.first[y];
			final int base = y * w.taps;
			for (int k = 0; k < w.count[y]; k++) {
				final float wk = w.weights[base + k];
				final int row = (first + k) * width;
				for (int x = 0; x < width; x++)
					acc[x] += src[row + x] * wk;
			}
			final int out = offset + y * width;
			for (int x = 0; x < width; x++)
				dst[out + x] = (float) acc[x];
		}
	}

	/** For each output index: the first source index, how many taps, and their normalised weights. */
	private static final class Weights {

		final int[] first;
		final int[] count;
		final float[] weights;
		final int taps;

		private Weights(final int[] first, final int[] count, final float[] weights, final int taps) {
			this.first = first;
			this.count = count;
			this.weights = weights;
			this.taps = taps;
		}

		static Weights of(final int srcSize, final int dstSize, final Filter filter) {
			final double scale = (double) srcSize / dstSize;
			final double stretch = Math.max(scale, 1.0);
			final double support = filter.support * stretch;
			final int taps = (int) Math.ceil(support) * 2 + 1;
			final int[] first = new int[dstSize];
			final int[] count = new int[dstSize];
			final float[] weights = new float[dstSize * taps];
			for (int i = 0; i < dstSize; i++) {
				final double centre = (i + 0.5) * scale;
				int lo = (int) Math.floor(centre - support);
				int hi = (int) Math.ceil(centre + support);
				lo = Math.max(lo, 0);
				hi = Math.min(hi, srcSize);
				double total = 0;
				int n = 0;
				for (int j = lo; j < hi && n < taps; j++, n++) {
					final double wgt = filter.weight((j + 0.5 - centre) / stretch);
					weights[i * taps + n] = (float) wgt;
					total += wgt;
				}
				if (total == 0) {
					// Degenerate (tiny source): take the nearest pixel.
					lo = Math.min(srcSize - 1, Math.max(0, (int) centre));
					n = 1;
					weights[i * taps] = 1;
					total = 1;
				}
				for (int k = 0; k < n; k++)
					weights[i * taps + k] /= total;
				first[i] = lo;
				count[i] = n;
			}
			return new Weights(first, count, weights, taps);
		}
	}
}
