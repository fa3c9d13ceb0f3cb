package org.animegan.fiji.stylize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.RecordingProgress;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Out-of-memory recovery without exhausting memory: the model is replaced by a stand-in that fails
 * as ONNX Runtime or the heap does above a size, and otherwise normalises each input by its own
 * mean (so that, as with AnimeGANv2, results depend on the tile size and can be compared).
 */
class OutOfMemoryRecoveryTest {

	private static ModelCache cache;
	private static Generator generator; // for its spec (stride 32) only: the stand-in runs instead

	@BeforeAll
	static void load() throws AnimeGanException {
		cache = new ModelCache();
		generator = cache.get(Fixtures.path("generator_nchw.onnx"), 1);
	}

	@AfterAll
	static void close() {
		cache.close();
	}

	/** Each input shifted so that its mean is 128: a result that depends on what is run together. */
	static List<RgbImage> standIn(final List<RgbImage> in) {
		final List<RgbImage> out = new ArrayList<>();
		for (final RgbImage t : in) {
			final float[] d = t.data().clone();
			double sum = 0;
			for (final float v : d)
				sum += v;
			final float shift = (float) (128 - sum / d.length);
			for (int i = 0; i < d.length; i++)
				d[i] = Math.max(0, Math.min(255, d[i] + shift));
			out.add(new RgbImage(t.width(), t.height(), d));
		}
		return out;
	}

	/** The stand-in, failing like an ONNX Runtime arena for inputs with a side above {@code max}. */
	static TiledStylizer.TileRunner failingAbove(final int max, final AtomicInteger failures) {
		return tiles -> {
			for (final RgbImage t : tiles)
				if (Math.max(t.width(), t.height()) > max) {
					failures.incrementAndGet();
					throw new AnimeGanException("The model generator_nchw failed to run ([ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION).",
						new OrtException(
							"Non-zero status code returned while running Conv node. Status Message: bfc_arena.cc:376 Failed to allocate memory for requested buffer of size 1073741824"));
				}
			return standIn(tiles);
		};
	}

	static RgbImage plane(final int w, final int h, final int seed) {
		final RgbImage p = new RgbImage(w, h);
		final float[] d = p.data();
		for (int i = 0; i < d.length; i++)
			d[i] = (i * 31 + seed * 17 + (i / w) * 7) % 256;
		return p;
	}

	static PlaneStylizer stylizer(final int tileSize, final RecordingProgress progress)
		throws AnimeGanException
	{
		final Settings s = Settings.of("model", Fixtures.path("generator_nchw.onnx").toString(),
			"input_size", "native", "tile_size", String.valueOf(tileSize), "threads", "1");
		return new PlaneStylizer(generator, s.inputSize(), s.style(), s.tiling(), null, progress);
	}

	@Test
	void tilesTooLargeForMemoryAreHalvedAndTheLogSaysSo() throws AnimeGanException {
		final RgbImage in = plane(600, 500, 1); // 608x512 for the model
		final RecordingProgress log = new RecordingProgress();
		final AtomicInteger failures = new AtomicInteger();
		final RgbImage recovered = stylizer(512, log).runner(failingAbove(256, failures)).stylize(in);
		final RgbImage small = stylizer(256, new RecordingProgress()).runner(
			OutOfMemoryRecoveryTest::standIn).stylize(in);
		final RgbImage large = stylizer(512, new RecordingProgress()).runner(
			OutOfMemoryRecoveryTest::standIn).stylize(in);
		assertArrayEquals(small.data(), recovered.data(), "the result of 256-pixel tiles");
		assertFalse(Arrays.equals(large.data(), small.data()), "tile size matters to the stand-in");
		assertEquals(1, failures.get(), "one failed try, then none");
		assertEquals(List.of(
			"Not enough memory for the model in 512-pixel tiles; trying again in 256-pixel tiles, one at a time."),
			log.logs);
	}

