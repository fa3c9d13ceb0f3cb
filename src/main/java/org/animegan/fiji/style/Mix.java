package org.animegan.fiji.style;

import org.animegan.fiji.image.RgbImage;

/**
 * Linear mixing of two images of one size, clamped to 0..255. Both {@code style_weight}
 * (from the photo towards the model's result, possibly beyond it) and {@code blend_original} (from
 * the result back towards the photo) are this one step. The model's value space [-1, 1] is an affine
 * image of 0..255, so mixing and clamping here equals doing it in the model's space.
 */
public final class Mix {

	private Mix() {}

	/**
	 * {@code from + t * (to - from)}, clamped; a new image.
	 *
	 * @param t 0 gives {@code from}, 1 gives {@code to}; values above 1 extrapolate
	 */
	public static RgbImage lerp(final RgbImage from, final RgbImage to, final double t) {
		if (from.width() != to.width() || from.height() != to.height()) {
			throw new IllegalArgumentException("Images of different sizes");
		}
		final float[] a = from.data(), b = to.data();
		final float[] out = new float[a.length];
		final float w = (float) t;
		for (int i = 0; i < a.length; i++)
			out[i] = clamp(a[i] + w * (b[i] - a[i]));
		return new RgbImage(from.width(), from.height(), out);
	}

	static float clamp(final float v) {
		return v < 0f ? 0f : v > 255f ? 255f : v;
	}
}
