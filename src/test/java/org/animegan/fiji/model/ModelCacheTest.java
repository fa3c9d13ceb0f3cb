package org.animegan.fiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;

class ModelCacheTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	private Path copyOfV3() throws Exception {
		final Path copy = dir.resolve("v3.onnx");
		Files.copy(Fixtures.path("generator_v3_nhwc.onnx"), copy);
		return copy;
	}

	@Test
	void sameFileAndThreadsGiveTheSameGenerator() throws Exception {
		final Path file = copyOfV3();
		try (ModelCache cache = new ModelCache()) {
			final Generator a = cache.get(file, 1);
			assertSame(a, cache.get(file, 1));
			assertSame(a, cache.get(dir.resolve(".").resolve("v3.onnx"), 1), "same file, other spelling");
			assertNotSame(a, cache.get(file, 2), "another thread count is another session");
			assertEquals(2, cache.size());
			assertEquals(2, cache.loads());
		}
	}

	@Test
	void aChangedFileIsReloadedAndTheOldSessionStaysUsableUntilTheCacheCloses() throws Exception {
		final Path file = copyOfV3();
		final ModelCache cache = new ModelCache();
		final Generator before = cache.get(file, 1);
		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
			.toMillis() + 10_000));
		final Generator after = cache.get(file, 1);
		assertNotSame(before, after);
		assertSame(after, cache.get(file, 1));
		assertEquals(1, cache.size());
		assertEquals(1, cache.superseded());
		assertEquals(2, cache.loads());
		// A caller that got the old generator before the reload (another thread) can still finish.
		assertFalse(before.isClosed());
		final RgbImage plane = new RgbImage(32, 32);
		assertEquals(32, before.run(List.of(plane)).get(0).width());
		cache.close();
		assertTrue(before.isClosed());
		assertTrue(after.isClosed());
		assertEquals(0, cache.superseded());
	}

	@Test
	void closeClosesEveryGenerator() throws Exception {
		final Path file = copyOfV3();
		final ModelCache cache = new ModelCache();
		final Generator one = cache.get(file, 1);
		final Generator two = cache.get(file, 2);
		cache.close();
		assertTrue(one.isClosed());
		assertTrue(two.isClosed());
		assertEquals(0, cache.size());
		assertThrows(IllegalStateException.class, () -> cache.get(file, 1));
	}

	@Test
	void theServiceClosesItsCacheWithTheContext() throws Exception {
		final Context context = new Context(ModelService.class);
		final Generator g;
		try {
			final ModelService service = context.service(ModelService.class);
			g = service.generator(Fixtures.path("generator_v3_nhwc.onnx"), 1);
			assertSame(g, service.cache().get(Fixtures.path("generator_v3_nhwc.onnx"), 1));
			assertFalse(g.isClosed());
		}
		finally {
			context.dispose();
		}
		assertTrue(g.isClosed());
	}

	@Test
	void aLoopOfStylizeCallsLoadsTheModelOnce() throws Exception {
		final Settings settings = Fixtures.v3();
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache);
			for (int i = 0; i < 20; i++) {
				final ByteProcessor bp = new ByteProcessor(16, 16);
				bp.setValue(i * 10);
				bp.fill();
				final ImagePlus out = tool.stylize(new ImagePlus("loop" + i, bp), settings, Progress.NONE);
				assertEquals("loop" + i + "-anime", out.getTitle());
			}
			assertEquals(1, cache.loads());
			assertEquals(1, cache.size());
		}
	}
}
