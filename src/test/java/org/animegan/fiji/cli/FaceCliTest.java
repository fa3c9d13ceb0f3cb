package org.animegan.fiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.style.StyleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The style and face options on the command line. */
class FaceCliTest {

	@TempDir
	Path tmp;

	private String[] run(final String... args) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err =
			new ByteArrayOutputStream();
		final int code = new AnimeGanCli(new PrintStream(out, true), new PrintStream(err, true)).run(
			args);
		return new String[] { Integer.toString(code), out.toString(StandardCharsets.UTF_8), err
			.toString(StandardCharsets.UTF_8) };
	}

	@Test
	void printsTheFaceCountForEachImage() throws Exception {
		final Path models = StyleFixtures.sharedModels();
		final String before = System.getProperty(ModelLocator.PROPERTY);
		System.setProperty(ModelLocator.PROPERTY, models.toString());
		try {
			final Path fast = StyleFixtures.FAST_MODEL.toAbsolutePath();
			final String[] r = run("--model", fast.toString(), "--face-model", fast.toString(),
				"--face-enhance", "detect", "--input-size", "256", "--threads", "2", StyleFixtures.FIXTURES
					.resolve("astronaut.png").toString(), "-o", tmp.toString());
			assertEquals("0", r[0], r[2]);
			assertTrue(r[1].lines().anyMatch("faces: 1"::equals), r[1]);
		}
		finally {
			if (before == null) System.clearProperty(ModelLocator.PROPERTY);
			else System.setProperty(ModelLocator.PROPERTY, before);
		}
	}

	@Test
	void styleOptionsAreCommandLineOptions() throws Exception {
		final Path out = tmp.resolve("same.png");
		final String[] r = run("--model", StyleFixtures.FAST_MODEL.toAbsolutePath().toString(),
			"--style-weight", "0", "--tta-enabled", "--sharpen-factor", "0", "--color-shift", "none",
			"--input-size", "native", StyleFixtures.FIXTURES.resolve("astronaut_128x96.png").toString(),
			"-o", out.toString());
		assertEquals("0", r[0], r[2]);
		assertTrue(Files.isRegularFile(out));
		final ImagePlus in = IJ.openImage(StyleFixtures.FIXTURES.resolve("astronaut_128x96.png")
			.toString());
		final double d = StyleFixtures.maxAbsDiff(StyleFixtures.plane(in), StyleFixtures.plane(IJ
			.openImage(out.toString())));
		assertTrue(d <= 1, "style weight 0 gives the photo back: " + d);
		assertTrue(AnimeGanCli.usage().contains("--blend-original"));
		final String[] bad = run("--model", "x.onnx", "--color-shift", "sepia", "in.png", "-o", tmp
			.toString());
		assertEquals("2", bad[0]);
		assertTrue(bad[2].contains("color_shift"), bad[2]);
	}
}
