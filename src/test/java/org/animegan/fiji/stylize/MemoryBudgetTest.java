package org.animegan.fiji.stylize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

	private static final long GB = 1L << 30;

	@Test
	void userTileAppliesOnlyToLargerImagesAndFollowsTheStride() {
		assertEquals(0, MemoryBudget.tileFor(512, 512, 1024, 32, 64 * GB));
		assertEquals(1024, MemoryBudget.tileFor(2048, 1024, 1024, 32, 64 * GB));
		assertEquals(992, MemoryBudget.tileFor(2048, 1024, 1000, 32, 64 * GB), "rounded down to 32");
		assertEquals(1000, MemoryBudget.tileFor(2048, 1024, 1000, 8, 64 * GB), "v3 stride 8");
	}

	@Test
	void tilesSwitchOnWhenMemoryIsShort() {
		assertEquals(0, MemoryBudget.tileFor(4096, 4096, 0, 32, 1024 * GB), "plenty: whole image");
		final int t = MemoryBudget.tileFor(4096, 4096, 0, 32, 2 * GB);
		assertTrue(t > 0 && t < 4096 && t % 32 == 0, "short of memory: tiles of " + t);
		assertTrue(MemoryBudget.nativeBytesFor(t, t) <= GB, "a tile fits the budget");
	}
}
