package org.animegan.fiji.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.core.Messages;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.onnx.OnnxSessions;

/**
 * A loaded AnimeGAN generator: an ONNX Runtime session wrapped as a DJL model, plus the
 * {@link ModelSpec} read from its graph. Thread-safe: each {@link #run} uses its own predictor.
 */
public final class Generator implements AutoCloseable {

	private final Path file;
	private final ModelSpec spec;
	private final Model model;
	private final GeneratorTranslator translator;
	private volatile boolean closed;

	private Generator(final Path file, final ModelSpec spec, final Model model) {
		this.file = file;
		this.spec = spec;
		this.model = model;
		this.translator = new GeneratorTranslator(spec);
	}

	/** Loads an .onnx file with the given number of intra-op threads. */
	public static Generator open(final Path file, final int threads) throws AnimeGanException {
		return open(file, threads, 0);
	}

	/**
	 * Loads an .onnx file; {@code stride} overrides the stride read from the graph (0 keeps it), for
	 * catalog models that know better.
	 */
	public static Generator open(final Path file, final int threads, final int stride)
		throws AnimeGanException
	{
		if (!Files.isRegularFile(file)) {
			throw new AnimeGanException(Messages.cannotLoadModel(file, "no such file"));
		}
		DjlRuntime.engine();
		OrtSession session = null;
		try (SessionOptions options = sessionOptions(threads)) {
			session = OnnxSessions.open(file, options);
			final ModelSpec read = readSpec(file, session);
			final ModelSpec spec = stride > 0 ? read.withStride(stride) : read;
			// DJL's OrtModel would open its own session from the path; we open it ourselves to read
			// the tensor shapes and choose the options, then hand it to DJL as the model's block.
			final Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(),
				DjlRuntime.ENGINE);
			final NDManager manager = model.getNDManager();
			model.setBlock(new OrtSymbolBlock(session, (OrtNDManager) manager));
			return new Generator(file, spec, model);
		}
		catch (final OrtException e) {
			closeQuietly(session);
			throw new AnimeGanException(Messages.cannotLoadModel(file, e.getMessage()), e);
		}
		catch (final AnimeGanException | RuntimeException e) {
			closeQuietly(session);
			throw e;
		}
	}

	static SessionOptions sessionOptions(final int threads) throws OrtException {
		return SessionTuning.options(threads);
	}

	private static ModelSpec readSpec(final Path file, final OrtSession session)
		throws OrtException, AnimeGanException
	{
		final String name = file.getFileName().toString();
		final Map<String, NodeInfo> inputs = session.getInputInfo();
		final Map<String, NodeInfo> outputs = session.getOutputInfo();
		if (inputs.size() != 1 || outputs.isEmpty()) {
			throw new AnimeGanException(Messages.notAnImageModel(name, inputs.size() + " inputs"));
		}
		final NodeInfo in = inputs.values().iterator().next();
		final NodeInfo out = outputs.values().iterator().next();
		if (!(in.getInfo() instanceof TensorInfo) || !(out.getInfo() instanceof TensorInfo)) {
			throw new AnimeGanException(Messages.notAnImageModel(name, "non-tensor"));
		}
		return ModelSpec.fromShapes(name, in.getName(), ((TensorInfo) in.getInfo()).getShape(), out
			.getName(), ((TensorInfo) out.getInfo()).getShape());
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
			throw new AnimeGanException(Messages.inferenceFailed(spec.name(), rootMessage(e)), e);
		}
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

	/** True once {@link #close()} released the session. */
	public boolean isClosed() {
		return closed;
	}

	@Override
	public synchronized void close() {
		if (closed) return;
		closed = true;
		model.close();
	}
}
