package org.animegan.fiji.image;

/** Mirror images left to right (for test-time augmentation). */
public final class Flip {

	private Flip() {}

	/** A new image, mirrored horizontally. */
	public static RgbImage horizontal(final RgbImage in) {
		final int w = in.width(), h = in.height();
		final float[] src = in.data();
		final float[] out = new float[src.length];
		for (int row = 0; row < 3 * h; row++) {
			final int base = row * w;
			for (int x = 0; x < w; x++)
				out[base + x] = src[base + w - 1 - x];
		}
		return new RgbImage(w, h, out);
	}
}
