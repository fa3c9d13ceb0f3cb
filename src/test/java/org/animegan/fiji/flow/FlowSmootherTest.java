package org.animegan.fiji.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * temporal_smoothing=flow on small made-up sequences where the result is the input itself (an
 * identity "generator"), so that every change the smoother makes can be seen.
 */
class FlowSmootherTest {

	private static final int W = 96, H = 80;

	/** A smooth still texture, so that the flow is defined everywhere. */
	private static float background(final double x, final double y) {
		return (float) (110 + 40 * Math.sin(x / 5.0) * Math.cos(y / 7.0) + 20 * Math.sin((x + y) /
			11.0));
	}

	/** The background moved left by {@code shift} pixels, with a grey value per channel. */
	private static RgbImage scene(final double shift, final int squareX, final Random noise,
		final double sigma)
	{
		final RgbImage img = new RgbImage(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				final boolean square = squareX >= 0 && x >= squareX && x < squareX + SQUARE && y >= 30 &&
					y < 30 + SQUARE;
				for (int c = 0; c < 3; c++) {
					float v = square ? 235 : background(x + shift, y) + 10 * c;
					if (noise != null) v += (float) (sigma * noise.nextGaussian());
					img.set(c, x, y, v);
				}
			}
		return img;
	}

	private static final int SQUARE = 20, STEP = 5;

	private static double meanAbsDiff(final RgbImage a, final RgbImage b) {
		double sum = 0;
		for (int i = 0; i < a.data().length; i++)
			sum += Math.abs(a.data()[i] - b.data()[i]);
		return sum / a.data().length;
	}

	@Test
	void aStillSequenceComesOutUnchanged() {
		final FlowSmoother smoother = new FlowSmoother(0.9);
		final RgbImage frame = scene(0, 40, null, 0);
		assertSame(frame, smoother.next(frame, frame));
		for (int k = 1; k < 4; k++) {
			final RgbImage out = smoother.next(frame.copy(), frame.copy());
			for (int i = 0; i < out.data().length; i++)
				assertEquals(frame.data()[i], out.data()[i], 1e-3, "frame " + k + ", value " + i);
		}
	}

	/**
	 * A square moving right over a still background: where it was, the background must come back at
	 * once (no trail), and the square itself keeps its colour (no ghost of the background).
	 */
	@Test
	void aMovingSquareLeavesNoTrail() {
		final FlowSmoother smoother = new FlowSmoother(0.9);
		RgbImage frame = null, out = null;
		for (int k = 0; k < 8; k++) {
			frame = scene(0, 10 + STEP * k, null, 0);
			out = smoother.next(frame, frame);
		}
		float worst = 0;
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					worst = Math.max(worst, Math.abs(out.get(c, x, y) - frame.get(c, x, y)));
		// Bilinear moves of the smooth texture differ by a few levels; a trail would be ~100.
		assertTrue(worst < 12, "largest change " + worst);
	}

	/** Without the mask the same blend would leave one: the test above can fail. */
	@Test
	void theMaskIsZeroWhereTheSquareUncoversTheBackground() {
		final RgbImage before = scene(0, 30, null, 0), after = scene(0, 30 + STEP, null, 0);
		final DenseFlow flow = new DenseFlow();
		final boofcv.struct.image.GrayF32 prev = FlowSmoother.grey(before), cur = FlowSmoother.grey(
			after);
		final float[] weight = OcclusionMask.weights(flow.between(cur, prev), flow.between(prev, cur),
			cur, prev);
		// The strip the square left, and the strip it now covers, away from its edges' blur.
		for (int y = 32; y < 30 + SQUARE - 2; y++) {
			for (int x = 31; x < 30 + STEP - 1; x++)
				assertEquals(0, weight[y * W + x], 1e-6, "uncovered (" + x + ", " + y + ")");
		}
		// The still background far from the square, and the square's inside, are trusted.
		assertEquals(1, weight[5 * W + 5], 1e-6);
		assertEquals(1, weight[(30 + SQUARE / 2) * W + 30 + STEP + SQUARE / 2], 1e-6);
	}

	/** Sensor noise on a still scene: consecutive results change much less than the frames. */
	@Test
	void noiseFlickersLess() {
		final FlowSmoother smoother = new FlowSmoother(0.6);
		final Random random = new Random(5);
		RgbImage prevIn = null, prevOut = null;
		double in = 0, out = 0;
		for (int k = 0; k < 10; k++) {
			final RgbImage frame = scene(0, -1, random, 4);
			final RgbImage result = smoother.next(frame, frame);
			if (k >= 2) {
				in += meanAbsDiff(frame, prevIn);
				out += meanAbsDiff(result, prevOut);
			}
			prevIn = frame;
			prevOut = result;
		}
		assertTrue(out < 0.6 * in, "frame-to-frame change " + out / 8 + " against " + in / 8);
	}

	/** A pan of 2 pixels a frame: the result follows the scene, it is not dragged behind. */
	@Test
	void aPanIsFollowed() {
		final FlowSmoother smoother = new FlowSmoother(0.6);
		for (int k = 0; k < 6; k++) {
			final RgbImage frame = scene(2 * k, -1, null, 0);
			final RgbImage result = smoother.next(frame, frame);
			assertTrue(meanAbsDiff(result, frame) < 1.5, "frame " + k + ": " + meanAbsDiff(result,
				frame));
		}
	}

	/** A frame of another size starts the sequence again. */
	@Test
	void aNewSizeStartsAgain() {
		final FlowSmoother smoother = new FlowSmoother(0.6);
		smoother.next(scene(0, -1, null, 0), scene(0, -1, null, 0));
		final RgbImage small = new RgbImage(40, 30);
		assertSame(small, smoother.next(small, small));
		final RgbImage tiny = new RgbImage(8, 8);
		assertSame(tiny, smoother.next(tiny, tiny));
		assertEquals(8, smoother.next(tiny.copy(), tiny.copy()).width());
	}
}
