package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measurement tools, {@code java -jar target/animegan-tools.jar COMMAND}, as the README runs them. */
@Tag("slow")
class ToolsIT {

	@TempDir
	Path tmp;

	@Test
	void benchmarkPrintsOursAgainstBareOnnxRuntime() throws Exception {
		// A copy: the benchmark makes the int8 and fp16 copies next to the model it is given.
		final Path model = Files.copy(Path.of(model()), tmp.resolve("v3.onnx"));
		final Processes.Result r = tools("benchmark", "--model", model.toString(), "--input-size", "256",
			"--runs", "2", "--frames", "3", "--frame-size", "64", "--stack-runs", "1", "--threads", "2");
		assertEquals(0, r.exit, r::toString);
		for (final String key : new String[] { "model_load_ms", "first_image_ms", "ours_ms_per_image",
			"bare_ms_per_image", "ratio", "ours_stack_ms", "bare_stack_ms", "stack_ratio", "peak_rss_mb" })
		{
			assertEquals(1, r.lines(key + "=").size(), () -> key + " in\n" + r);
		}
		assertEquals(List.of("256x256"), r.lines("image_size="), r::toString);
		assertTrue(Double.parseDouble(r.lines("ratio=").get(0)) > 0, r::toString);
		assertTrue(Double.parseDouble(r.lines("int8/fp32=").get(0)) > 0, r::toString);
		assertEquals(1, r.lines("fp16/fp32 (cpu, for information)=").size(), r::toString);
	}

	@Test
	void precisionCheckComparesInt8AndFp16WithFp32() throws Exception {
		// A copy, for the same reason.
		final Path model = Files.copy(Path.of(model()), tmp.resolve("v3.onnx"));
		final Processes.Result r = tools("precisioncheck", "--model", model.toString(), "--image",
			Packaged.fixture("astronaut_128x96.png").toString(), "--input-size", "256", "--threads", "2");
		assertEquals(0, r.exit, r::toString);
		assertEquals(1, r.lines("image=astronaut_128x96.png int8_psnr_db=").size(), r::toString);
		// The tiny v3 stand-in: measured 61.4 dB and 1 grey level.
		final String worst = r.lines("int8_worst_psnr_db=").get(0);
		assertTrue(Double.parseDouble(worst.split(" ")[0]) > 35, r::toString);
		assertTrue(Integer.parseInt(worst.split("fp16_worst_max_diff=")[1].trim()) <= 2, r::toString);
	}

	@Test
	void tileCheckPrintsTheDifferenceOfEachGuidance() {
		final Processes.Result r = tools("tilecheck", "--model", model(), "--image", Packaged.fixture(
			"astronaut.png").toString(), "--size", "128", "--tile-size", "64", "--cache", tmp.resolve(
				"cache").toString());
		assertEquals(0, r.exit, r::toString);
		for (final String key : new String[] { "mad_naive_tiles", "mad_meanstd",
			"mad_lowpass_sigma_0.0625" })
		{
			assertEquals(1, r.lines(key + "=").size(), () -> key + " in\n" + r);
		}
	}

	@Test
	void tileTablePrintsARowPerStrategyAndTheDifferenceImages() throws Exception {
		final Processes.Result r = tools("tiletable", "--model", model(), "--images", Packaged.fixture(
			"astronaut.png").toString(), "--size", "128", "--tile-sizes", "64", "--diff-dir", tmp
				.resolve("diff").toString(), "--cache", tmp.resolve("cache").toString());
		assertEquals(0, r.exit, r::toString);
		for (final String s : new String[] { "none", "today", "shared" }) {
			assertEquals(1, r.lines("astronaut | 64 | " + s + " | ").size(), () -> s + " in\n" + r);
			assertTrue(java.nio.file.Files.size(tmp.resolve("diff").resolve("astronaut-64-" + s +
				"-diff8x.png")) > 0);
		}
	}

