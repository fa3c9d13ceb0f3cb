package org.animegan.fiji.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ReflectPadTest {

	@Test
	void mirrorsWithoutRepeatingTheEdge() {
		final int[] got = new int[7];
		for (int i = 0; i < 7; i++)
			got[i] = ReflectPad.reflect(i, 4);
		assertArrayEquals(new int[] { 0, 1, 2, 3, 2, 1, 0 }, got);
	}

	@Test
	void padsLongerThanTheSideKeepReflecting() {
		final int[] got = new int[10];
		for (int i = 0; i < 10; i++)
			got[i] = ReflectPad.reflect(i, 3);
		assertArrayEquals(new int[] { 0, 1, 2, 1, 0, 1, 2, 1, 0, 1 }, got);
		assertEquals(0, ReflectPad.reflect(5, 1), "a one-pixel side repeats its only pixel");
	}

	@Test
	void padsAnImageRightAndBottom() {
		// 3x2 image whose value encodes its position: v = 10 * y + x (+100 per channel).
		final RgbImage img = new RgbImage(3, 2);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 3; x++)
					img.set(c, x, y, 100 * c + 10 * y + x);
		final RgbImage out = ReflectPad.pad(img, 8, 5);
		assertEquals(8, out.width());
		assertEquals(5, out.height());
		final int[] xs = { 0, 1, 2, 1, 0, 1, 2, 1 };
		final int[] ys = { 0, 1, 0, 1, 0 };
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 5; y++)
				for (int x = 0; x < 8; x++)
					assertEquals(100 * c + 10 * ys[y] + xs[x], out.get(c, x, y), 0, c + "," + x + "," + y);
	}

	@Test
	void sameSizeReturnsTheImageAndShrinkingIsRefused() {
		final RgbImage img = new RgbImage(4, 4);
		assertSame(img, ReflectPad.pad(img, 4, 4));
		assertThrows(IllegalArgumentException.class, () -> ReflectPad.pad(img, 3, 4));
	}
}
