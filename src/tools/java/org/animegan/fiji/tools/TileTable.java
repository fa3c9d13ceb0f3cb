package org.animegan.fiji.tools;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.TilingOptions.Guide;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.SharedNorm;
import org.animegan.fiji.stylize.TiledStylizer;

/**
 * {@code animegan-tools.jar tiletable --model M --images a.png,b.png,c.png [--size 2048]
 * [--tile-sizes 512,1024] [--strategies none,today,shared[,refined]] [--diff-dir DIR] [--speed-runs N]}: the tile table.
 * For every photo (scaled to size x size) and tile side, each strategy's mean and largest difference
 * from the whole-image result (8-bit grey levels over all channels) and its time: none (independent
 * tiles), today (reduced-pass guidance: per-tile mean/spread, then low frequencies), shared (every
 * layer normalised with the whole image's statistics from a reduced pass at the tile side), refined (shared, then the statistics the
 * tiles' layers see, gathered over one more pass). Images are made square. The whole image is run once per photo (cached
 * under --cache). With --diff-dir, 8x amplified difference images of the first photo's smallest
 * tile side are written there as PNG; with --speed-runs, one tile of the first photo goes through the
 * model and the rewritten graph alternately N times.
 */
final class TileTable {

	private TileTable() {}

	static int main(final String[] args, final PrintStream out) throws Exception {
		String model = null;
		List<String> images = List.of();
		List<String> strategies = List.of("none", "today", "shared");
		int size = 2048;
		int[] tiles = { 512, 1024 };
		Path diffDir = null;
		int speedRuns = 0;
		String cacheDir = System.getProperty("java.io.tmpdir") + "/animegan-tiletable";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--model": model = args[i + 1]; break;
				case "--images": images = Arrays.asList(args[i + 1].split(",")); break;
				case "--size": size = Integer.parseInt(args[i + 1]); break;
				case "--tile-sizes": tiles = Arrays.stream(args[i + 1].split(",")).mapToInt(
					Integer::parseInt).toArray(); break;
				case "--strategies": strategies = Arrays.asList(args[i + 1].split(",")); break;
				case "--diff-dir": diffDir = Paths.get(args[i + 1]); break;
				case "--cache": cacheDir = args[i + 1]; break;
				case "--speed-runs": speedRuns = Integer.parseInt(args[i + 1]); break;
				default: throw new AnimeGanException("Unknown tiletable option " + args[i] + ".");
			}
		}
		final Settings settings = Settings.of("model", model);
		out.println("photo | tile | strategy | mean | max | time_s");
		try (ModelCache cache = new ModelCache()) {
			final Generator g = cache.get(Paths.get(model), settings.runtime(), null, 0);
			boolean first = true;
			for (final String image : images) {
				final String photo = Paths.get(image).getFileName().toString().replaceFirst("\\.[^.]*$",
					"");
				final RgbImage in = Resampler.resize(Tools.rgb(Tools.read(Paths.get(image))), size, size);
				final Path dir = Paths.get(cacheDir, photo + "-" + size);
				Files.createDirectories(dir);
				final RgbImage whole = TileCheck.cached(dir.resolve("whole"), () -> g.run(List.of(in)).get(
					0), out);
				for (final int tile : tiles) {
					final TiledStylizer tiler = new TiledStylizer(g, tile, 1);
					RgbImage naive = null;
					double naiveTime = 0;
					// The naive tiles as they came, so that today's matching runs on the same ones.
					final List<RgbImage> recorded = new ArrayList<>();
					for (final String s : strategies) {
						final long t0 = System.nanoTime();
						final RgbImage r;
						switch (s) {
							case "none":
							case "today":
								if (naive == null) {
									naive = tiler.guide(Guide.NONE, 0).runner(ts -> {
										final List<RgbImage> o = g.run(ts);
										for (final RgbImage t : o)
											recorded.add(t.copy());
										return o;
									}).stylize(in, null);
									naiveTime = seconds(t0);
								}
								if (s.equals("none")) {
									r = naive;
									row(out, photo, tile, s, whole, r, naiveTime);
									break;
								}
								// Today's guidance on the same tiles: their time plus the pass and the matching.
								final RgbImage guide = tiler.guidePass(in);
								final int[] next = { 0 };
								final RgbImage matched = tiler.guide(Guide.MEANSTD, 0).runner(ts -> {
									final List<RgbImage> o = new ArrayList<>();
									for (int k = 0; k < ts.size(); k++)
										o.add(recorded.get(next[0]++).copy());
									return o;
								}).stylize(in, guide);
								tiler.correctLowFrequencies(matched, guide, 0.0625, false);
								r = matched;
								row(out, photo, tile, s, whole, r, naiveTime + seconds(t0));
								break;
							case "shared":
							case "refined":
								final TiledStylizer st = new TiledStylizer(g, tile, 1).guide(s.equals("shared")
									? Guide.SHARED : Guide.SHARED_REFINED, 0);
								final SharedNorm.Statistics stats = st.sharedStatistics(in, g.sharedNorm());
								final double statsTime = seconds(t0);
								r = st.stylizeShared(in, g.sharedNorm(), stats);
								row(out, photo, tile, s, whole, r, seconds(t0));
								out.println(String.format(Locale.ROOT, "  (%s statistics pass: %.1f s, %.0f%% of the run)",
									s, statsTime, 100 * statsTime / seconds(t0)));
								break;
							default:
								throw new AnimeGanException("Unknown strategy " + s + ".");
						}
						if (first && diffDir != null && tile == tiles[0]) writeDiff(diffDir.resolve(photo +
							"-" + tile + "-" + s + "-diff8x.png"), whole, r);
					}
				}
				first = false;
			}
			if (speedRuns > 0) speed(out, g, Resampler.resize(Tools.rgb(Tools.read(Paths.get(images
				.get(0)))), tiles[0], tiles[0]), speedRuns);
		}
		return 0;
	}

	/** One tile through the model and through the shared-statistics graph, alternately. */
	private static void speed(final PrintStream out, final Generator g, final RgbImage tile,
		final int runs) throws AnimeGanException
	{
		final SharedNorm sn = g.sharedNorm();
		final SharedNorm.Statistics stats = sn.statistics(tile);
		g.run(List.of(tile)); // warm-up of both sessions
		final double[] plain = new double[runs], shared = new double[runs];
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			g.run(List.of(tile));
			plain[i] = seconds(t0);
			t0 = System.nanoTime();
			sn.run(tile, stats);
			shared[i] = seconds(t0);
		}
		Arrays.sort(plain);
		Arrays.sort(shared);
		out.println(String.format(Locale.ROOT,
			"tile %d: model %.2f s, shared-statistics graph %.2f s (medians of %d, alternated), ratio %.3f",
			tile.width(), plain[runs / 2], shared[runs / 2], runs, shared[runs / 2] / plain[runs / 2]));
	}

	private static double seconds(final long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}

	private static void row(final PrintStream out, final String photo, final int tile,
		final String strategy, final RgbImage whole, final RgbImage r, final double time)
	{
		final float[] x = whole.data(), y = r.data();
		long sum = 0;
		int max = 0;
		for (int i = 0; i < x.length; i++) {
			final int d = Math.abs(PlaneConverter.to8bit(x[i]) - PlaneConverter.to8bit(y[i]));
			sum += d;
			max = Math.max(max, d);
		}
		out.println(String.format(Locale.ROOT, "%s | %d | %s | %.2f | %d | %.1f", photo, tile,
			strategy, (double) sum / x.length, max, time));
		out.flush();
	}

	/** 8 x the mean absolute difference over the channels, as a grey PNG. */
	private static void writeDiff(final Path file, final RgbImage a, final RgbImage b)
		throws IOException
	{
		Files.createDirectories(file.getParent());
		final int w = a.width(), h = a.height(), area = a.area();
		final BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
		final float[] x = a.data(), y = b.data();
		for (int i = 0; i < area; i++) {
			int d = 0;
			for (int c = 0; c < 3; c++)
				d += Math.abs(PlaneConverter.to8bit(x[c * area + i]) - PlaneConverter.to8bit(y[c * area +
					i]));
			img.getRaster().setSample(i % w, i / w, 0, Math.min(255, 8 * d / 3));
		}
		ImageIO.write(img, "png", file.toFile());
	}
}
