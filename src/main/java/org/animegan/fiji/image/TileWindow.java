package org.animegan.fiji.image;

/**
 * Blending weights for one tile: 1 inside, falling to nearly 0 over {@code ramp} pixels with a raised
 * cosine at every side that has a neighbour. Sides on the image's border keep weight 1, so the border
 * is not darkened. Results are divided by the summed weights, so the weights need not add up to 1.
 */
public final class TileWindow {

	private TileWindow() {}

	/** Weights along one axis of a tile of {@code size} pixels. */
	public static float[] axis(final int size, final int ramp, final boolean rampStart,
		final boolean rampEnd)
	{
		final float[] w = new float[size];
		for (int i = 0; i < size; i++) {
			float v = 1f;
			if (rampStart && i < ramp) v = Math.min(v, raisedCosine(i, ramp));
			if (rampEnd && size - 1 - i < ramp) v = Math.min(v, raisedCosine(size - 1 - i, ramp));
			w[i] = v;
		}
		return w;
	}

	/** Rises from near 0 at i = 0 to near 1 at i = ramp - 1, never exactly 0. */
	static float raisedCosine(final int i, final int ramp) {
		return (float) (0.5 - 0.5 * Math.cos(Math.PI * (i + 0.5) / ramp));
	}
}
