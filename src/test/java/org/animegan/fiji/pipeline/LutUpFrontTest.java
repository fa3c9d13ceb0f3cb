package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.RecordingProgress;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.hostile.LutCases;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad LUT fails a run before its first plane, and before the model is even loaded. */
class LutUpFrontTest {

	@TempDir
	Path tmp;

	@Test
	void aBadLutFailsAStackBeforeItsFirstPlane() throws IOException, AnimeGanException {
		final Path lut = tmp.resolve("bad.cube");
		Files.write(lut, LutCases.cube(2, "DOMAIN_MIN -1e300 0 0\n", 8).getBytes(
			StandardCharsets.US_ASCII));
		final ImageStack stack = new ImageStack(64, 48);
		for (int i = 0; i < 3; i++)
			stack.addSlice(BadInputSuiteTest.photo(64, 48, i));
		final ImagePlus imp = new ImagePlus("stack", stack);
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache);
			final RecordingProgress progress = new RecordingProgress();
			// A model that does not exist: the LUT's message, not the model's, shows which came first.
			final Settings s = Settings.of("model", tmp.resolve("absent.onnx").toString(),
				"color_shift", "lut", "lut_file", lut.toString());
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> tool.stylize(imp,
				s, progress));
			assertTrue(e.getMessage().startsWith("The LUT file " + lut), e.getMessage());
			assertEquals(0, progress.statuses.size(), "no plane was done");
			// With a good model too, the LUT is refused before any plane.
			final AnimeGanException again = assertThrows(AnimeGanException.class, () -> tool.stylize(
				imp, s.with("model", BadInputSuiteTest.MODEL.toString()), progress));
			assertEquals(e.getMessage(), again.getMessage());
			assertEquals(0, progress.statuses.size(), "no plane was done");
			assertEquals(0, cache.size(), "no model was loaded");
		}
	}
}
