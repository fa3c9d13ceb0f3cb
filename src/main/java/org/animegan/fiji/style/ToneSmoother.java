package org.animegan.fiji.style;

import org.animegan.fiji.image.RgbImage;

/**
 * {@code temporal_smoothing=tones} for one sequence of frames, given in order: each stylized frame's
 * per-channel mean and spread (standard deviation) are set to an exponential running average of
 * those of the stylized frames so far, {@code avg = WEIGHT * avg + (1 - WEIGHT) * current}, by a
 * linear map per channel. A generator that normalises over the whole frame shifts tones when the
 * content shifts; this removes that global flicker, and only that: a frame whose statistics equal
 * the average is left as it is, so a still sequence comes out unchanged. Keeps six numbers, so
 * memory does not grow with the sequence.
 */
public final class ToneSmoother {

	/**
	 * Weight of the running average against the current frame: it remembers about 1 / (1 - 0.8) = 5
	 * frames, and a lasting change of tone (a cut, a fade) is followed to 90 % within 10 frames.
	 */
	public static final double WEIGHT = 0.8;

	/** Below this spread (grey levels) a channel is flat and is only shifted, not scaled. */
	private static final double FLAT = 1e-3;

	private double[] mean;
	private double[] spread;

	/** The next frame of the sequence, as a new image with its tones smoothed; clamped to 0..255. */
	public RgbImage next(final RgbImage frame) {
		final double[] m = new double[3], s = new double[3];
		stats(frame, m, s);
		if (mean == null) {
			mean = m;
			spread = s;
			return frame;
		}
		final float[] d = frame.data();
		final float[] out = new float[d.length];
		final int n = frame.area();
		for (int c = 0; c < 3; c++) {
			mean[c] = WEIGHT * mean[c] + (1 - WEIGHT) * m[c];
			spread[c] = WEIGHT * spread[c] + (1 - WEIGHT) * s[c];
			final double scale = s[c] > FLAT ? spread[c] / s[c] : 1;
			final double offset = mean[c] - m[c] * scale;
			for (int i = c * n; i < (c + 1) * n; i++)
				out[i] = Mix.clamp((float) (d[i] * scale + offset));
		}
		return new RgbImage(frame.width(), frame.height(), out);
	}

	/** Per-channel mean and standard deviation. */
	static void stats(final RgbImage img, final double[] mean, final double[] sd) {
		final float[] d = img.data();
		final int n = img.area();
		for (int c = 0; c < 3; c++) {
			double sum = 0, sq = 0;
			for (int i = c * n; i < (c + 1) * n; i++) {
				sum += d[i];
				sq += (double) d[i] * d[i];
			}
			mean[c] = sum / n;
			sd[c] = Math.sqrt(Math.max(0, sq / n - mean[c] * mean[c]));
		}
	}
}
