package org.animegan.fiji.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.engine.DirectBuffers;
import org.animegan.fiji.engine.DjlRuntime;
import org.animegan.fiji.engine.OnnxModelCheck;
import org.animegan.fiji.engine.Sessions;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.graph.SharedNormGraphs;

/**
 * A generator whose normalisation layers can take their statistics from outside
 * ({@link SharedNormGraphs#combined}), so that tiles can all be normalised like one whole image. One
 * session, opened when first used, gathers the statistics of a (reduced) whole image and runs the
 * tiles with them.
 */
public final class SharedNorm implements AutoCloseable {

	/** Every layer's mean and variance, flat, with their tensor shapes. */
	public static final class Statistics {

		final float[][] values;
		final long[][] shapes;

		Statistics(final float[][] values, final long[][] shapes) {
			this.values = values;
			this.shapes = shapes;
		}

		/** Means and variances of equal parts combined into those of the whole. */
		public static Statistics combine(final List<Statistics> parts) {
			final Statistics first = parts.get(0);
			final int n = first.values.length;
			final float[][] v = new float[n][];
			for (int k = 0; k < n; k += 2) {
				final int len = first.values[k].length;
				v[k] = new float[len];
				v[k + 1] = new float[len];
				for (int i = 0; i < len; i++) {
					double m = 0, sq = 0;
					for (final Statistics p : parts) {
						m += p.values[k][i];
						sq += p.values[k + 1][i] + (double) p.values[k][i] * p.values[k][i];
					}
					m /= parts.size();
					v[k][i] = (float) m;
					v[k + 1][i] = (float) Math.max(0, sq / parts.size() - m * m);
				}
			}
			return new Statistics(v, first.shapes);
		}

		/** Layer k's mean (of the first channel or group), for tests and reports. */
		public float mean(final int k) {
			return values[2 * k][0];
		}

		public float var(final int k) {
			return values[2 * k + 1][0];
		}

		public int layers() {
			return values.length / 2;
		}
	}

	/** A tile's result and the statistics its layers saw. */
	public static final class Run {

		public final RgbImage image;
		public final Statistics own;

		Run(final RgbImage image, final Statistics own) {
			this.image = image;
			this.own = own;
		}
	}

	private final ModelSpec spec;
	private final SharedNormGraphs graphs;
	private final java.nio.file.Path file;
	private final RuntimeOptions runtime;
	private OrtSession session;
	/** Tiles are large: each run gives the arena back ({@link Sessions#shrinkingRuns}); null: no arena. */
	private OrtSession.RunOptions runOptions;

	private SharedNorm(final java.nio.file.Path file, final ModelSpec spec,
		final SharedNormGraphs graphs, final RuntimeOptions runtime)
	{
		this.file = file;
		this.spec = spec;
		this.graphs = graphs;
		this.runtime = runtime;
	}

	/**
	 * For the generator in {@code file}.
	 *
	 * @throws SharedNormGraphs.NotRecognised if its normalisation is not one the rewrite knows
	 */
	static SharedNorm of(final java.nio.file.Path file, final ModelSpec spec,
		final RuntimeOptions runtime) throws AnimeGanException, SharedNormGraphs.NotRecognised
	{
		final ByteBuffer bytes = OnnxModelCheck.read(file);
		try {
			return new SharedNorm(file, spec, SharedNormGraphs.of(bytes), runtime);
		}
		finally {
			DirectBuffers.free(bytes);
		}
	}

	/** The number of normalisation layers (0: tiles need nothing shared). */
	public int layers() {
		return graphs.layers();
	}

	/** Every layer's statistics over the whole of {@code image} (run as one, as the model does). */
	public Statistics statistics(final RgbImage image) throws AnimeGanException {
		return run(image, null, true).own;
	}

	/** {@code tile} normalised with the given statistics. */
	public RgbImage run(final RgbImage tile, final Statistics s) throws AnimeGanException {
		return run(tile, s, false).image;
	}

