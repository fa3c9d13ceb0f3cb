package org.animegan.fiji.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.TilingOptions;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.stylize.TiledStylizer;

/**
 * {@code animegan-tools.jar tilecheck --model M --image FILE --size 2048 --tile-size 512}: how far tiled
 * results are from the whole-image result, as the mean absolute difference in 8-bit grey levels over
 * all channels, for each way of sharing tone between tiles. The tiles are run once; the guidance
 * variants that only post-process reuse them.
 */
final class TileCheck {

	private TileCheck() {}

	static int main(final String[] args, final PrintStream out) throws Exception {
		String model = null, image = null;
		int size = 2048, tile = Settings.DEFAULT_TILE;
		String cacheDir = System.getProperty("java.io.tmpdir") + "/animegan-tilecheck";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--model": model = args[i + 1]; break;
				case "--image": image = args[i + 1]; break;
				case "--size": size = Integer.parseInt(args[i + 1]); break;
				case "--tile-size": tile = Integer.parseInt(args[i + 1]); break;
				case "--cache": cacheDir = args[i + 1]; break;
				default: throw new AnimeGanException("Unknown tilecheck option " + args[i] + ".");
			}
		}
		final RgbImage in = Resampler.resize(Tools.rgb(Tools.read(Paths.get(image))), size, size);
		final Settings settings = Settings.of("model", model);
		final Path dir = Paths.get(cacheDir, size + "-" + tile);
		Files.createDirectories(dir);
		try (ModelCache cache = new ModelCache()) {
			final Generator g = cache.get(Paths.get(model), settings.runtime(), null, 0);
			final TiledStylizer tiler = new TiledStylizer(g, tile, settings.maxBatchSize());
			final RgbImage whole = cached(dir.resolve("whole"), () -> g.run(List.of(in)).get(0), out);
			final RgbImage guide = cached(dir.resolve("guide"), () -> tiler.guidePass(in), out);
			final int[] counter = { 0 };
			tiler.runner(tiles -> {
				final List<RgbImage> r = new ArrayList<>();
				for (final RgbImage t : tiles) {
					final int k = counter[0]++;
					r.add(cached(dir.resolve("tile" + k), () -> g.run(List.of(t)).get(0), out));
				}
				return r;
			});
			out.println("image=" + size + "x" + size + " tile_size=" + tile);
			final RgbImage raw = tiler.guide(TilingOptions.Guide.NONE, 0).stylize(in, null);
			print(out, "mad_naive_tiles", mad(whole, raw));
			print(out, "mad_guide_alone_upsampled", mad(whole, Resampler.resize(guide, size, size)));
			for (final boolean centered : new boolean[] { false, true })
				for (final double s : new double[] { 0.015, 0.03, 0.0625, 0.125, 0.25 }) {
					final RgbImage c = raw.copy();
					tiler.correctLowFrequencies(c, guide, s, centered);
					print(out, "mad_lowpass" + (centered ? "_centered" : "") + "_sigma_" + s, mad(whole, c));
				}
			counter[0] = 0;
			final RgbImage ms = tiler.guide(TilingOptions.Guide.MEANSTD, 0).stylize(in, guide);
			print(out, "mad_meanstd", mad(whole, ms));
			for (final double s : new double[] { 0.03, 0.0625, 0.125 }) {
				final RgbImage c = ms.copy();
				tiler.correctLowFrequencies(c, guide, s, false);
				print(out, "mad_meanstd_then_lowpass_sigma_" + s, mad(whole, c));
			}
		}
		return 0;
	}

	interface Maker {

		RgbImage make() throws AnimeGanException;
	}

	/** A result stored as width, height and floats, so that variants can be compared without rerunning. */
	static RgbImage cached(final Path file, final Maker maker, final PrintStream out)
		throws AnimeGanException
	{
		try {
			if (Files.isRegularFile(file)) {
				final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
				final int w = b.getInt(), h = b.getInt();
				final float[] d = new float[3 * w * h];
				b.asFloatBuffer().get(d);
				return new RgbImage(w, h, d);
			}
			final long t0 = System.nanoTime();
			final RgbImage r = maker.make();
			out.println("computed " + file.getFileName() + " in " + String.format(Locale.ROOT, "%.1f",
				(System.nanoTime() - t0) / 1e9) + " s");
			final ByteBuffer b = ByteBuffer.allocate(8 + 4 * r.data().length);
			b.putInt(r.width()).putInt(r.height()).asFloatBuffer().put(r.data());
			Files.write(file, b.array());
			return r;
		}
		catch (final IOException e) {
			throw new AnimeGanException("Cannot use the cache " + file + ".", e);
		}
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
