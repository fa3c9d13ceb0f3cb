package org.animegan.fiji.stylize;

import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.TilingOptions.Guide;
import org.animegan.fiji.api.TilingOptions;
import org.animegan.fiji.image.LowPass;
import org.animegan.fiji.image.ReflectPad;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.image.TileGrid;
import org.animegan.fiji.image.TileWindow;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.SharedNorm;

/**
 * Runs a generator over a large model-sized image in overlapping tiles blended with a raised-cosine
 * window. AnimeGANv2 normalises every layer over the whole image (GroupNorm with one group), so each
 * tile on its own comes out in its own tone. By default ({@link Guide#SHARED}) every tile's layers
 * take the whole image's statistics, gathered by a pass at reduced size (long side = the tile size)
 * through {@link SharedNorm}. For graphs whose normalisation is not recognised, the whole image is
 * also run once at that reduced size and each tile's colour mean and spread are matched to that
 * pass over the same region, then the blended result's low frequencies are replaced by the pass's:
 * tiled + up(blur(guide - down(tiled))). Tile detail is kept; tile-to-tile tone steps, which are
 * low-frequency, are taken from the single whole-image pass.
 */
public final class TiledStylizer {

	// Guidance measured on astronaut.png scaled to 2048x2048, 1024 tiles, mean absolute difference to
	// the whole-image result in grey levels: none 5.39, lowpass 2.04, meanstd 1.96, both 1.72 (blur
	// sigma 1/16 of the tile; 1/32: 1.85, 1/8: 1.79). Hence the guidance's sigma; shared statistics:
	// 0.42 on the same image (docs/performance.md).

	/** Runs the model on tiles; replaceable so measurements can reuse tile results. */
	public interface TileRunner {

		List<RgbImage> run(List<RgbImage> tiles) throws AnimeGanException;
	}

	private final Generator generator;
	private TileRunner runner;
	/** Whether {@link #runner} was replaced: then tiles cannot take shared statistics. */
	private boolean customRunner;
	/** Long side of the reduced pass that gathers shared statistics (0: the tile side). */
	private int statisticsSide;
	private Progress progress = Progress.NONE;
	private final int tile;
	private final int overlap;
	private final int batch;
	private Guide guide;
	private double sigmaFraction;
	private boolean centered;

	/**
	 * @param tile tile side in model pixels, a multiple of the model's stride
	 * @param batch tiles sent to the model together
	 */
	public TiledStylizer(final Generator generator, final int tile, final int batch) {
		this(generator, tile, batch, TilingOptions.tileSize(tile));
	}

	/** With the guidance of {@code options} (its tile size is not used: {@code tile} is the side). */
	public TiledStylizer(final Generator generator, final int tile, final int batch,
		final TilingOptions options)
	{
		this.guide = options.guide();
		this.sigmaFraction = options.sigmaFraction();
		this.centered = options.centered();
		this.generator = generator;
		this.runner = generator::runLarge;
		this.tile = tile;
		this.overlap = overlapFor(tile);
		this.batch = Math.max(1, batch);
	}

	/** Overlap between tiles: an eighth of the tile, at least 32 pixels (a few receptive fields). */
	static int overlapFor(final int tile) {
		return Math.min(tile / 2, Math.max(32, tile / 8));
	}

	/** For measurements: another guidance, and the blur fraction. */
	public TiledStylizer guide(final Guide mode, final double sigma) {
		this.guide = mode;
		this.sigmaFraction = sigma;
		return this;
	}

	/** For measurements and tests: where tile results (and those of the reduced pass) come from. */
	public TiledStylizer runner(final TileRunner r) {
		this.runner = r;
		this.customRunner = true;
		return this;
	}

	/** For measurements: the long side of the reduced pass that gathers shared statistics. */
	public TiledStylizer statisticsSide(final int side) {
		this.statisticsSide = side;
		return this;
	}

	/** Asked before each batch of tiles whether to stop, so Esc ends a large plane part-way. */
	public TiledStylizer cancelOn(final Progress p) {
		this.progress = p;
		return this;
	}

	/** Also for measurements: whether low-pass guidance keeps the tiles' overall tone. */
	public TiledStylizer centered(final boolean c) {
		this.centered = c;
		return this;
	}

