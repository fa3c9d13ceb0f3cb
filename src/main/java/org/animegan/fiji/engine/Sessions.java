package org.animegan.fiji.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions.Device;
import org.animegan.fiji.api.RuntimeOptions.MemoryMode;
import org.animegan.fiji.api.RuntimeOptions.Precision;
import org.animegan.fiji.api.RuntimeOptions;

/**
 * The one place where ONNX Runtime sessions are built, for generators, the face detector and the
 * measuring tools alike, from a typed {@link RuntimeOptions}: threads, device, memory mode and
 * optimisation level. The defaults were chosen by measurement (docs/performance.md).
 * <p>
 * The model file is read and checked by {@link OnnxModelCheck}, and the session is created from
 * those same bytes, never from the path: the bytes checked are the bytes run (no window to swap the
 * file), and ONNX Runtime has no model folder to resolve relative locations against.
 */
public final class Sessions {

	/** ONNX Runtime would take bytes in its own ORT flatbuffer format too, which we do not check. */
	private static final String LOAD_FORMAT = "session.load_model_format";
	/** ONNX Runtime's run option naming the devices whose arenas shrink after the run. */
	private static final String SHRINK_ARENA = "memory.enable_memory_arena_shrinkage";

	private Sessions() {}

	/**
	 * Opens a session on an ONNX file.
	 *
	 * @throws AnimeGanException if the file cannot be read, is too large, is not ONNX or reaches
	 *           outside itself, or ONNX Runtime refuses it; the message is one sentence naming the file
	 */
	public static OrtSession open(final Path file, final RuntimeOptions runtime)
		throws AnimeGanException
	{
		return create(OnnxModelCheck.read(file), file, runtime);
	}

	/** A session on checked model bytes, which it frees; errors name {@code file}. */
	private static OrtSession create(final ByteBuffer model, final Path file,
		final RuntimeOptions runtime) throws AnimeGanException
	{
		final OrtEnvironment env = DjlRuntime.environment();
		try {
			if (runtime.device() != Device.CPU) {
				final OrtSession onGpu = Cuda.session(env, model, runtime);
				if (onGpu != null) return onGpu;
			}
			// An fp16 copy on the CPU provider runs slower than fp32 (casts around every node).
			if (runtime.precision() == Precision.FP16) throw new AnimeGanException(EngineMessages
				.fp16WithoutGpu(runtime.device()));
			try (SessionOptions options = options(runtime)) {
				return env.createSession(model, options);
			}
		}
		catch (final OrtException e) {
			throw new AnimeGanException(EngineMessages.cannotLoadModel(file, e.getMessage()), e);
		}
		finally {
			DirectBuffers.free(model); // ONNX Runtime parsed the model into its own structures
		}
	}

	/**
	 * Opens a session on a graph derived in memory from the checked model {@code origin} (a rewrite of
	 * its bytes, which add no outside references), on the same device as the model's own sessions.
	 */
	public static OrtSession openDerived(final byte[] model, final Path origin,
		final RuntimeOptions runtime) throws AnimeGanException
	{
		final ByteBuffer bytes = ByteBuffer.allocateDirect(model.length);
		bytes.put(model).flip();
		return create(bytes, origin, runtime);
	}

	/**
	 * Run options that give the CPU arena's free regions back to the system after each run, for the
	 * tiles of large images: the arena grows in doubling regions and keeps them, and memory patterns
	 * add a block per input shape, so without this a 1024-pixel tile's activations stayed beside the
	 * Java heap's planes for the rest of the process (docs/performance.md). Null when the session
	 * has no arena ({@link MemoryMode#LOW}). The caller closes them.
	 */
	public static OrtSession.RunOptions shrinkingRuns(final RuntimeOptions runtime)
		throws AnimeGanException
	{
		if (runtime.memory() != MemoryMode.FAST) return null;
		try {
			final OrtSession.RunOptions options = new OrtSession.RunOptions();
			options.addRunConfigEntry(SHRINK_ARENA, "cpu:0");
			return options;
		}
		catch (final OrtException e) {
			throw new AnimeGanException(EngineMessages.engineUnavailable(e.getMessage()), e);
		}
	}

	/**
	 * Whether a session for {@code runtime} may run on a GPU: the device is not {@code cpu} and this
	 * ONNX Runtime build has the CUDA provider (whether a GPU is present shows only when a session is
	 * made).
	 */
	public static boolean mayUseGpu(final RuntimeOptions runtime) {
		return runtime.device() != Device.CPU && Cuda.providerPresent();
	}

	/**
	 * Why the model runs on the CPU although {@code device=auto}: a Log line, once per session (JVM),
	 * or null if there is none not yet shown.
	 */
	public static String takeDeviceNotice() {
		return Cuda.takeNotice();
	}

	/**
	 * The session options for {@code runtime}, CPU provider only, for model bytes in ONNX format alone;
	 * the caller closes them.
	 */
	public static SessionOptions options(final RuntimeOptions runtime) throws OrtException {
		final SessionOptions options = new SessionOptions();
		options.addConfigEntry(LOAD_FORMAT, "ONNX");
		options.setIntraOpNumThreads(runtime.intraOpThreads());
		options.setInterOpNumThreads(1); // sequential execution: one graph node at a time
		options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
		options.setOptimizationLevel(optLevel(runtime.optLevel()));
		options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
		// FAST: without arena and memory patterns every run faults its activation memory in afresh
		// (measured at 512x512: 6.07 s instead of 2.97 s per image). LOW is for a process that runs the
		// model once and has nothing to reuse: then large blocks also go straight back to the system.
		final boolean reuse = runtime.memory() == MemoryMode.FAST;
		options.setCPUArenaAllocator(reuse);
		// Runs at once on one session: with memory patterns each takes the whole planned block from
		// the arena; without, both reuse the arena's freed blocks. Measured on 8 photos of 512x512, two
		// at a time: 29-34 s and 1.15-1.20 GB against 48-49 s and 1.60 GB (docs/performance.md).
		options.setMemoryPatternOptimization(reuse && runtime.concurrentRuns() == 1);
		if (!reuse) NativeMemory.limitFragmentation();
		return options;
	}

	static SessionOptions.OptLevel optLevel(final RuntimeOptions.OptLevel level) {
		switch (level) {
			case NONE:
				return SessionOptions.OptLevel.NO_OPT;
			case BASIC:
				return SessionOptions.OptLevel.BASIC_OPT;
			case EXTENDED:
				return SessionOptions.OptLevel.EXTENDED_OPT;
			default:
				return SessionOptions.OptLevel.ALL_OPT;
		}
	}
}
