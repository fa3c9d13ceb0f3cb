package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.TilingOptions.Guide;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.stylize.PlaneStylizer;
import org.animegan.fiji.stylize.TiledStylizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TiledStylizerTest {

	static double mad(final RgbImage a, final RgbImage b) {
		long sum = 0;
		for (int i = 0; i < a.data().length; i++)
			sum += Math.abs(PlaneConverter.to8bit(a.data()[i]) - PlaneConverter.to8bit(b.data()[i]));
		return (double) sum / a.data().length;
	}

	// The slowest unit test (about 45 s on 2 cores): the real-sized AnimeGANv2 stand-in, tiled and whole.
	@Tag("slow")
	@Test
	void guidanceBringsTilesCloserToTheWholeImage() throws AnimeGanException {
		final Path model = BadInputSuiteTest.MODEL;
		try (ModelCache cache = new ModelCache()) {
			final Generator g = cache.get(model, 1);
			// A real photo: tone differences between tiles show on real content, not on patterns.
			final ImagePlus photo = IJ.openImage(BadInputSuiteTest.FIXTURES.resolve("astronaut.png")
				.toString());
			final RgbImage in = Resampler.resize(PlaneConverter.fromRgb((ColorProcessor) photo
				.getProcessor()), 384, 384);
			final RgbImage whole = g.run(List.of(in)).get(0);
			final TiledStylizer tiler = new TiledStylizer(g, 192, 4);
			final RgbImage guide = tiler.guidePass(in);
			final RgbImage naive = tiler.guide(Guide.NONE, 0).stylize(in, null);
			final RgbImage guided = tiler.guide(Guide.BOTH, 0.0625).stylize(in, guide);
			assertEquals(384, guided.width());
			assertEquals(384, guided.height());
			final double dNaive = mad(whole, naive), dGuided = mad(whole, guided);
			System.out.println("tiles vs whole, 384x384 in 192 tiles: naive " + dNaive + ", guided " +
				dGuided);
			assertTrue(dNaive > 0, "tiles differ from the whole image at all");
			assertTrue(dGuided < dNaive, "guided " + dGuided + " < naive " + dNaive);
			// A tile as large as the image is the whole image.
			assertEquals(0, mad(whole, new TiledStylizer(g, 384, 1).guide(Guide.NONE, 0).stylize(in, null)),
				1e-9);
		}
	}

	@Test
	void largeImagesAreTiledThroughTheNormalPipeline() throws AnimeGanException {
		try (ModelCache cache = new ModelCache()) {
			final Settings s = Settings.of("model", BadInputSuiteTest.MODEL.toString(), "input_size",
				"native", "tile_size", "128", "threads", "1");
			final PlaneStylizer p = new PlaneStylizer(new AnimeGan(cache).generator(s), s);
			assertEquals(128, p.tileFor(p.plan(300, 200)));
			assertEquals(0, p.tileFor(p.plan(100, 90)));
			final RgbImage out = p.stylize(PlaneConverter.fromRgb(BadInputSuiteTest.photo(300, 200, 1)));
			assertEquals(300, out.width());
			assertEquals(200, out.height());
		}
	}

	@Test
	void tilesThatReturnTheirInputBlendBackIntoTheImage() throws AnimeGanException {
		try (ModelCache cache = new ModelCache()) {
			final Generator g = cache.get(BadInputSuiteTest.MODEL, 1);
			final List<int[]> sizes = new ArrayList<>();
			final TiledStylizer tiler = new TiledStylizer(g, 512, 1).guide(Guide.NONE, 0).runner(tiles -> {
				final List<RgbImage> out = new ArrayList<>();
				for (final RgbImage t : tiles) {
					sizes.add(new int[] { t.width(), t.height() });
					out.add(t.copy());
				}
				return out;
			});
			final RgbImage in = new RgbImage(2048, 1024);
			final float[] d = in.data();
			for (int i = 0; i < d.length; i++)
				d[i] = (i * 7919L % 256);
			final RgbImage out = tiler.stylize(in, null);
			// 2048 in 512-pixel tiles evens to five of 480 (94% of the side); 1024 would even to three of
			// 384 (75%), so it keeps full tiles.
			assertEquals(15, sizes.size());
			for (final int[] wh : sizes) {
				assertEquals(480, wh[0]);
				assertEquals(512, wh[1]);
			}
			// The weights are normalised by their sums everywhere, overlaps and borders alike.
			float worst = 0;
			for (int i = 0; i < d.length; i++)
				worst = Math.max(worst, Math.abs(out.data()[i] - d[i]));
			assertTrue(worst < 1e-3f, "largest difference " + worst);
		}
	}

	@Test
	void aCancelStopsAPlaneAfterTheTileThatWasRunning() throws AnimeGanException {
		try (ModelCache cache = new ModelCache()) {
			final Generator g = cache.get(BadInputSuiteTest.MODEL, 1);
			final AtomicInteger calls = new AtomicInteger();
			final TiledStylizer tiler = new TiledStylizer(g, 64, 1).guide(Guide.NONE, 0).runner(tiles -> {
				calls.incrementAndGet();
				final List<RgbImage> out = new ArrayList<>();
				for (final RgbImage t : tiles)
					out.add(t.copy());
				return out;
			});
			final RgbImage in = Resampler.resize(PlaneConverter.fromRgb(BadInputSuiteTest.photo(256,
				256, 1)), 256, 256);
			// Esc pressed while the first tile runs: the next check, before the second tile, stops.
			tiler.cancelOn(new Progress() {

				@Override
				public boolean isCancelled() {
					return calls.get() >= 1;
				}
			});
			assertThrows(CancelledException.class, () -> tiler.stylize(in, null));
			assertEquals(1, calls.get(), "model calls before the cancel took effect");
			// Without a cancel the same plane needs every tile (so stopping at 1 meant something).
			calls.set(0);
			tiler.cancelOn(Progress.NONE).stylize(in, null);
			assertTrue(calls.get() > 4, calls.get() + " tiles");
		}
	}

	@Test
	void escStopsOneLargePlaneBetweenItsTiles() throws AnimeGanException {
		try (ModelCache cache = new ModelCache()) {
			final Settings s = Settings.of("model", BadInputSuiteTest.MODEL.toString(), "input_size",
				"native", "tile_size", "128", "threads", "1");
			final ImagePlus one = new ImagePlus("large", BadInputSuiteTest.photo(300, 200, 1));
			// Asked before the plane (1), before its first tile (2) and before its second (3): cancel then.
			final AtomicInteger asked = new AtomicInteger();
			final Progress esc = new Progress() {

				@Override
				public boolean isCancelled() {
					return asked.incrementAndGet() >= 3;
				}
			};
			assertThrows(CancelledException.class, () -> new AnimeGan(cache).stylize(one, s, esc));
			assertEquals(3, asked.get(), "stopped at the first check after the first tile");
		}
	}
}