	/** Stylizes a model-sized image (sides multiples of the stride). */
	public RgbImage stylize(final RgbImage in) throws AnimeGanException {
		if (guide == Guide.SHARED || guide == Guide.SHARED_REFINED) {
			final SharedNorm shared = customRunner ? null : generator.sharedNorm();
			if (shared != null) return stylizeShared(in, shared);
			final String why = generator.takeSharedRefusal();
			if (why != null) progress.log(why);
			guide = Guide.BOTH;
		}
		return stylize(in, guide == Guide.NONE ? null : guidePass(in));
	}

	/**
	 * Every tile normalised with the whole image's statistics: from a reduced-size pass, and with
	 * {@link Guide#SHARED_REFINED} then from the tiles themselves, run once with those (each layer's
	 * statistics then come from full-resolution activations; the tiles' overlaps and edges count too).
	 */
	public RgbImage stylizeShared(final RgbImage in, final SharedNorm shared)
		throws AnimeGanException
	{
		return stylizeShared(in, shared, shared.layers() == 0 ? null : sharedStatistics(in, shared));
	}

	/**
	 * The statistics of every layer of the whole image from a reduced pass (long side: the tile side,
	 * so never more memory than a tile). Extrapolating them to full size from a second pass at half
	 * the side was measured and not kept: it hurt as often as it helped (docs/performance.md).
	 */
	public SharedNorm.Statistics sharedStatistics(final RgbImage in, final SharedNorm shared)
		throws AnimeGanException
	{
		return shared.statistics(reduced(in, statisticsSide > 0 ? statisticsSide : tile));
	}

	/** As {@link #stylizeShared(RgbImage, SharedNorm)} with the reduced pass's statistics given. */
	public RgbImage stylizeShared(final RgbImage in, final SharedNorm shared,
		final SharedNorm.Statistics reduced) throws AnimeGanException
	{
		if (shared.layers() == 0) return tiles(in, generator::runLarge, null);
		final SharedNorm.Statistics stats;
		if (guide == Guide.SHARED_REFINED) {
			final List<SharedNorm.Statistics> parts = new ArrayList<>();
			tiles(in, ts -> {
				final List<RgbImage> r = new ArrayList<>();
				for (final RgbImage t : ts) {
					final SharedNorm.Run run = shared.runWithOwn(t, reduced);
					parts.add(run.own);
					r.add(run.image);
				}
				return r;
			}, null);
			stats = SharedNorm.Statistics.combine(parts);
		}
		else stats = reduced;
		return tiles(in, ts -> {
			final List<RgbImage> r = new ArrayList<>();
			for (final RgbImage t : ts)
				r.add(shared.run(t, stats));
			return r;
		}, null);
	}

	/** As {@link #stylize(RgbImage)} with a guide pass already made (null for none). */
	public RgbImage stylize(final RgbImage in, final RgbImage guideImage) throws AnimeGanException {
		return tiles(in, runner, guideImage);
	}

