package org.animegan.fiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

	@Test
	void sameSizeReturnsTheSameImage() {
		final RgbImage img = new RgbImage(5, 7);
		assertSame(img, Resampler.resize(img, 5, 7));
		assertSame(img, Resampler.resize(img, 5, 7, Resampler.Filter.LANCZOS3));
	}

	@Test
	void aConstantImageStaysConstant() {
		final RgbImage img = new RgbImage(37, 23);
		for (int c = 0; c < 3; c++)
			for (int i = 0; i < img.area(); i++)
				img.data()[c * img.area() + i] = 40 + 80 * c;
		for (final Resampler.Filter f : Resampler.Filter.values()) {
			for (final int[] size : new int[][] { { 9, 5 }, { 100, 61 }, { 37, 80 }, { 1, 1 } }) {
				final RgbImage out = Resampler.resize(img, size[0], size[1], f);
				assertEquals(size[0], out.width());
				assertEquals(size[1], out.height());
				for (int c = 0; c < 3; c++)
					for (int y = 0; y < out.height(); y++)
						for (int x = 0; x < out.width(); x++)
							assertEquals(40 + 80 * c, out.get(c, x, y), 1e-3, f + " to " + size[0] + "x" +
								size[1]);
			}
		}
	}

	@Test
	void shrinkingACheckerboardAveragesIt() {
		// Point sampling would give all black or all white; an anti-aliased filter gives mid-grey.
		final RgbImage board = new RgbImage(64, 64);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 64; y++)
				for (int x = 0; x < 64; x++)
					board.set(c, x, y, (x + y) % 2 == 0 ? 0 : 255);
		for (final Resampler.Filter f : Resampler.Filter.values()) {
			final RgbImage out = Resampler.resize(board, 8, 8, f);
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++) {
						final float v = out.get(c, x, y);
						final boolean interior = x > 0 && y > 0 && x < 7 && y < 7;
						// At the border the kernel is cut off and no longer covers whole pairs of squares.
						assertEquals(127.5, v, interior ? 0.5 : 20, f + " at " + x + "," + y);
					}
		}
	}

	@Test
	void enlargingInterpolatesBetweenNeighbours() {
		final RgbImage two = new RgbImage(2, 1);
		two.set(0, 0, 0, 0);
		two.set(0, 1, 0, 200);
		final RgbImage out = Resampler.resize(two, 8, 1);
		for (int x = 1; x < 8; x++)
			assertTrue(out.get(0, x, 0) >= out.get(0, x - 1, 0), "monotonic");
		assertEquals(0, out.get(0, 0, 0), 1e-3);
		assertEquals(200, out.get(0, 7, 0), 1e-3);
	}
}
