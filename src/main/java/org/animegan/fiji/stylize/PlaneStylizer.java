package org.animegan.fiji.stylize;

import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.StyleOptions;
import org.animegan.fiji.api.TilingOptions;
import org.animegan.fiji.image.Flip;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.image.SizePolicy;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelFamily;
import org.animegan.fiji.model.ModelSpec;
import org.animegan.fiji.style.CubeLut;
import org.animegan.fiji.style.StyleSteps;

/**
 * Stylizes planes with one generator and one set of options: size policy in, model, size policy
 * out, with the style controls around the model (order documented in {@link StyleSteps}). Knows nothing about ImageJ, so scripts and the command line can use it on plain planes.
 */
public final class PlaneStylizer {

	private final Generator generator;
	private final int inputSize;
	private final TilingOptions tiling;
	private final StyleSteps steps;
	private final Progress progress;
	/** Where model results come from: the generator itself unless replaced (null). */
	private TiledStylizer.TileRunner runner;
	/** After an allocation failure: the tile side that was tried next (0: none), and batches of 1. */
	private int tileLimit;
	private boolean oneAtATime;

	/**
	 * @param inputSize the long side planes are scaled to, or 0 for their own size
	 */
	public PlaneStylizer(final Generator generator, final int inputSize, final StyleOptions style,
		final TilingOptions tiling)
	{
		this(generator, inputSize, style, tiling, null, Progress.NONE);
	}

	/**
	 * @param inputSize the long side planes are scaled to, or 0 for their own size
	 * @param lut the run's LUT, already checked (see {@code pipeline.AnimeGan#lut}), or null to read
	 *          it when first needed
	 * @param progress asked between the tiles of a large plane whether to stop
	 */
	public PlaneStylizer(final Generator generator, final int inputSize, final StyleOptions style,
		final TilingOptions tiling, final CubeLut lut, final Progress progress)
	{
		this.generator = generator;
		this.inputSize = inputSize;
		this.tiling = tiling;
		this.steps = new StyleSteps(style, lut);
		this.progress = progress;
	}

	/** With the size, style and tiling options of {@code settings}; never cancelled. */
	public PlaneStylizer(final Generator generator, final Settings settings) {
		this(generator, settings.inputSize(), settings.style(), settings.tiling());
	}

	public Generator generator() {
		return generator;
	}

	/** How a plane of this size is scaled and padded for the model. */
	public SizePolicy.Plan plan(final int width, final int height) {
		final ModelSpec spec = generator.spec();
		final ModelFamily family = spec.family();
		return SizePolicy.plan(width, height, inputSize, spec.stride(), family.minSide(), family
			.fit() == ModelFamily.Fit.RESIZE, (int) spec.width(), (int) spec.height());
	}

	/** The tile side for this plan (see {@link MemoryBudget#tileFor}), or 0 for the whole plane. */
	public int tileFor(final SizePolicy.Plan plan) {
		final ModelSpec spec = generator.spec();
		if (spec.width() > 0 && spec.height() > 0) return 0; // a fixed-size model is never tiled
		return MemoryBudget.tileFor(plan.paddedWidth, plan.paddedHeight, tiling.tileSize(), spec
			.stride(), MemoryBudget.availableNativeBytes());
	}

	/** Stylizes planes of one size (a batch) with every style step; results have the planes' size. */
	public List<RgbImage> stylize(final List<RgbImage> planes) throws AnimeGanException {
		final List<RgbImage> generated = generate(planes);
		final List<RgbImage> result = new ArrayList<>(planes.size());
		for (int i = 0; i < planes.size(); i++)
			result.add(finish(planes.get(i), generated.get(i)));
		return result;
	}

	/**
	 * The steps up to the model's result, at the planes' size: denoise, the model, and with
	 * {@code tta_enabled} the average with the mirrored planes' results mirrored back.
	 */
	public List<RgbImage> generate(final List<RgbImage> planes) throws AnimeGanException {
		final List<RgbImage> pre = new ArrayList<>(planes.size());
		for (final RgbImage p : planes)
			pre.add(steps.before(p));
		final List<RgbImage> out = model(pre);
		if (!steps.tta()) return out;
		final List<RgbImage> flipped = new ArrayList<>(pre.size());
		for (final RgbImage p : pre)
			flipped.add(Flip.horizontal(p));
		final List<RgbImage> back = model(flipped);
		final List<RgbImage> mean = new ArrayList<>(out.size());
		for (int i = 0; i < out.size(); i++) {
			final float[] a = out.get(i).data(), b = Flip.horizontal(back.get(i)).data();
			for (int k = 0; k < a.length; k++)
				b[k] = 0.5f * (a[k] + b[k]);
			mean.add(new RgbImage(out.get(i).width(), out.get(i).height(), b));
		}
		return mean;
	}

