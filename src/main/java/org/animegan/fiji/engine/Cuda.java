package org.animegan.fiji.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.nio.ByteBuffer;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.RuntimeOptions.Device;

/**
 * Sessions on ONNX Runtime's CUDA provider, for {@code device=auto} and {@code device=gpu}. Only the
 * GPU build (-Pgpu, ONNX Runtime's onnxruntime_gpu jar) has the provider; there, appending it fails
 * when CUDA or cuDNN libraries are missing, and creating the session fails when no GPU is present.
 * Each failure is a reason: an error for {@code gpu}, the CPU and one Log line for {@code auto}.
 */
final class Cuda {

	/** The first reason {@code auto} fell back to the CPU, until it is shown. */
	private static String notice;
	private static boolean noticed;

	private Cuda() {}

	/**
	 * A session on the GPU, or null where {@code runtime.device()} is auto and none can be used.
	 *
	 * @throws AnimeGanException for {@code device=gpu} without a usable GPU (one sentence, why)
	 */
	static OrtSession session(final OrtEnvironment env, final ByteBuffer model,
		final RuntimeOptions runtime) throws AnimeGanException
	{
		String why;
		if (!providerPresent()) {
			why = EngineMessages.noCudaProvider();
		}
		else {
			try (SessionOptions options = Sessions.options(runtime)) {
				options.addCUDA(0);
				return env.createSession(model, options);
			}
			catch (final OrtException | RuntimeException e) {
				why = EngineMessages.cudaFailed(String.valueOf(e.getMessage()));
			}
		}
		if (runtime.device() == Device.GPU) throw new AnimeGanException(EngineMessages.noGpu(why));
		fellBack(why);
		return null;
	}

	static boolean providerPresent() {
		return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
	}

	private static synchronized void fellBack(final String why) {
		if (noticed) return;
		noticed = true;
		notice = EngineMessages.onCpu(why);
	}

	/** Forgets that the notice was made, as in a fresh session (tests). */
	static synchronized void forget() {
		noticed = false;
		notice = null;
	}

	static synchronized String takeNotice() {
		final String n = notice;
		notice = null;
		return n;
	}
}
