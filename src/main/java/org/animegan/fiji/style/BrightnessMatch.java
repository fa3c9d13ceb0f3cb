package org.animegan.fiji.style;

import org.animegan.fiji.image.RgbImage;

/**
 * {@code brightness_match}: as the official AnimeGANv2 test code does, scales the result so that
 * its mean luma (0.299 R + 0.587 G + 0.114 B) equals the photo's, then clamps to 0..255.
 */
public final class BrightnessMatch {

	private BrightnessMatch() {}

	public static double meanLuma(final RgbImage img) {
		final float[] d = img.data();
		final int n = img.area();
		double sum = 0;
		for (int i = 0; i < n; i++)
			sum += 0.299 * d[i] + 0.587 * d[n + i] + 0.114 * d[2 * n + i];
		return sum / n;
	}

	/** A new image: {@code result} scaled to the mean luma of {@code source}. */
	public static RgbImage match(final RgbImage result, final RgbImage source) {
		final double target = meanLuma(source), current = meanLuma(result);
		// A black result cannot be scaled to anything; leave it as it is.
		final float f = current > 1e-6 ? (float) (target / current) : 1f;
		final float[] d = result.data();
		final float[] out = new float[d.length];
		for (int i = 0; i < d.length; i++)
			out[i] = Mix.clamp(d[i] * f);
		return new RgbImage(result.width(), result.height(), out);
	}
}
