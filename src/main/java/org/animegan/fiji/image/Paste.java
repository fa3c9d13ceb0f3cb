package org.animegan.fiji.image;

/** Pastes a processed region into an image through an optional soft mask. */
public final class Paste {

	private Paste() {}

	/**
	 * Writes {@code top} into {@code base} at (x, y), in place: {@code base + m (top - base)} per
	 * pixel. A null mask pastes the whole rectangle; where the mask is 0, base is left untouched.
	 */
	public static void into(final RgbImage base, final RgbImage top, final int x, final int y,
		final float[] mask)
	{
		final int w = top.width(), h = top.height();
		if (x < 0 || y < 0 || x + w > base.width() || y + h > base.height()) {
			throw new IllegalArgumentException("Paste outside the image");
		}
		final float[] b = base.data(), t = top.data();
		final int bn = base.area(), tn = top.area();
		for (int c = 0; c < 3; c++)
			for (int row = 0; row < h; row++) {
				final int bi = c * bn + (y + row) * base.width() + x, ti = c * tn + row * w;
				for (int col = 0; col < w; col++) {
					final float m = mask == null ? 1f : mask[row * w + col];
					if (m == 0f) continue;
					b[bi + col] = m == 1f ? t[ti + col] : b[bi + col] + m * (t[ti + col] - b[bi + col]);
				}
			}
	}
}
