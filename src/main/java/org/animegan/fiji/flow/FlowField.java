package org.animegan.fiji.flow;

/**
 * A dense motion field between two frames: pixel (x, y) of the first frame is at
 * (x + u, y + v) in the second. Where the solver gave no answer, u and v are NaN.
 */
final class FlowField {

	final int width, height;
	final float[] u, v;

	FlowField(final int width, final int height) {
		this.width = width;
		this.height = height;
		this.u = new float[width * height];
		this.v = new float[width * height];
	}

	boolean valid(final int i) {
		return !Float.isNaN(u[i]) && !Float.isNaN(v[i]);
	}

	/** Bilinear value of {@code field} (u or v) at (x, y), clamped to the frame; NaN propagates. */
	float sample(final float[] field, final float x, final float y) {
		return Bilinear.sample(field, width, height, 0, x, y);
	}
}