	private RgbImage tiles(final RgbImage in, final TileRunner tileRunner, final RgbImage guideImage)
		throws AnimeGanException
	{
		final int w = in.width(), h = in.height(), area = in.area();
		// Evened tiles only where they stay nearly full-size: smaller ones missed the tone targets
		// (docs/performance.md, tiles sized to fit evenly).
		final int stride = generator.spec().stride();
		final int tw = TileGrid.tileSide(w, tile, stride, overlap);
		final int th = TileGrid.tileSide(h, tile, stride, overlap);
		final int[] xs = TileGrid.starts(w, tw, overlap), ys = TileGrid.starts(h, th, overlap);
		final float[] acc = new float[3 * area];
		final List<int[]> pending = new ArrayList<>();
		for (final int y : ys)
			for (final int x : xs) {
				pending.add(new int[] { x, y });
				if (pending.size() == batch) flush(in, pending, tw, th, tileRunner, guideImage, acc);
			}
		flush(in, pending, tw, th, tileRunner, guideImage, acc);
		// The tiles form a grid and each window is a product of its axes, so the summed weights are the
		// product of each axis's sums: no plane of weights (64 MB at 4096²).
		final float[] sx = weightSums(w, tw, xs), sy = weightSums(h, th, ys);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++) {
				final int row = c * area + y * w;
				for (int x = 0; x < w; x++)
					acc[row + x] /= sx[x] * sy[y];
			}
		final RgbImage out = new RgbImage(w, h, acc);
		if (guideImage != null && (guide == Guide.LOWPASS || guide == Guide.BOTH))
			correctLowFrequencies(out, guideImage,
			sigmaFraction, centered);
		return out;
	}

	/** The tiles' window weights along one axis, summed over the tiles starting at {@code starts}. */
	private float[] weightSums(final int length, final int side, final int[] starts) {
		final float[] sum = new float[length];
		for (final int s : starts) {
			final float[] wt = window(side, s, length);
			for (int i = 0; i < side; i++)
				sum[s + i] += wt[i];
		}
		return sum;
	}

	/** A tile's weights along one axis: ramps only towards neighbours. */
	private float[] window(final int side, final int start, final int length) {
		return TileWindow.axis(side, overlap, start > 0, start + side < length);
	}

	private void flush(final RgbImage in, final List<int[]> pending, final int tw, final int th,
		final TileRunner tileRunner, final RgbImage guideImage, final float[] acc)
		throws AnimeGanException
	{
		if (pending.isEmpty()) return;
		if (progress.isCancelled()) throw new CancelledException();
		final List<RgbImage> tiles = new ArrayList<>(pending.size());
		for (final int[] p : pending)
			tiles.add(in.crop(p[0], p[1], tw, th));
		final List<RgbImage> outs = tileRunner.run(tiles);
		for (int k = 0; k < pending.size(); k++) {
			final int x0 = pending.get(k)[0], y0 = pending.get(k)[1];
			final RgbImage t = outs.get(k);
			if (guideImage != null && (guide == Guide.MEANSTD || guide == Guide.BOTH)) matchMeanStd(t, x0, y0, in.width(), in
				.height(), guideImage);
			blend(t, x0, y0, in.width(), in.height(), acc);
		}
		pending.clear();
	}

	private void blend(final RgbImage t, final int x0, final int y0, final int w, final int h,
		final float[] acc)
	{
		final int tw = t.width(), th = t.height(), ta = t.area(), area = w * h;
		final float[] wx = window(tw, x0, w), wy = window(th, y0, h);
		final float[] d = t.data();
		for (int y = 0; y < th; y++)
			for (int x = 0; x < tw; x++) {
				final float wt = wx[x] * wy[y];
				final int o = (y0 + y) * w + x0 + x, i = y * tw + x;
				acc[o] += wt * d[i];
				acc[area + o] += wt * d[ta + i];
				acc[2 * area + o] += wt * d[2 * ta + i];
			}
	}

	/** The whole image once, scaled so that its long side is the tile size. */
	public RgbImage guidePass(final RgbImage in) throws AnimeGanException {
		final RgbImage small = reduced(in, tile);
		final int[] size = reducedSize(in, tile);
		return runner.run(List.of(small)).get(0).crop(0, 0, size[0], size[1]);
	}

	/** The image scaled so that its long side is {@code side}, padded by reflection to the stride. */
	private RgbImage reduced(final RgbImage in, final int side) {
		final int stride = generator.spec().stride();
		final int[] size = reducedSize(in, side);
		return ReflectPad.pad(Resampler.resize(in, size[0], size[1]), roundUp(size[0], stride),
			roundUp(size[1], stride));
	}

	private static int[] reducedSize(final RgbImage in, final int side) {
		final double f = (double) side / Math.max(in.width(), in.height());
		return new int[] { Math.max(1, (int) Math.round(in.width() * f)), Math.max(1, (int) Math
			.round(in.height() * f)) };
	}

	/** out += up(blur(guide - down(out))), added with bilinear interpolation row by row. */
	public void correctLowFrequencies(final RgbImage out, final RgbImage guideImage,
		final double sigmaFraction, final boolean centered)
	{
		final int gw = guideImage.width(), gh = guideImage.height();
		final RgbImage diff = Resampler.resize(out, gw, gh).copy();
		final float[] d = diff.data(), g = guideImage.data();
		for (int i = 0; i < d.length; i++)
			d[i] = g[i] - d[i];
		if (centered) {
			// Keep the tiles' own overall tone per channel (closer to a full-resolution pass than the
			// reduced-size guide's); take only the differences between regions from the guide.
			final int ga0 = diff.area();
			for (int c = 0; c < 3; c++) {
				double m = 0;
				for (int i = 0; i < ga0; i++)
					m += d[c * ga0 + i];
				final float mean = (float) (m / ga0);
				for (int i = 0; i < ga0; i++)
					d[c * ga0 + i] -= mean;
			}
		}
		LowPass.blur(diff, sigmaFraction * tile * gw / out.width());
		final int w = out.width(), h = out.height(), area = out.area(), ga = diff.area();
		final float[] o = out.data();
		final int[] x0 = new int[w];
		final float[] fx = new float[w];
		for (int x = 0; x < w; x++) {
			final double sx = Math.max(0, Math.min(gw - 1, (x + 0.5) * gw / w - 0.5));
			x0[x] = Math.min((int) sx, gw - 2 < 0 ? 0 : gw - 2);
			fx[x] = gw < 2 ? 0 : (float) (sx - x0[x]);
		}
		for (int y = 0; y < h; y++) {
			final double sy = Math.max(0, Math.min(gh - 1, (y + 0.5) * gh / h - 0.5));
			final int y0 = Math.min((int) sy, gh - 2 < 0 ? 0 : gh - 2);
			final int y1 = gh < 2 ? y0 : y0 + 1;
			final float fy = gh < 2 ? 0 : (float) (sy - y0);
			for (int c = 0; c < 3; c++) {
				final int r0 = c * ga + y0 * gw, r1 = c * ga + y1 * gw, row = c * area + y * w;
				for (int x = 0; x < w; x++) {
					final int a = x0[x], b = gw < 2 ? a : a + 1;
					final float top = d[r0 + a] + fx[x] * (d[r0 + b] - d[r0 + a]);
					final float bottom = d[r1 + a] + fx[x] * (d[r1 + b] - d[r1 + a]);
					o[row + x] = clamp(o[row + x] + top + fy * (bottom - top));
				}
			}
		}
	}

	/** Option (c): gives a tile the per-channel mean and spread of the guide over the same region. */
	private static void matchMeanStd(final RgbImage t, final int x0, final int y0, final int w,
		final int h, final RgbImage guideImage)
	{
		final int gw = guideImage.width(), gh = guideImage.height();
		final int gx0 = (int) Math.floor((double) x0 * gw / w), gy0 = (int) Math.floor((double) y0 *
			gh / h);
		final int gx1 = Math.max(gx0 + 1, (int) Math.ceil((double) (x0 + t.width()) * gw / w));
		final int gy1 = Math.max(gy0 + 1, (int) Math.ceil((double) (y0 + t.height()) * gh / h));
		final RgbImage region = guideImage.crop(gx0, gy0, Math.min(gw, gx1) - gx0, Math.min(gh, gy1) -
			gy0);
		// The guide is blurrier than the tile, so match the tile's downscaled statistics to it.
		final RgbImage tSmall = Resampler.resize(t, region.width(), region.height());
		final float[] d = t.data();
		for (int c = 0; c < 3; c++) {
			final double[] mg = stats(region, c), mt = stats(tSmall, c);
			final double gain = mt[1] > 1e-3 ? mg[1] / mt[1] : 1;
			final int base = c * t.area();
			for (int i = 0; i < t.area(); i++)
				d[base + i] = clamp((float) ((d[base + i] - mt[0]) * gain + mg[0]));
		}
	}

	private static double[] stats(final RgbImage img, final int c) {
		final float[] d = img.data();
		final int a = img.area();
		double s = 0, ss = 0;
		for (int i = 0; i < a; i++) {
			s += d[c * a + i];
			ss += d[c * a + i] * (double) d[c * a + i];
		}
		final double m = s / a;
		return new double[] { m, Math.sqrt(Math.max(0, ss / a - m * m)) };
	}

	private static float clamp(final float v) {
		return v < 0 ? 0 : v > 255 ? 255 : v;
	}

	private static int roundUp(final int v, final int stride) {
		return (v + stride - 1) / stride * stride;
	}
}
