package org.animegan.fiji.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.RuntimeOptions.Device;
import org.animegan.fiji.api.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code device} parameter on a build without CUDA (the default build, and every CI machine):
 * auto runs on the CPU and says why once, gpu is refused with one sentence, cpu says nothing.
 */
class DeviceTest {

	private static final Path MODEL = Fixtures.path("generator_nchw.onnx");

	@BeforeAll
	static void thisBuildHasNoCuda() throws AnimeGanException {
		DjlRuntime.engine();
		// The GPU build (mvn -Pgpu) is checked by src/tools/check_gpu_build.sh instead.
		assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
			"these tests describe the CPU build");
	}

	@Test
	void parsedAsTyped() throws AnimeGanException {
		assertEquals(Device.AUTO, Settings.defaults().runtime().device());
		assertEquals("auto", Settings.param(Settings.DEVICE).defaultValue());
		final Settings gpu = Settings.of(Settings.DEVICE, "GPU", Settings.THREADS, "2");
		assertEquals("gpu", gpu.get(Settings.DEVICE), "stored as the table writes it");
		assertEquals(Device.GPU, gpu.runtime().device());
		assertEquals(Device.CPU, Settings.of(Settings.DEVICE, "cpu").runtime().device());
		assertTrue(gpu.toMacroOptions().contains("device=gpu"), gpu.toMacroOptions());
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Settings.of(
			Settings.DEVICE, "tpu"));
		assertTrue(e.getMessage().contains("device"), e.getMessage());
	}

	@Test
	void autoRunsOnTheCpuAndSaysWhyOncePerSession() throws Exception {
		Cuda.forget();
		final RuntimeOptions auto = RuntimeOptions.threads(1);
		assertEquals(Device.AUTO, auto.device());
		try (OrtSession a = Sessions.open(MODEL, auto); OrtSession b = Sessions.open(MODEL, auto)) {
			assertEquals(1, a.getInputNames().size());
		}
		final String line = Sessions.takeDeviceNotice();
		assertEquals(
			"The model runs on the CPU: this ONNX Runtime build has no CUDA provider (the GPU build is made with mvn -Pgpu).",
			line);
		assertNull(Sessions.takeDeviceNotice(), "one line, not one per session opened");
		try (OrtSession c = Sessions.open(MODEL, auto)) {
			assertNull(Sessions.takeDeviceNotice(), "and not again later in the same JVM");
		}
	}

	@Test
	void cpuSaysNothing() throws Exception {
		Cuda.forget();
		try (OrtSession s = Sessions.open(MODEL, RuntimeOptions.threads(1).withDevice(Device.CPU))) {
			assertNull(Sessions.takeDeviceNotice());
		}
	}

	@Test
	void gpuWithoutOneIsOneClearSentence() {
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Sessions.open(MODEL,
			RuntimeOptions.threads(1).withDevice(Device.GPU)));
		assertEquals(
			"device=gpu needs a usable NVIDIA GPU, but this ONNX Runtime build has no CUDA provider (the GPU build is made with mvn -Pgpu); choose device=auto or device=cpu to run on the CPU.",
			e.getMessage());
	}

	@Test
	void cudasReasonIsKeptWithoutOrtsSourceLocation() {
		// As the GPU build said it on this machine (no CUDA libraries installed).
		final String ort =
			"Error code - ORT_RUNTIME_EXCEPTION - message: /onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1539 onnxruntime::Provider& onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared object file: No such file or directory\n";
		assertEquals(
			"device=gpu needs a usable NVIDIA GPU, but ONNX Runtime's CUDA provider could not start (Failed to load library libonnxruntime_providers_cuda.so with error: libcublasLt.so.12: cannot open shared object file: No such file or directory); choose device=auto or device=cpu to run on the CPU.",
			EngineMessages.noGpu(EngineMessages.cudaFailed(ort)));
		assertEquals("The model runs on the CPU: ONNX Runtime's CUDA provider could not start (no GPU).",
			EngineMessages.onCpu(EngineMessages.cudaFailed("no GPU.")));
	}
}