	@Test
	void theWholePlaneFallsBackToTilesAndLaterPlanesKeepTheTileThatFitted()
		throws AnimeGanException
	{
		final RecordingProgress log = new RecordingProgress();
		final AtomicInteger failures = new AtomicInteger();
		final PlaneStylizer p = stylizer(0, log).runner(failingAbove(300, failures));
		// 608x512: the whole plane fails, 304-pixel tiles fit.
		final RgbImage first = p.stylize(plane(600, 500, 1));
		final RgbImage second = p.stylize(plane(600, 500, 2));
		assertEquals(1, failures.get(), "the second plane went straight to the tile that fitted");
		assertEquals(List.of(
			"Not enough memory for the model on the whole plane; trying again in 288-pixel tiles, one at a time."),
			log.logs);
		final PlaneStylizer direct = stylizer(288, new RecordingProgress()).runner(
			OutOfMemoryRecoveryTest::standIn);
		assertArrayEquals(direct.stylize(plane(600, 500, 1)).data(), first.data());
		assertArrayEquals(direct.stylize(plane(600, 500, 2)).data(), second.data());
	}

	@Test
	void aBatchThatDoesNotFitRunsOnePlaneAtATime() throws AnimeGanException {
		final RecordingProgress log = new RecordingProgress();
		final AtomicInteger calls = new AtomicInteger();
		final PlaneStylizer p = stylizer(0, log).runner(tiles -> {
			calls.incrementAndGet();
			if (tiles.size() > 1) throw new OutOfMemoryError("Java heap space");
			return standIn(tiles);
		});
		final List<RgbImage> planes = List.of(plane(256, 256, 1), plane(256, 256, 2));
		final List<RgbImage> out = p.stylize(planes);
		assertEquals(3, calls.get(), "the batch of two, then each plane alone");
		for (int i = 0; i < 2; i++)
			assertArrayEquals(standIn(List.of(planes.get(i))).get(0).data(), out.get(i).data());
		assertEquals(List.of(
			"Not enough memory for the model on 2 planes at once; trying again on the whole plane, one at a time."),
			log.logs);
	}

	@Test
	void aFailureAtTheSmallestTileEndsInOneSentence() throws AnimeGanException {
		final RecordingProgress log = new RecordingProgress();
		final AtomicInteger failures = new AtomicInteger();
		final PlaneStylizer p = stylizer(512, log).runner(failingAbove(0, failures));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> p.stylize(plane(600,
			500, 1)));
		assertEquals(StylizeMessages.outOfMemory(256), e.getMessage());
		assertEquals(
			"Not enough memory to run the model even in 256-pixel tiles, one at a time; choose a smaller input_size or give ImageJ more memory (Edit > Options > Memory & Threads).",
			e.getMessage());
		assertEquals(2, failures.get(), "512, then 256");
		assertEquals(1, log.logs.size());
	}

	@Test
	void otherFailuresAreNotRetried() throws AnimeGanException {
		final RecordingProgress log = new RecordingProgress();
		final AtomicInteger calls = new AtomicInteger();
		final PlaneStylizer p = stylizer(512, log).runner(tiles -> {
			calls.incrementAndGet();
			throw new AnimeGanException("The model x failed to run (Invalid rank for input).");
		});
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> p.stylize(plane(600,
			500, 1)));
		assertEquals("The model x failed to run (Invalid rank for input).", e.getMessage());
		assertEquals(1, calls.get());
		assertTrue(log.logs.isEmpty());
	}

	@Test
	void allocationFailuresAreRecognisedByTheirText() {
		assertTrue(MemoryBudget.isAllocationFailure(new OutOfMemoryError("Direct buffer memory")));
		assertTrue(MemoryBudget.isAllocationFailure(new AnimeGanException("x", new RuntimeException(
			"std::bad_alloc"))));
		assertTrue(MemoryBudget.isAllocationFailure(new RuntimeException("CUDA failure 2: out of memory")));
		assertFalse(MemoryBudget.isAllocationFailure(new RuntimeException("Invalid rank for input")));
		assertEquals(512, MemoryBudget.smallerTile(1024, 2048, 2048, 32));
		assertEquals(256, MemoryBudget.smallerTile(384, 2048, 2048, 32), "not below 256");
		assertEquals(0, MemoryBudget.smallerTile(256, 2048, 2048, 32), "nothing smaller to try");
		assertEquals(288, MemoryBudget.smallerTile(0, 608, 512, 32), "the whole plane, halved");
	}
}
