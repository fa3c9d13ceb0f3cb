package org.animegan.fiji.flow;

import boofcv.struct.image.GrayF32;

/**
 * Where the previous frame can be trusted at each pixel of the current one: 1 where the backward flow
 * (current to previous) and the forward flow (previous to current) agree and the previous frame,
 * moved along the flow, looks like the current one; 0 where a moving object uncovered or covered
 * the scene, on motion boundaries (where the solver smooths the flow across an object's edge),
 * where the flow leaves the frame, or where the solver gave no answer. Blending only where it is 1
 * keeps moving objects from leaving a trail.
 */
final class OcclusionMask {

	/**
	 * Forward-backward check of Sundaram, Brox and Keutzer (2010): the round trip must come back
	 * within 1 % of the squared motion plus half a squared pixel.
	 */
	static final float ROUND_TRIP_SHARE = 0.01f, ROUND_TRIP_PIXELS = 0.5f;
	/**
	 * Motion boundary check of the same paper: the squared gradient of the backward flow must stay
	 * under 1 % of its squared length plus this; a little looser than the paper's 0.002, so that
	 * the residual noise of the flow on a still noisy scene passes.
	 */
	static final float BOUNDARY_SHARE = 0.01f, BOUNDARY = 0.01f;
	/**
	 * Grey-level difference between the current frame and the moved previous one below which the
	 * match is trusted fully, and above which not at all: well above sensor noise (sigma 4 gives
	 * differences of about 4 in the frames' grey at flow size), well below an object's edge.
	 */
	static final float SAME = 8, DIFFERENT = 20;

	private OcclusionMask() {}

	/** Weights 0..1 in the current frame's pixels. */
	static float[] weights(final FlowField backward, final FlowField forward, final GrayF32 current,
		final GrayF32 previous)
	{
		final int w = backward.width, h = backward.height;
		final float[] weight = new float[w * h];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int i = y * w + x;
				if (!backward.valid(i)) continue;
				final float bu = backward.u[i], bv = backward.v[i];
				final float px = x + bu, py = y + bv;
				if (px < 0 || py < 0 || px > w - 1 || py > h - 1) continue;
				final float fu = forward.sample(forward.u, px, py);
				final float fv = forward.sample(forward.v, px, py);
				if (Float.isNaN(fu) || Float.isNaN(fv)) continue;
				final float du = bu + fu, dv = bv + fv;
				if (du * du + dv * dv > ROUND_TRIP_SHARE * (bu * bu + bv * bv + fu * fu + fv * fv) +
					ROUND_TRIP_PIXELS) continue;
				if (gradient(backward, x, y) > BOUNDARY_SHARE * (bu * bu + bv * bv) + BOUNDARY) continue;
				final float diff = Math.abs(current.data[i] - Bilinear.sample(previous.data, w, h, 0, px,
					py));
				weight[i] = Math.max(0, Math.min(1, (DIFFERENT - diff) / (DIFFERENT - SAME)));
			}
		return weight;
	}

	/** Squared gradient of the flow at (x, y): central differences, one-sided at the borders. */
	private static float gradient(final FlowField f, final int x, final int y) {
		final int w = f.width, h = f.height;
		final int l = y * w + Math.max(0, x - 1), r = y * w + Math.min(w - 1, x + 1);
		final int t = Math.max(0, y - 1) * w + x, b = Math.min(h - 1, y + 1) * w + x;
		final float dx = Math.max(1, Math.min(w - 1, x + 1) - Math.max(0, x - 1));
		final float dy = Math.max(1, Math.min(h - 1, y + 1) - Math.max(0, y - 1));
		final float ux = (f.u[r] - f.u[l]) / dx, vx = (f.v[r] - f.v[l]) / dx;
		final float uy = (f.u[b] - f.u[t]) / dy, vy = (f.v[b] - f.v[t]) / dy;
		// NaN neighbours (no answer) make the sum NaN, which no comparison passes: treated as a boundary.
		final float g = ux * ux + vx * vx + uy * uy + vy * vy;
		return Float.isNaN(g) ? Float.POSITIVE_INFINITY : g;
	}
}
