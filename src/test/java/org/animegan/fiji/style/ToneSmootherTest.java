package org.animegan.fiji.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;

/** {@code temporal_smoothing=tones} on frames with known statistics. */
class ToneSmootherTest {

	/** A 32x24 pattern with values 40..200 in every channel, offset by {@code shift}. */
	private static RgbImage frame(final float shift) {
		final RgbImage img = new RgbImage(32, 24);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 24; y++)
				for (int x = 0; x < 32; x++)
					img.set(c, x, y, 40 + 160f * ((x * 7 + y * 13 + c * 5) % 32) / 31 + shift);
		return img;
	}

	@Test
	void aStillSequenceComesOutUnchanged() {
		final ToneSmoother s = new ToneSmoother();
		for (int k = 0; k < 12; k++) {
			final RgbImage f = frame(0);
			assertTrue(StyleFixtures.maxAbsDiff(f, s.next(f, f)) < 1e-3, "frame " + k);
		}
	}

	@Test
	void alternatingBrightnessIsDamped() {
		final ToneSmoother s = new ToneSmoother();
		RgbImage previous = null;
		double before = 0, after = 0;
		final int frames = 20;
		for (int k = 0; k < frames; k++) {
			// Output of a generator whose tones jump by 30 levels from frame to frame.
			final RgbImage f = frame(k % 2 == 0 ? 15 : -15);
			final RgbImage g = s.next(frame(0), f);
			if (previous != null) {
				before += 30;
				after += Math.abs(StyleFixtures.mean(g, 1) - StyleFixtures.mean(previous, 1));
			}
			previous = g;
		}
		// The running average leaves an oscillation of 6 / 1.8 = 3.3 levels, after a start of 6.
		assertTrue(after / (frames - 1) < 0.25 * before / (frames - 1), after / (frames - 1) + " levels");
		assertTrue(after / (frames - 1) > 2, "a smoother that freezes tones is too strong");
	}

	@Test
	void alternatingContrastIsDamped() {
		final ToneSmoother s = new ToneSmoother();
		final RgbImage low = frame(0);
		final RgbImage high = frame(0);
		// The same frame with its spread doubled about the mean.
		final double m = StyleFixtures.mean(low, 0);
		for (int i = 0; i < high.area(); i++)
			high.data()[i] = (float) (m + 2 * (high.data()[i] - m));
		double last = 0;
		for (int k = 0; k < 20; k++)
			last = StyleFixtures.std(s.next(low, k % 2 == 0 ? low : high), 0);
		final double sd = StyleFixtures.std(low, 0);
		// Unsmoothed, the spread alternates between sd and 2 sd; now it stays near 1.5 sd.
		assertEquals(1.5 * sd, last, 0.15 * sd);
	}

	@Test
	void aLastingChangeIsFollowed() {
		final ToneSmoother s = new ToneSmoother();
		for (int k = 0; k < 5; k++)
			s.next(frame(-20), frame(-20));
		RgbImage g = null;
		for (int k = 0; k < 15; k++)
			g = s.next(frame(20), frame(20));
		// 40 levels * 0.8^15 = 1.4 levels left.
		assertEquals(StyleFixtures.mean(frame(20), 2), StyleFixtures.mean(g, 2), 2);
	}

	@Test
	void flatFramesAreOnlyShifted() {
		final ToneSmoother s = new ToneSmoother();
		final RgbImage a = new RgbImage(8, 8), b = new RgbImage(8, 8);
		java.util.Arrays.fill(a.data(), 100);
		java.util.Arrays.fill(b.data(), 120);
		s.next(a, a);
		final RgbImage g = s.next(b, b);
		for (final float v : g.data())
			assertEquals(104, v, 1e-3);
	}

	/**
	 * The low-frequency variant: the left half alone brightens and darkens by 20 levels from frame to
	 * frame while the input stays still, as a generator may re-light one region. The global mean moves
	 * by only half as much; the running average of the low-frequency version damps the left half
	 * itself.
	 */
	@Test
	void aLocalToneFlickerIsDamped() {
		final ToneSmoother s = new ToneSmoother();
		RgbImage previous = null;
		double after = 0;
		final int frames = 20;
		for (int k = 0; k < frames; k++) {
			final RgbImage f = frame(0);
			for (int y = 0; y < 24; y++)
				for (int x = 0; x < 16; x++)
					f.set(1, x, y, f.get(1, x, y) + (k % 2 == 0 ? 10 : -10));
			final RgbImage g = s.next(frame(0), f);
			if (previous != null) after += Math.abs(leftMean(g) - leftMean(previous)) / (frames - 1);
			previous = g;
		}
		// Measured: mean and spread alone leave 11.1 of the 20 levels, with the low-frequency step 4.2.
		assertTrue(after < 0.3 * 20, after + " levels");
	}

	/**
	 * Fine texture that changes from frame to frame (a checkerboard that flips) is left alone: the
	 * cells' averages hardly differ (measured: 0.08 levels at most), far from a level of the result.
	 */
	@Test
	void fineTextureIsNotSmoothed() {
		final ToneSmoother s = new ToneSmoother();
		for (int k = 0; k < 6; k++) {
			final RgbImage f = new RgbImage(32, 24);
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < 24; y++)
					for (int x = 0; x < 32; x++)
						f.set(c, x, y, (x + y + k) % 2 == 0 ? 80 : 160);
			assertTrue(StyleFixtures.maxAbsDiff(f, s.next(f, f)) < 0.25, "frame " + k);
		}
	}

	/**
	 * Where the scene moves, the coarse tones are not dragged behind it: a bright 16-pixel square
	 * crossing the frame, 3 pixels a frame, stylized as itself, comes out nearly as it went in.
	 */
	@Test
	void aMovingSceneIsNotDragged() {
		final ToneSmoother s = new ToneSmoother();
		double change = 0;
		for (int k = 0; k < 12; k++) {
			final RgbImage f = new RgbImage(64, 48);
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < 48; y++)
					for (int x = 0; x < 64; x++)
						f.set(c, x, y, x >= 4 + 3 * k && x < 20 + 3 * k && y >= 16 && y < 32 ? 200 : 60);
			final RgbImage g = s.next(f, f);
			for (int i = 0; i < f.data().length; i++)
				change += Math.abs(g.data()[i] - f.data()[i]) / f.data().length / 12;
		}
		// Measured: 0.11 levels; following the grid in every cell, whatever moves, gave 7.9.
		assertTrue(change < 0.5, change + " levels");
	}

	private static double leftMean(final RgbImage img) {
		double sum = 0;
		for (int y = 0; y < 24; y++)
			for (int x = 0; x < 16; x++)
				sum += img.get(1, x, y);
		return sum / (16 * 24);
	}
}
