package org.animegan.fiji.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.engine.ArenaBlock;
import org.animegan.fiji.engine.DjlRuntime;
import org.animegan.fiji.engine.EngineMessages;
import org.animegan.fiji.engine.Sessions;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.graph.GraphMessages;
import org.animegan.fiji.model.graph.SharedNormGraphs;

/**
 * A loaded AnimeGAN generator: an ONNX Runtime session wrapped as a DJL model, plus the
 * {@link ModelSpec} read from its graph. Thread-safe: each {@link #run} uses its own predictor.
 */
public final class Generator implements AutoCloseable {

	private final Path file;
	private final ModelSpec spec;
	private final Model model;
	private final ArenaBlock block;
	private final GeneratorTranslator translator;
	private final RuntimeOptions runtime;
	private volatile boolean closed;
	/** Opened when tiles first need it; null with {@link #sharedRefusal} set when not possible. */
	private SharedNorm shared;
	private String sharedRefusal;
	private boolean sharedTried;
	private boolean refusalTold;

	private Generator(final Path file, final ModelSpec spec, final Model model,
		final ArenaBlock block, final RuntimeOptions runtime)
	{
		this.file = file;
		this.spec = spec;
		this.model = model;
		this.block = block;
		this.runtime = runtime;
		this.translator = new GeneratorTranslator(spec);
	}

	/** Loads an .onnx file with the given number of intra-op threads and default options. */
	public static Generator open(final Path file, final int threads) throws AnimeGanException {
		return open(file, RuntimeOptions.threads(threads), null, 0);
	}

	/**
	 * Loads an .onnx file of a known family (null: guessed from the graph); {@code stride} overrides
	 * the family's (0 keeps it), for catalog models that know better.
	 */
	public static Generator open(final Path file, final RuntimeOptions runtime,
		final ModelFamily family, final int stride) throws AnimeGanException
	{
		DjlRuntime.engine();
		final OrtSession session = Sessions.open(file, runtime);
		try {
			final ModelSpec read = readSpec(file, session, family);
			final ModelSpec spec = stride > 0 ? read.withStride(stride) : read;
			// DJL's OrtModel would open its own session from the path; we open it ourselves to read
			// the tensor shapes and choose the options, then hand it to DJL as the model's block.
			final Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(),
				DjlRuntime.ENGINE);
			final NDManager manager = model.getNDManager();
			final ArenaBlock block = new ArenaBlock(session, (OrtNDManager) manager, runtime);
			model.setBlock(block);
			return new Generator(file, spec, model, block, runtime);
		}
		catch (final OrtException e) {
			closeQuietly(session);
			throw new AnimeGanException(EngineMessages.cannotLoadModel(file, e.getMessage()), e);
		}
		catch (final AnimeGanException | RuntimeException e) {
			closeQuietly(session);
			throw e;
		}
	}

	private static ModelSpec readSpec(final Path file, final OrtSession session,
		final ModelFamily family)
		throws OrtException, AnimeGanException
	{
		final String name = file.getFileName().toString();
		final Map<String, NodeInfo> inputs = session.getInputInfo();
		final Map<String, NodeInfo> outputs = session.getOutputInfo();
		if (inputs.size() != 1 || outputs.isEmpty()) {
			throw new AnimeGanException(ModelMessages.notAnImageModel(name, inputs.size() + " inputs"));
		}
		final NodeInfo in = inputs.values().iterator().next();
		final NodeInfo out = outputs.values().iterator().next();
		if (!(in.getInfo() instanceof TensorInfo) || !(out.getInfo() instanceof TensorInfo)) {
			throw new AnimeGanException(ModelMessages.notAnImageModel(name, "non-tensor"));
		}
		return ModelSpec.fromShapes(name, in.getName(), ((TensorInfo) in.getInfo()).getShape(), out
			.getName(), ((TensorInfo) out.getInfo()).getShape(), family);
	}

	public ModelSpec spec() {
		return spec;
	}

	public Path file() {
		return file;
	}

	/** Stylizes planes of one size; returns results on the 0..255 scale, in the same order. */
	public List<RgbImage> run(final List<RgbImage> planes) throws AnimeGanException {
		try (Predictor<ImageBatch, ImageBatch> predictor = model.newPredictor(translator)) {
			return predictor.predict(new ImageBatch(planes)).images();
		}
		catch (final TranslateException | RuntimeException e) {
			for (Throwable t = e; t != null; t = t.getCause()) {
				if (t instanceof AnimeGanException) throw (AnimeGanException) t;
				if (t instanceof OutOfMemoryError) throw (OutOfMemoryError) t;
			}
			throw new AnimeGanException(ModelMessages.inferenceFailed(spec.name(), rootMessage(e)), e);
		}
	}

	/**
	 * As {@link #run}, for the tiles of a large image (and their reduced pass): the memory arena gives
	 * its free regions back after each run, so one large tile's activations are not kept beside the
	 * Java heap's planes for the rest of the process (docs/performance.md).
	 */
	public List<RgbImage> runLarge(final List<RgbImage> planes) throws AnimeGanException {
		return block.shrinking(() -> run(planes));
	}

	private static String rootMessage(final Throwable e) {
		Throwable t = e;
		while (t.getCause() != null)
			t = t.getCause();
		return t.getMessage() == null ? t.toString() : t.getMessage();
	}

	private static void closeQuietly(final OrtSession session) {
		if (session == null) return;
		try {
			session.close();
		}
		catch (final OrtException ignored) {
			// Already failing; the original error is what the user needs.
		}
	}

	/**
	 * This generator with its normalisation statistics taken from outside, for tiles that share the
	 * whole image's ({@link SharedNorm}); null when the graph normalises in a way the rewrite does not
	 * know (then {@link #takeSharedRefusal} says why, once).
	 */
	public synchronized SharedNorm sharedNorm() throws AnimeGanException {
		if (!sharedTried) {
			sharedTried = true;
			try {
				// Its runs take turns (one session, one run at a time), so each gets every thread.
				shared = SharedNorm.of(file, spec, runtime.withConcurrentRuns(1));
			}
			catch (final SharedNormGraphs.NotRecognised e) {
				sharedRefusal = GraphMessages.notRecognised(spec.name(), e
					.getMessage());
			}
		}
		return shared;
	}

	/** Why {@link #sharedNorm} is null, the first time it is asked (for one Log line); else null. */
	public synchronized String takeSharedRefusal() {
		if (sharedRefusal == null || refusalTold) return null;
		refusalTold = true;
		return sharedRefusal;
	}

	/** True once {@link #close()} released the session. */
	public boolean isClosed() {
		return closed;
	}

	@Override
	public synchronized void close() {
		if (closed) return;
		closed = true;
		if (shared != null) shared.close();
		model.close();
	}
}
