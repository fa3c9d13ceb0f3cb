package org.animegan.fiji.core;

import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.image.SizePolicy;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelSpec;

/**
 * Stylizes planes with one generator and one set of settings: size policy in, model, size policy
 * out. Knows nothing about ImageJ, so scripts and the command line can use it on plain planes.
 */
public final class PlaneStylizer {

	private final Generator generator;
	private final Settings settings;

	public PlaneStylizer(final Generator generator, final Settings settings) {
		this.generator = generator;
		this.settings = settings;
	}

	public Generator generator() {
		return generator;
	}

	public Settings settings() {
		return settings;
	}

	/** How a plane of this size is scaled and padded for the model. */
	public SizePolicy.Plan plan(final int width, final int height) {
		final ModelSpec spec = generator.spec();
		return SizePolicy.plan(width, height, settings.inputSize(), spec.stride(), (int) spec.width(),
			(int) spec.height());
	}

	/** The tile side for this plan (see {@link MemoryBudget#tileFor}), or 0 for the whole plane. */
	public int tileFor(final SizePolicy.Plan plan) {
		final ModelSpec spec = generator.spec();
		if (spec.width() > 0 && spec.height() > 0) return 0; // a fixed-size model is never tiled
		return MemoryBudget.tileFor(plan.paddedWidth, plan.paddedHeight, settings.tileSize(), spec
			.stride(), MemoryBudget.availableNativeBytes());
	}

	/** Stylizes planes of one size (a batch); results have the planes' size. */
	public List<RgbImage> stylize(final List<RgbImage> planes) throws AnimeGanException {
		final SizePolicy.Plan plan = plan(planes.get(0).width(), planes.get(0).height());
		final int tile = tileFor(plan);
		if (tile > 0) {
			// Tiles are batched among themselves; planes go one at a time to bound memory.
			final TiledStylizer tiler = new TiledStylizer(generator, tile, settings.maxBatchSize());
			final List<RgbImage> result = new ArrayList<>(planes.size());
			for (final RgbImage p : planes)
				result.add(plan.fromModel(tiler.stylize(plan.toModel(p))));
			return result;
		}
		final List<RgbImage> in = new ArrayList<>(planes.size());
		for (final RgbImage p : planes)
			in.add(plan.toModel(p));
		final List<RgbImage> out = generator.run(in);
		final List<RgbImage> result = new ArrayList<>(out.size());
		for (final RgbImage o : out)
			result.add(plan.fromModel(o));
		return result;
	}

	/** One plane. */
	public RgbImage stylize(final RgbImage plane) throws AnimeGanException {
		return stylize(List.of(plane)).get(0);
	}
}
