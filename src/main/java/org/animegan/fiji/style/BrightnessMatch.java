package org.animegan.fiji.style;

import org.animegan.fiji.image.RgbImage;

/**
 * {@code brightness_match}: as the official AnimeGANv2 test code does, scales the result so that
 * its mean luma (0.299 R + 0.587 G + 0.114 B) equals the photo's, then clamps to 0..255. It works on
 * the model's float result, before anything is rounded to 8 bits.
 * <p>
 * Promise: the result's mean luma is the photo's, up to the final rounding to 8 bits (within half a
 * grey level), whenever a scale can reach it. Where brightening pushes pixels past white, clamping
 * would lose some of the gain, so the factor is then raised until the clamped result's mean is the
 * photo's. Only a result that is black, or too dark even with every non-black pixel white, stays
 * below.
 */
public final class BrightnessMatch {

	/** Bisection steps for the factor under clamping: the factor's range shrinks 2^-40. */
	private static final int STEPS = 40;

	private BrightnessMatch() {}

	public static double meanLuma(final RgbImage img) {
		return meanLuma(img.data(), img.area(), 1);
	}

	/** Mean luma of {@code d} scaled by {@code f} and clamped to 0..255. */
	private static double meanLuma(final float[] d, final int n, final double f) {
		double sum = 0;
		for (int i = 0; i < n; i++)
			sum += 0.299 * Mix.clamp((float) (d[i] * f)) + 0.587 * Mix.clamp((float) (d[n + i] * f)) +
				0.114 * Mix.clamp((float) (d[2 * n + i] * f));
		return sum / n;
	}

	/** A new image: {@code result} scaled to the mean luma of {@code source}. */
	public static RgbImage match(final RgbImage result, final RgbImage source) {
		final float[] d = result.data();
		final int n = result.area();
		final double target = meanLuma(source), current = meanLuma(d, n, 1);
		// A black result cannot be scaled to anything; leave it as it is.
		final double f = current > 1e-6 ? factor(d, n, target, target / current) : 1;
		final float[] out = new float[d.length];
		for (int i = 0; i < d.length; i++)
			out[i] = Mix.clamp((float) (d[i] * f));
		return new RgbImage(result.width(), result.height(), out);
	}

	/**
	 * The factor whose clamped result has the mean luma {@code target}: {@code first} unless
	 * clamping at white took some of its gain, else found by bisection (the clamped mean grows with
	 * the factor).
	 */
	private static double factor(final float[] d, final int n, final double target,
		final double first)
	{
		if (first <= 1 || meanLuma(d, n, first) >= target - 1e-3) return first;
		float smallest = Float.MAX_VALUE;
		for (final float v : d)
			if (v > 0 && v < smallest) smallest = v;
		// At this factor every non-black value is white: no larger factor brightens further.
		double hi = Math.max(first, 255.0 / smallest), lo = first;
		if (meanLuma(d, n, hi) <= target) return hi;
		for (int k = 0; k < STEPS; k++) {
			final double mid = 0.5 * (lo + hi);
			if (meanLuma(d, n, mid) < target) lo = mid;
			else hi = mid;
		}
		return hi;
	}
}
