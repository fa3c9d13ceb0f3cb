package org.animegan.fiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TileGridTest {

	@Test
	void tilesCoverTheAxisWithAtLeastTheOverlap() {
		for (final int length : new int[] { 100, 512, 513, 1000, 2048, 4096, 5000 }) {
			for (final int tile : new int[] { 128, 256, 512 }) {
				final int overlap = tile / 8;
				final int[] s = TileGrid.starts(length, tile, overlap);
				assertEquals(0, s[0]);
				if (length <= tile) {
					assertArrayEquals(new int[] { 0 }, s);
					continue;
				}
				assertEquals(length - tile, s[s.length - 1], "last tile ends at the edge");
				for (int i = 1; i < s.length; i++)
					assertTrue(s[i - 1] + tile - s[i] >= overlap, "overlap at " + length + "/" + tile);
			}
		}
	}

	@Test
	void windowRampsOnlyTowardsNeighbours() {
		final float[] w = TileWindow.axis(64, 16, true, false);
		assertTrue(w[0] > 0 && w[0] < 0.05f, "starts near zero but not at zero");
		assertEquals(1f, w[63], 0f, "border side keeps full weight");
		for (int i = 1; i < 16; i++)
			assertTrue(w[i] > w[i - 1], "rises smoothly");
		// Opposite ramps of two neighbours overlapping by the ramp length add up to 1.
		for (int i = 0; i < 16; i++)
			assertEquals(1f, TileWindow.raisedCosine(i, 16) + TileWindow.raisedCosine(15 - i, 16), 1e-6f);
	}

	@Test
	void lowPassKeepsTheMeanAndFlattensDetail() {
		final RgbImage img = new RgbImage(40, 30);
		final float[] d = img.data();
		double mean = 0;
		for (int i = 0; i < d.length; i++) {
			d[i] = (i * 37) % 255;
			mean += d[i];
		}
		mean /= d.length;
		LowPass.blur(img, 50);
		for (final float v : d)
			assertEquals(mean, v, 20, "a blur much wider than the image is nearly flat");
	}
}
