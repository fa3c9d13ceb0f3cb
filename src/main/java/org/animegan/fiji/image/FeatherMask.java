package org.animegan.fiji.image;

import ij.gui.Roi;
import ij.plugin.filter.GaussianBlur;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;

import java.awt.Rectangle;

/**
 * A soft mask (0..1) for pasting a processed region back: 1 deep inside the shape, falling smoothly
 * to 0 at its edge. The fall-off lies entirely inside the shape, so every pixel outside it keeps its
 * old value exactly: the mask is {@code 2 G - 1}, clamped, where G is the shape blurred by a
 * Gaussian; on a straight edge G is 1/2, so the transition spans about two sigmas inwards.
 */
public final class FeatherMask {

	private FeatherMask() {}

	/**
	 * The feathered mask of {@code roi} over {@code area} (image coordinates), row-major, one value
	 * per pixel of the area; null if the roi is a plain rectangle covering the area (no blending).
	 */
	public static float[] of(final Roi roi, final Rectangle area, final double sigma) {
		final ImageProcessor shape = roi.getMask();
		if (shape == null && roi.getBounds().contains(area)) return null;
		final Rectangle b = roi.getBounds();
		// Zero border of three sigmas, so the blur sees "outside" beyond the area's edges too.
		final int pad = (int) Math.ceil(3 * sigma) + 1;
		final int w = area.width + 2 * pad, h = area.height + 2 * pad;
		final float[] m = new float[w * h];
		for (int y = 0; y < area.height; y++) {
			final int iy = area.y + y;
			for (int x = 0; x < area.width; x++) {
				final int ix = area.x + x;
				final boolean inside = ix >= b.x && iy >= b.y && ix < b.x + b.width && iy < b.y +
					b.height && (shape == null || shape.get(ix - b.x, iy - b.y) != 0);
				if (inside) m[(y + pad) * w + x + pad] = 1f;
			}
		}
		final float[] blurred = m.clone();
		if (sigma > 0) new GaussianBlur().blurGaussian(new FloatProcessor(w, h, blurred), sigma, sigma,
			0.002);
		final float[] out = new float[area.width * area.height];
		for (int y = 0; y < area.height; y++)
			for (int x = 0; x < area.width; x++) {
				final int i = (y + pad) * w + x + pad;
				final float v = 2f * blurred[i] - 1f;
				out[y * area.width + x] = m[i] == 0f ? 0f : v <= 0f ? 0f : v >= 1f ? 1f : v;
			}
		return out;
	}
}