	/** The steps after the model; {@code photo} is the untouched plane. */
	public RgbImage finish(final RgbImage photo, final RgbImage generated)
		throws AnimeGanException
	{
		return steps.after(photo, generated);
	}

	/**
	 * The size policy and the model alone. When the model cannot allocate (ONNX Runtime or the Java
	 * heap), it is tried again with less at once, as CSBDeep does: planes one at a time, then tiles
	 * of half the side down to {@link MemoryBudget#smallerTile 256 pixels}; the Log says so, and a
	 * run that fits is kept for the planes after it.
	 */
	private List<RgbImage> model(final List<RgbImage> planes) throws AnimeGanException {
		final SizePolicy.Plan plan = plan(planes.get(0).width(), planes.get(0).height());
		int tile = tileFor(plan);
		// A tile side that fitted after an earlier failure is kept for the planes after it.
		if (tileLimit > 0 && (tile == 0 || tile > tileLimit)) tile = tileLimit;
		if (tile >= Math.max(plan.paddedWidth, plan.paddedHeight)) tile = 0;
		while (true) {
			try {
				return model(planes, plan, tile);
			}
			catch (final AnimeGanException | OutOfMemoryError e) {
				if (!MemoryBudget.isAllocationFailure(e)) throw e;
				final String before = StylizeMessages.attempt(tile, oneAtATime ? 1 : planes.size());
				if (tile == 0 && planes.size() > 1 && !oneAtATime) oneAtATime = true;
				else {
					final int smaller = fixedSize() ? 0 : MemoryBudget.smallerTile(tile, plan.paddedWidth,
						plan.paddedHeight, generator.spec().stride());
					if (smaller == 0) throw new AnimeGanException(StylizeMessages.outOfMemory(tile), e);
					tile = tileLimit = smaller;
					oneAtATime = true;
				}
				progress.log(StylizeMessages.retrying(before, tile, oneAtATime));
			}
		}
	}

	private boolean fixedSize() {
		return generator.spec().width() > 0 && generator.spec().height() > 0;
	}

	/** One try: in tiles of side {@code tile}, or whole planes (0). */
	private List<RgbImage> model(final List<RgbImage> planes, final SizePolicy.Plan plan,
		final int tile) throws AnimeGanException
	{
		final List<RgbImage> result = new ArrayList<>(planes.size());
		if (tile > 0) {
			// Tiling is there to bound memory: tiles and planes go one at a time (batching tiles gained
			// nothing measurable on CPU, and four 1024-pixel tiles at once took over 5 GB).
			final TiledStylizer tiler = new TiledStylizer(generator, tile, 1, tiling).cancelOn(progress);
			if (runner != null) tiler.runner(runner);
			for (final RgbImage p : planes)
				result.add(plan.fromModel(tiler.stylize(plan.toModel(p))));
			return result;
		}
		final List<RgbImage> in = new ArrayList<>(planes.size());
		for (final RgbImage p : planes)
			in.add(plan.toModel(p));
		final List<RgbImage> out = new ArrayList<>(in.size());
		final TiledStylizer.TileRunner r = runner != null ? runner : generator::run;
		if (oneAtATime) for (final RgbImage p : in)
			out.addAll(r.run(List.of(p)));
		else out.addAll(r.run(in));
		for (final RgbImage o : out)
			result.add(plan.fromModel(o));
		return result;
	}

	/**
	 * For tests and measurements: where model results come from (the generator by default), for
	 * whole planes, tiles and the tiles' reduced-size pass alike.
	 */
	public PlaneStylizer runner(final TiledStylizer.TileRunner r) {
		this.runner = r;
		return this;
	}

	/** One plane. */
	public RgbImage stylize(final RgbImage plane) throws AnimeGanException {
		return stylize(List.of(plane)).get(0);
	}
}
