package org.animegan.fiji.engine;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.animegan.fiji.api.RuntimeOptions.Device;
import org.animegan.fiji.api.SettingsMessages;

/**
 * What package engine says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class EngineMessages {

	private static final Pattern ORT_REASON = Pattern.compile(
		"\\[ONNXRuntimeError\\] : \\d+ : \\w+ : (.+)", Pattern.DOTALL);

	private EngineMessages() {}

	public static String cannotLoadModel(final Path file, final String why) {
		return "The file " + file + " could not be loaded as an ONNX model (" + firstLine(why) + ").";
	}

	public static String engineUnavailable(final String why) {
		return "The ONNX Runtime engine could not be started (" + firstLine(why) + ").";
	}

	static String unsafeCache(final Path folder) {
		return "The native-library cache " + folder +
			" is not used because other users could change it (it must belong to you and be writable by you alone, e.g. chmod go-w), so ONNX Runtime extracts its libraries afresh this time.";
	}

	static String tooLarge(final Path file, final long max) {
		return "The model file " + file + " is larger than the " + (max >> 20) +
			" MB a model may have, so it is not loaded.";
	}

	static String unreadable(final Path file, final String why) {
		return "The model file " + file + " could not be read (" + SettingsMessages.shown(why) + ").";
	}

	static String notOnnx(final Path file) {
		return "The file " + file +
			" could not be loaded as an ONNX model (it is damaged, cut short or of another format).";
	}

	static String externalData(final Path file, final String tensor, final String location) {
		return "The model " + file + " is refused because its tensor '" + SettingsMessages.shown(tensor) +
			"' takes its data from outside the model file ('" + SettingsMessages.shown(location) +
			"'), and a model must not read other files.";
	}

	static String precompiledContext(final Path file, final String node) {
		return "The model " + file + " is refused because its node '" + SettingsMessages.shown(node) +
			"' is a precompiled EPContext node, which may load other files and is never part of an AnimeGAN generator.";
	}

	static String runtimeSettings(final Path file) {
		return "The model " + file +
			" is refused because it carries ONNX Runtime settings (ort_config), which a generator never needs and which could make ONNX Runtime write files.";
	}

	static String noCudaProvider() {
		return "this ONNX Runtime build has no CUDA provider (the GPU build is made with mvn -Pgpu)";
	}

	static String cudaFailed(final String why) {
		// ORT prefixes the reason with a source location: "...cc:1539 ... [ONNXRuntimeError] : 1 : FAIL : Failed to load library ...".
		final Matcher m = ORT_REASON.matcher(why);
		final String reason = firstLine(m.find() ? m.group(1) : why);
		// It may end in a full stop; the sentence goes on after it.
		return "ONNX Runtime's CUDA provider could not start (" + reason.replaceAll("[.\\s]+$", "") + ")";
	}

	static String onCpu(final String why) {
		return "The model runs on the CPU: " + why + ".";
	}

	static String noGpu(final String why) {
		return "device=gpu needs a usable NVIDIA GPU, but " + why +
			"; choose device=auto or device=cpu to run on the CPU.";
	}

	static String fp16WithoutGpu(final Device device) {
		return "precision=fp16 needs a GPU, but device=" + device.name().toLowerCase(Locale.ROOT) +
			" found no usable one, and on the CPU half precision runs slower than fp32; choose fp32 or int8.";
	}
}
