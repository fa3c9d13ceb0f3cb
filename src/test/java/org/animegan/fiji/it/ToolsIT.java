package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
	void benchmarkPrintsOursAgainstBareOnnxRuntime() {
		final Processes.Result r = tools("benchmark", "--model", model(), "--input-size", "256",
			"--runs", "2", "--frames", "3", "--frame-size", "64", "--stack-runs", "1", "--threads", "2");
		assertEquals(0, r.exit, r::toString);
		for (final String key : new String[] { "model_load_ms", "first_image_ms", "ours_ms_per_image",
			"bare_ms_per_image", "ratio", "ours_stack_ms", "bare_stack_ms", "stack_ratio", "peak_rss_mb" })
		{
			assertEquals(1, r.lines(key + "=").size(), () -> key + " in\n" + r);
		}
		assertEquals(List.of("256x256"), r.lines("image_size="), r::toString);
		assertTrue(Double.parseDouble(r.lines("ratio=").get(0)) > 0, r::toString);
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
		final List<String> identity = r.lines("still without noise, largest difference tones vs off: ");
		assertEquals(1, identity.size(), r::toString);
		assertTrue(Double.parseDouble(identity.get(0).replace(" levels", "")) <= 1, r::toString);
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
