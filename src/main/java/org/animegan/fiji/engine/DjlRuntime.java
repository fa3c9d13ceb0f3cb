package org.animegan.fiji.engine;

import ai.djl.engine.Engine;
import ai.djl.onnxruntime.engine.OrtEngineProvider;
import ai.onnxruntime.OrtEnvironment;

import org.animegan.fiji.api.AnimeGanException;

/**
 * Starts DJL's ONNX Runtime engine once per JVM, in a way that works inside Fiji: DJL discovers
 * engines through the thread's context class loader, which inside Fiji is not the plugin's, so the
 * engine is registered explicitly and the loader is swapped around the first call.
 */
public final class DjlRuntime {

	public static final String ENGINE = "OnnxRuntime";

	private static Engine engine;

	private DjlRuntime() {}

	/** Sets DJL's switches: no PyTorch download fallback, no telemetry, offline. */
	public static void configure() {
		setIfAbsent("ai.djl.onnx.disable_alternative", "true");
		setIfAbsent("OPT_OUT_TRACKING", "true");
		setIfAbsent("ai.djl.offline", "true");
		setIfAbsent("ai.djl.default_engine", ENGINE);
	}

	public static synchronized Engine engine() throws AnimeGanException {
		if (engine != null) return engine;
		configure();
		NativeLibraries.useCache();
		final Thread thread = Thread.currentThread();
		final ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(DjlRuntime.class.getClassLoader());
		try {
			Engine.registerEngine(new OrtEngineProvider());
			engine = Engine.getEngine(ENGINE);
			NativeLibraries.removeOrtTempFolder(); // ORT is loaded now
			return engine;
		}
		catch (final RuntimeException | LinkageError e) {
			throw new AnimeGanException(EngineMessages.engineUnavailable(String.valueOf(e.getMessage())), e);
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	/** ONNX Runtime's process-wide environment, after the engine is up. */
	public static OrtEnvironment environment() throws AnimeGanException {
		engine();
		return OrtEnvironment.getEnvironment();
	}

	private static void setIfAbsent(final String key, final String value) {
		if (System.getProperty(key) == null) System.setProperty(key, value);
	}
}