	/** As {@link #run(RgbImage, Statistics)}, also returning the statistics each layer saw. */
	public Run runWithOwn(final RgbImage tile, final Statistics s) throws AnimeGanException {
		return run(tile, s, true);
	}

	/**
	 * Runs the combined graph: with {@code given} null as the model itself (weight 0), else with the
	 * given statistics (weight 1); {@code withOwn}: also fetch the statistics the layers saw.
	 */
	private synchronized Run run(final RgbImage tile, final Statistics given, final boolean withOwn)
		throws AnimeGanException
	{
		if (session == null) {
			session = Sessions.openDerived(graphs.combined(), file, runtime);
			runOptions = Sessions.shrinkingRuns(runtime);
		}
		final OrtEnvironment env = DjlRuntime.environment();
		final int w = tile.width(), h = tile.height(), n = graphs.layers();
		final ByteBuffer bytes = ByteBuffer.allocateDirect(3 * tile.area() * Float.BYTES).order(
			ByteOrder.nativeOrder());
		final Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			final FloatBuffer buf = bytes.asFloatBuffer();
			GeneratorTranslator.put(buf, tile, spec.layout());
			buf.rewind();
			inputs.put(spec.inputName(), OnnxTensor.createTensor(env, buf, GeneratorTranslator.shape(
				spec.layout(), 1, w, h)));
			inputs.put(SharedNormGraphs.WEIGHT, OnnxTensor.createTensor(env, FloatBuffer.wrap(
				new float[] { given == null ? 0 : 1 }), new long[] { 1 }));
			for (int k = 0; k < 2 * n; k++)
				inputs.put(name(k), given == null ? OnnxTensor.createTensor(env, FloatBuffer.wrap(
					new float[1]), new long[] { 1 }) : OnnxTensor.createTensor(env, FloatBuffer.wrap(
						given.values[k]), given.shapes[k]));
			final Set<String> outputs = new LinkedHashSet<>();
			outputs.add(spec.outputName());
			if (withOwn) for (int k = 0; k < 2 * n; k++)
				outputs.add(SharedNormGraphs.own(name(k)));
			try (OrtSession.Result r = runOptions == null ? session.run(inputs, outputs) : session.run(
				inputs, outputs, runOptions))
			{
				final OnnxTensor out = (OnnxTensor) r.get(spec.outputName()).get();
				final float[] y = new float[3 * tile.area()];
				out.getFloatBuffer().get(y);
				final RgbImage image = GeneratorTranslator.image(y, 0, w, h, spec.layout());
				if (!withOwn) return new Run(image, null);
				final float[][] values = new float[2 * n][];
				final long[][] shapes = new long[2 * n][];
				for (int k = 0; k < 2 * n; k++) {
					final OnnxTensor t = (OnnxTensor) r.get(SharedNormGraphs.own(name(k))).get();
					shapes[k] = t.getInfo().getShape();
					final FloatBuffer fb = t.getFloatBuffer();
					values[k] = new float[fb.remaining()];
					fb.get(values[k]);
				}
				return new Run(image, new Statistics(values, shapes));
			}
		}
		catch (final OrtException e) {
			throw new AnimeGanException(ModelMessages.inferenceFailed(spec.name(), e.getMessage()), e);
		}
		finally {
			for (final OnnxTensor t : new ArrayList<>(inputs.values()))
				t.close();
			DirectBuffers.free(bytes);
		}
	}

	private static String name(final int k) {
		return k % 2 == 0 ? SharedNormGraphs.mean(k / 2) : SharedNormGraphs.var(k / 2);
	}

	@Override
	public synchronized void close() {
		if (runOptions != null) runOptions.close();
		runOptions = null;
		if (session == null) return;
		try {
			session.close();
		}
		catch (final OrtException ignored) {
			// Closing: nothing left to do with it.
		}
		session = null;
	}
}
