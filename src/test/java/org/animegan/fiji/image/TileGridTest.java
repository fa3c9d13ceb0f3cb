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
	void evenTilesCoverTheAxisWithTheOverlapAndNoMore() {
		// 2048 in at most 1024 with 128 overlap: three tiles either way, but 768 overlap by exactly 128.
		// (Rounding up to the stride adds less than two strides to an overlap.)
		assertEquals(768, TileGrid.evenTile(2048, 1024, 32, 128));
		assertArrayEquals(new int[] { 0, 640, 1280 }, TileGrid.starts(2048, 768, 128));
		// 4096: five tiles of 928 (922 rounded up to the stride) instead of five of 1024.
		assertEquals(928, TileGrid.evenTile(4096, 1024, 32, 128));
		assertEquals(5, TileGrid.starts(4096, 928, 128).length);
		assertEquals(1000, TileGrid.evenTile(1000, 1024, 32, 128), "fits: one tile, the whole axis");
		for (final int length : new int[] { 300, 513, 1000, 1056, 2048, 3000, 4096, 5000 })
			for (final int tile : new int[] { 128, 256, 512, 1024 })
				for (final int stride : new int[] { 4, 8, 32 }) {
					if (length <= tile) continue;
					final int overlap = Math.max(32, tile / 8);
					final int even = TileGrid.evenTile(length, tile, stride, overlap);
					final String at = length + "/" + tile + "/" + stride;
					assertTrue(even <= tile && even % stride == 0, at + ": " + even);
					final int[] s = TileGrid.starts(length, even, overlap);
					assertTrue(s.length <= TileGrid.starts(length, tile, overlap).length, at);
					assertEquals(length - even, s[s.length - 1], at);
					for (int i = 1; i < s.length; i++) {
						final int shared = s[i - 1] + even - s[i];
						assertTrue(shared >= overlap && shared <= overlap + 2 * stride + 1, at + ": " + shared);
					}
				}
	}

	@Test
	void tilesAreEvenedOnlyWhereThatKeepsNinetyPercentOfTheSide() {
		// 4096 in 1024-pixel tiles: 928 is 91% of 1024, so evened (82 units of 512² instead of 100).
		assertEquals(928, TileGrid.tileSide(4096, 1024, 32, 128));
		// 2048: evening would give 768 (75%), which cost tone; full tiles are kept.
		assertEquals(1024, TileGrid.tileSide(2048, 1024, 32, 128));
		assertArrayEquals(new int[] { 0, 512, 1024 }, TileGrid.starts(2048, 1024, 128));
		// 3000 in 1024-pixel tiles: four of 864 would be 84%, so four of 1024 stay; in 512-pixel tiles
		// 2048 takes five of 480 (94%).
		assertEquals(864, TileGrid.evenTile(3000, 1024, 32, 128));
		assertEquals(1024, TileGrid.tileSide(3000, 1024, 32, 128));
		assertEquals(480, TileGrid.tileSide(2048, 512, 32, 64));
		assertEquals(700, TileGrid.tileSide(700, 1024, 32, 128), "fits: the whole axis");
		for (final int length : new int[] { 300, 1000, 2048, 3000, 4096, 5000, 8192 })
			for (final int tile : new int[] { 256, 512, 1024 }) {
				if (length <= tile) continue;
				final int overlap = Math.max(32, tile / 8);
				final int side = TileGrid.tileSide(length, tile, 32, overlap);
				final int even = TileGrid.evenTile(length, tile, 32, overlap);
				assertTrue(side == tile || side == even && 10 * side >= 9 * tile, length + "/" + tile);
				assertEquals(side == even || even == tile, 10 * even >= 9 * tile, length + "/" + tile);
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
