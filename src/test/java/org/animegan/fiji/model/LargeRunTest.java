package org.animegan.fiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.RuntimeOptions.MemoryMode;
import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * Runs for the tiles of large images go through the engine's own block, which passes ONNX Runtime's
 * arena shrinkage; they must give exactly what DJL's own runs give, in both memory modes, batches
 * included, and leave the session as it was for whole images.
 */
class LargeRunTest {

	private static void sameAsDjl(final MemoryMode mode) throws AnimeGanException {
		try (Generator g = Generator.open(SharedNormTest.FIXTURES.resolve("generator_nchw.onnx"),
			RuntimeOptions.threads(1).withMemory(mode), null, 0))
		{
			final RgbImage a = SharedNormTest.astronaut(96, 64);
			final RgbImage b = SharedNormTest.astronaut(200, 200).crop(20, 30, 96, 64);
			final List<RgbImage> djl = g.run(List.of(a, b));
			// Twice: the second run starts from an arena that the first gave back.
			for (int k = 0; k < 2; k++) {
				final List<RgbImage> large = g.runLarge(List.of(a, b));
				assertEquals(2, large.size());
				for (int i = 0; i < 2; i++) {
					assertEquals(96, large.get(i).width());
					assertEquals(64, large.get(i).height());
					assertTrue(SharedNormTest.maxDiff(djl.get(i), large.get(i)) < 1e-3, mode + " plane " + i);
				}
			}
			// The two planes differ, so the order of the results was checked too.
			assertTrue(SharedNormTest.maxDiff(djl.get(0), djl.get(1)) > 10);
			assertTrue(SharedNormTest.maxDiff(djl.get(0), g.run(List.of(a)).get(0)) < 1e-3,
				"whole-image runs unchanged after");
		}
	}

	@Test
	void largeRunsGiveDjlsResultWithTheArena() throws AnimeGanException {
		sameAsDjl(MemoryMode.FAST);
	}

	@Test
	void largeRunsGiveDjlsResultWithoutAnArena() throws AnimeGanException {
		sameAsDjl(MemoryMode.LOW);
	}
}
