package org.animegan.fiji.cli;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Locale;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.core.Settings;
import org.animegan.fiji.core.TiledStylizer;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;

/**
 * {@code animegan-cli.jar tilecheck --model M --image FILE --size 2048 --tile-size 512}: how far tiled
 * results are from the whole-image result, as the mean absolute difference in 8-bit grey levels over
 * all channels, for each way of sharing tone between tiles. The tiles are run once; the guidance
 * variants that only post-process reuse them.
 */
final class TileCheck {

	private TileCheck() {}

	static int main(final String[] args, final PrintStream out) throws Exception {
		String model = null, image = null;
		int size = 2048, tile = Settings.DEFAULT_TILE;
		boolean meanstd = false;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--model": model = args[i + 1]; break;
				case "--image": image = args[i + 1]; break;
				case "--size": size = Integer.parseInt(args[i + 1]); break;
				case "--tile-size": tile = Integer.parseInt(args[i + 1]); break;
				case "--meanstd": meanstd = Boolean.parseBoolean(args[i + 1]); break;
				default: throw new AnimeGanException("Unknown tilecheck option " + args[i] + ".");
			}
		}
		final ImagePlus imp = AnimeGanCli.read(Paths.get(image));
		final RgbImage in = Resampler.resize(PlaneConverter.fromRgb((ColorProcessor) imp.getProcessor()
			.convertToRGB()), size, size);
		final Settings settings = Settings.of("model", model);
		try (ModelCache cache = new ModelCache()) {
			final Generator g = cache.get(Paths.get(model), settings.threads());
			long t0 = System.nanoTime();
			final RgbImage whole = g.run(java.util.List.of(in)).get(0);
			print(out, "whole_s", (System.nanoTime() - t0) / 1e9);
			final TiledStylizer tiler = new TiledStylizer(g, tile, settings.maxBatchSize());
			t0 = System.nanoTime();
			final RgbImage guide = tiler.guidePass(in);
			print(out, "guide_s", (System.nanoTime() - t0) / 1e9);
			t0 = System.nanoTime();
			final RgbImage raw = tiler.guide("none", 0).stylize(in, null);
			print(out, "tiles_s", (System.nanoTime() - t0) / 1e9);
			out.println("image=" + size + "x" + size + " tile_size=" + tile);
			print(out, "mad_naive_tiles", mad(whole, raw));
			print(out, "mad_guide_alone_upsampled", mad(whole, Resampler.resize(guide, size, size)));
			for (final boolean centered : new boolean[] { false, true })
				for (final double s : new double[] { 0.0625, 0.125, 0.25, 0.5, 1.0 }) {
					final RgbImage c = raw.copy();
					tiler.correctLowFrequencies(c, guide, s, centered);
					print(out, "mad_lowpass" + (centered ? "_centered" : "") + "_sigma_" + s, mad(whole, c));
				}
			if (meanstd) print(out, "mad_meanstd", mad(whole, tiler.guide("meanstd", 0).stylize(in,
				guide)));
		}
		return 0;
	}

	/** Mean absolute difference of the 8-bit results over all channels. */
	static double mad(final RgbImage a, final RgbImage b) {
		final float[] x = a.data(), y = b.data();
		long sum = 0;
		for (int i = 0; i < x.length; i++)
			sum += Math.abs(PlaneConverter.to8bit(x[i]) - PlaneConverter.to8bit(y[i]));
		return (double) sum / x.length;
	}

	private static void print(final PrintStream out, final String key, final double v) {
		out.println(key + "=" + String.format(Locale.ROOT, "%.3f", v));
	}
}
