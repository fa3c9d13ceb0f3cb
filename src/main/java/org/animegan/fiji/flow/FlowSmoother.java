package org.animegan.fiji.flow;

import boofcv.struct.image.GrayF32;

import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;

/**
 * {@code temporal_smoothing=flow} for one sequence of frames, given in order: the optical flow between
 * consecutive input frames moves the previous result onto the current frame, and where the
 * {@link OcclusionMask} trusts it, it is blended in with weight {@code blend}. The previous result
 * is itself blended, so the smoothing reaches back over several frames. Keeps one result and one
 * small grey frame, so memory does not grow with the sequence.
 */
public final class FlowSmoother {

	/**
	 * Flow is computed on frames whose long side is at most this (never enlarged): with a real-sized
	 * generator at 256 pixels, flow then costs 1.13x the wall time and 1.25x the CPU time of off
	 * (docs/temporal.md), within the 1.3x.
	 */
	public static final int FLOW_SIDE = 128;
	/** ... but the short side is kept at least this long, or at the frame's own size if smaller. */
	static final int MIN_FLOW_SIDE = 16;

	private final double blend;
	private final DenseFlow flow = new DenseFlow();
	private GrayF32 previousInput;
	private RgbImage previous;

	/** @param blend weight of the moved previous result, 0 (none) to below 1 */
	public FlowSmoother(final double blend) {
		this.blend = blend;
	}

	/**
	 * The next frame: {@code input} is what was stylized (it gives the motion), {@code stylized}
	 * the result, of any size. Returns a new image, or {@code stylized} itself for a first frame or
	 * one whose size changed.
	 */
	public RgbImage next(final RgbImage input, final RgbImage stylized) {
		final GrayF32 grey = grey(input);
		final boolean start = previous == null || previous.width() != stylized.width() || previous
			.height() != stylized.height() || previousInput.width != grey.width || previousInput.height != grey.height;
		final RgbImage out = start || blend <= 0 ? stylized : blend(stylized, grey);
		previousInput = grey;
		previous = out;
		return out;
	}

	private RgbImage blend(final RgbImage stylized, final GrayF32 grey) {
		final FlowField backward = flow.between(grey, previousInput);
		final FlowField forward = flow.between(previousInput, grey);
		final float[] weight = OcclusionMask.weights(backward, forward, grey, previousInput);
		final int w = stylized.width(), h = stylized.height(), n = stylized.area();
		// Flow pixels per result pixel, on each axis.
		final float sx = grey.width / (float) w, sy = grey.height / (float) h;
		final float[] s = stylized.data(), p = previous.data();
		final float[] out = s.clone();
		for (int y = 0; y < h; y++) {
			final float fy = (y + 0.5f) * sy - 0.5f;
			for (int x = 0; x < w; x++) {
				final float fx = (x + 0.5f) * sx - 0.5f;
				final float k = (float) blend * backward.sample(weight, fx, fy);
				if (!(k > 0)) continue;
				final float px = x + backward.sample(backward.u, fx, fy) / sx;
				final float py = y + backward.sample(backward.v, fx, fy) / sy;
				if (!(px >= 0 && py >= 0 && px <= w - 1 && py <= h - 1)) continue;
				final int i = y * w + x;
				for (int c = 0; c < 3; c++) {
					final float moved = Bilinear.sample(p, w, h, c * n, px, py);
					out[c * n + i] = s[c * n + i] + k * (moved - s[c * n + i]);
				}
			}
		}
		return new RgbImage(w, h, out);
	}

	/** The frame's luma at flow size. */
	static GrayF32 grey(final RgbImage input) {
		final int w = input.width(), h = input.height();
		final double f = Math.min(1, Math.max(FLOW_SIDE / (double) Math.max(w, h), MIN_FLOW_SIDE /
			(double) Math.min(w, h)));
		final int gw = Math.max(1, (int) Math.round(w * f)), gh = Math.max(1, (int) Math.round(h * f));
		final RgbImage small = Resampler.resize(input, gw, gh);
		final float[] d = small.data();
		final int n = small.area();
		final GrayF32 grey = new GrayF32(gw, gh);
		for (int i = 0; i < n; i++)
			grey.data[i] = 0.299f * d[i] + 0.587f * d[n + i] + 0.114f * d[2 * n + i];
		return grey;
	}
}