	@Test
	void colorCheckPrintsTheChannelStatistics() {
		final Processes.Result r = tools("colorcheck", "--model", model(), "--image", Packaged.fixture(
			"astronaut_128x96.png").toString(), "--input-size", "256");
		assertEquals(0, r.exit, r::toString);
		for (final String key : new String[] { "distinct_values_plain_red", "none_worst_level_difference",
			"histogram_worst_level_difference", "histogram_brightness_worst_level_difference" })
		{
			assertEquals(1, r.lines(key + "=").size(), () -> key + " in\n" + r);
		}
		assertTrue(Double.parseDouble(r.lines("histogram_worst_level_difference=").get(0)) <= 1,
			r::toString);
	}

	@Test
	void flickerPrintsTheTemporalErrorOfEachMode() {
		final Processes.Result r = tools("flicker", "--model", model(), "--image", Packaged.fixture(
			"astronaut.png").toString(), "--frames", "3", "--size", "64", "--threads", "2");
		assertEquals(0, r.exit, r::toString);
		for (final String row : new String[] { "| still + noise", "| pan 2 px/frame", "| zoom 1 %/frame" })
			assertEquals(1, r.lines(row).size(), () -> row + " in\n" + r);
		for (final String mode : new String[] { "tones", "flow" }) {
			final List<String> identity = r.lines("still without noise, largest difference " + mode +
				" vs off: ");
			assertEquals(1, identity.size(), r::toString);
			assertTrue(Double.parseDouble(identity.get(0).replace(" levels", "")) <= 1, r::toString);
		}
	}

	@Test
	void previewLatencyTimesStyleChangesWithoutRunningTheModelAgain() {
		final Processes.Result r = tools("preview-latency", "--model", model(), "--image", Packaged
			.fixture("astronaut_128x96.png").toString(), "--runs", "3");
		assertEquals(0, r.exit, r::toString);
		assertEquals(List.of("128x96 first_render_with_model_ms=" + r.lines(
			"preview=128x96 first_render_with_model_ms=").get(0)), r.lines("preview="), r::toString);
		assertEquals(1, r.lines("plain_style_weight_change_ms median=").size(), r::toString);
		assertEquals(1, r.lines("all_steps_style_weight_change_ms median=").size(), r::toString);
		assertEquals(List.of("1"), r.lines("model_runs="), r::toString);
	}

	@Test
	void largeImagePrintsItsRatioToBareRuns() {
		// 512x512 in tiles of at most 256 against four bare 256x256 runs.
		final Processes.Result r = tools("benchmark", "--model", model(), "--input-size", "256",
			"--large", "512", "--tile-size", "256", "--runs", "1", "--threads", "2");
		assertEquals(0, r.exit, r::toString);
		assertEquals(List.of("512x512 tile_size=256"), r.lines("large_size="), r::toString);
		assertEquals(List.of("4.000"), r.lines("large_units="), r::toString);
		assertTrue(Double.parseDouble(r.lines("large_ratio=").get(0)) > 0, r::toString);
		assertEquals(1, r.lines("peak_rss_mb=").size(), r::toString);
	}

	@Test
	void providersOfThisBuild() {
		final Processes.Result r = tools("providers");
		assertEquals(0, r.exit, r::toString);
		// The CPU build, or under -Pgpu the CUDA build (its own check: src/tools/check_gpu_build.sh).
		final boolean gpu = Packaged.toolsJar().getParent().getFileName().toString().equals("gpu");
		assertEquals(List.of(gpu ? "1.20.0" : "1.21.1"), r.lines("onnxruntime_version="), r::toString);
		final String providers = r.lines("providers=").get(0);
		assertTrue(providers.contains("CPU") && providers.contains("CUDA") == gpu, r::toString);
	}

	@Test
	void unknownCommandPrintsUsage() {
		final Processes.Result r = tools("nonsense");
		assertEquals(2, r.exit, r::toString);
		assertTrue(r.output.contains("benchmark --model"), r::toString);
		assertFalse(r.output.contains("\tat "), r::toString);
	}

	private static String model() {
		return Packaged.fixture("generator_v3_nhwc.onnx").toString();
	}

	private Processes.Result tools(final String... args) {
		final List<String> cmd = new ArrayList<>(List.of(Packaged.java().toString(), "-Xmx1g", "-jar",
			Packaged.toolsJar().toString()));
		cmd.addAll(List.of(args));
		return Processes.run(cmd, tmp, Map.of(), 180);
	}
}
