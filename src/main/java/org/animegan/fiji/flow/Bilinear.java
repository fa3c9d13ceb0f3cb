package org.animegan.fiji.flow;

/** Bilinear interpolation in one plane of a channel-major float image, clamped at the borders. */
final class Bilinear {

	private Bilinear() {}

	/** The value at (x, y) of the plane that starts at {@code offset}. */
	static float sample(final float[] data, final int width, final int height, final int offset,
		final float x, final float y)
	{
		final float cx = Math.max(0, Math.min(width - 1, x));
		final float cy = Math.max(0, Math.min(height - 1, y));
		final int x0 = Math.min((int) cx, width - 1), y0 = Math.min((int) cy, height - 1);
		final int x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
		final float fx = cx - x0, fy = cy - y0;
		final int r0 = offset + y0 * width, r1 = offset + y1 * width;
		// Exact where the position is on the grid, so that a zero flow copies pixels unchanged.
		final float top = fx == 0 ? data[r0 + x0] : data[r0 + x0] * (1 - fx) + data[r0 + x1] * fx;
		final float bottom = fx == 0 ? data[r1 + x0] : data[r1 + x0] * (1 - fx) + data[r1 + x1] * fx;
		return fy == 0 ? top : top * (1 - fy) + bottom * fy;
	}
}
