package org.animegan.fiji.style;

import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;

/**
 * {@code temporal_smoothing=tones} for one sequence of frames, given in order: each stylized frame's
 * per-channel mean and spread (standard deviation) are set to an exponential running average of
 * those of the stylized frames so far, {@code avg = WEIGHT * avg + (1 - WEIGHT) * current}, by a
 * linear map per channel. A generator that normalises over the whole frame shifts tones when the
 * content shifts; this removes that global flicker. Then the frame's low-frequency version (its
 * average over cells of at least {@link #MIN_CELL} pixels, {@link #GRID} on the long side, less its
 * mean) is moved to a running average of those of the frames so far, for tone shifts that differ
 * across the frame; only in the cells where the input's low-frequency version is still, so that the
 * lagging average does not drag coarse tones along where the scene moves.
 * Only that changes: a frame whose statistics and low-frequency version equal the averages is left as
 * it is, so a still sequence comes out unchanged. Keeps six numbers and two small grids, so memory
 * does not grow with the sequence.
 */
public final class ToneSmoother {

	/**
	 * Weight of the running average against the current frame: it remembers about 1 / (1 - 0.8) = 5
	 * frames, and a lasting change of tone (a cut, a fade) is followed to 90 % within 10 frames.
	 */
	public static final double WEIGHT = 0.8;

	/** Below this spread (grey levels) a channel is flat and is only shifted, not scaled. */
	private static final double FLAT = 1e-3;

	/** Cells of the low-frequency version on the long side: 8 pixels at 256. */
	static final int GRID = 32;
	/** The smallest cell, pixels: finer than this is texture, which tones leaves to the frame. */
	static final int MIN_CELL = 8;
	/**
	 * How far a cell of the input's low-frequency version may be from its running average (in units
	 * of the input's spread, mean over channels) for the cell to be still: followed fully below
	 * STILL, not at all above MOVING. Where the scene moves, the average lags behind it, and
	 * following it would drag the coarse tones of earlier frames along (measured on the flicker
	 * tool's pan: 3.1 levels from off's frames without this, docs/temporal.md).
	 */
	static final double STILL = 0.03, MOVING = 0.08;

	private double[] mean;
	private double[] spread;
	/** Running average of the frames' low-frequency versions; null until the first frame. */
	private RgbImage low;
	/** The same for the inputs, in units of their spread. */
	private RgbImage inputLow;

	/**
	 * The next frame of the sequence, as a new image with its tones smoothed; clamped to 0..255.
	 *
	 * @param input what was stylized into {@code frame}: where its coarse content moves, the
	 *          low-frequency step leaves the frame alone
	 */
	public RgbImage next(final RgbImage input, final RgbImage frame) {
		final double[] m = new double[3], s = new double[3];
		stats(frame, m, s);
		if (mean == null) {
			mean = m;
			spread = s;
			low = lowFrequency(frame);
			inputLow = lowFrequency(input, true);
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
		return followLowFrequency(input, new RgbImage(frame.width(), frame.height(), out));
	}

	/**
	 * Adds to {@code frame} the difference between the running average of the low-frequency versions
	 * and its own, after updating the averages, in the cells where the input is still; in place.
	 */
	private RgbImage followLowFrequency(final RgbImage input, final RgbImage frame) {
		final RgbImage now = lowFrequency(frame), in = lowFrequency(input, true);
		if (!sameSize(now, low) || !sameSize(in, inputLow) || !sameSize(now, in)) {
			low = now; // a new size starts over, as a cut would
			inputLow = in;
			return frame;
		}
		final float[] avg = low.data(), cur = now.data(), inAvg = inputLow.data(), inCur = in.data();
		final int cells = now.area();
		for (int i = 0; i < cells; i++) {
			double moved = 0;
			for (int c = 0; c < 3; c++)
				moved += Math.abs(inCur[c * cells + i] - inAvg[c * cells + i]) / 3;
			final double still = Math.max(0, Math.min(1, (MOVING - moved) / (MOVING - STILL)));
			for (int j = i; j < cur.length; j += cells) {
				// avg + (1 - WEIGHT) (cur - avg), not a weighted sum: equal values stay exactly equal.
				avg[j] += (float) ((1 - WEIGHT) * (cur[j] - avg[j]));
				inAvg[j] += (float) ((1 - WEIGHT) * (inCur[j] - inAvg[j]));
				cur[j] = (float) (still * (avg[j] - cur[j]));
			}
		}
		final float[] d = frame.data();
		final float[] correction = Resampler.resize(now, frame.width(), frame.height()).data();
		for (int i = 0; i < d.length; i++)
			d[i] = Mix.clamp(d[i] + correction[i]);
		return frame;
	}

	/**
	 * The frame averaged over a grid of {@link #GRID} cells on the long side, of at least
	 * {@link #MIN_CELL} pixels, less its per-channel mean: the mean is the running average of
	 * {@link #next}'s first step, and is not averaged twice.
	 */
	static RgbImage lowFrequency(final RgbImage frame) {
		return lowFrequency(frame, false);
	}

	/** {@link #lowFrequency}, divided by the frame's per-channel spread if {@code normalized}. */
	private static RgbImage lowFrequency(final RgbImage frame, final boolean normalized) {
		final int w = frame.width(), h = frame.height();
		final double cell = Math.max(MIN_CELL, Math.max(w, h) / (double) GRID);
		final RgbImage grid = Resampler.resize(frame, Math.max(1, (int) Math.round(w / cell)), Math
			.max(1, (int) Math.round(h / cell)));
		final RgbImage low = grid == frame ? frame.copy() : grid;
		final double[] m = new double[3], sd = new double[3];
		stats(low, m, sd);
		final double[] frameMean = new double[3], frameSpread = new double[3];
		if (normalized) stats(frame, frameMean, frameSpread);
		final float[] d = low.data();
		final int n = low.area();
		for (int c = 0; c < 3; c++) {
			final double divide = normalized && frameSpread[c] > FLAT ? frameSpread[c] : 1;
			for (int i = c * n; i < (c + 1) * n; i++)
				d[i] = (float) ((d[i] - m[c]) / divide);
		}
		return low;
	}

	private static boolean sameSize(final RgbImage a, final RgbImage b) {
		return a.width() == b.width() && a.height() == b.height();
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
