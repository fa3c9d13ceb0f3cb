package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.FloatProcessor;

import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad images, settings and models give one clear sentence and leave the input as it was. */
class BadInputTest {

	@TempDir
	Path dir;

	private static ModelCache models;
	private static AnimeGan tool;

	@BeforeAll
	static void open() {
		Fixtures.headless();
		models = new ModelCache();
		tool = new AnimeGan(models);
	}

	@AfterAll
	static void close() {
		models.close();
	}

	/** The call fails with an AnimeGanException whose message is one sentence containing the words. */
	static String assertRefused(final Executable call, final String... words) {
		final AnimeGanException e = assertThrows(AnimeGanException.class, call);
		final String m = e.getMessage();
		assertFalse(m.contains("\n"), m);
		assertTrue(m.endsWith(".") || m.endsWith("?"), m);
		assertFalse(m.contains("Exception"), "no Java class names: " + m);
		assertEquals(1, m.split("[.?!]\\s+[A-Z]").length, "one sentence: " + m);
		for (final String w : words)
			assertTrue(m.contains(w), "'" + w + "' in: " + m);
		return m;
	}

	private static void assertImageRefused(final ImagePlus imp, final String... words)
		throws Exception
	{
		final Fixtures.Snapshot before = imp == null ? null : new Fixtures.Snapshot(imp);
		assertRefused(() -> tool.stylize(imp, Fixtures.v3(), Progress.NONE), words);
		if (before != null) before.assertUnchanged();
	}

	@Test
	void noImage() {
		assertRefused(() -> tool.stylize(null, Fixtures.v3(), Progress.NONE), "no image");
	}

	@Test
	void emptyStacks() throws Exception {
		assertRefused(() -> tool.stylize(new ImagePlus(), Fixtures.v3(), Progress.NONE),
			"no planes");
		// A stack whose planes were all deleted after the image was made.
		final ImagePlus imp = new ImagePlus("emptied", new ByteProcessor(16, 16));
		final ImageStack stack = imp.getStack();
		stack.deleteLastSlice();
		assertEquals(0, imp.getStack().getSize());
		assertRefused(() -> tool.stylize(imp, Fixtures.v3(), Progress.NONE), "emptied",
			"no planes");
	}

	@Test
	void tinyImages() throws Exception {
		assertImageRefused(new ImagePlus("dot", new ByteProcessor(1, 1)), "dot", "1x1");
		assertImageRefused(new ImagePlus("sliver", new ByteProcessor(5, 40)), "sliver", "5x40",
			"at least " + AnimeGan.MIN_SIDE);
	}

	@Test
	void nanAndInfinity() throws Exception {
		for (final float bad : new float[] { Float.NaN, Float.POSITIVE_INFINITY,
			Float.NEGATIVE_INFINITY })
		{
			final ImageStack stack = new ImageStack(16, 16);
			for (int i = 0; i < 3; i++)
				stack.addSlice(new FloatProcessor(16, 16));
			stack.getProcessor(2).setf(7, bad);
			assertImageRefused(new ImagePlus("floats", stack), "floats", "NaN or infinite",
				"plane 2");
		}
	}

	@Test
	void badSettings() {
		assertRefused(() -> Settings.of("colour", "red"), "Unknown parameter", "colour");
		assertRefused(() -> Settings.of("max_batch_size", "0"), "max_batch_size", "1 to 64");
		assertRefused(() -> Settings.of("threads", "1000"), "threads", "1000");
		assertRefused(() -> Settings.of("max_batch_size", "2.5"), "max_batch_size", "whole");
		assertRefused(() -> Settings.of("max_batch_size", "lots"), "max_batch_size", "not a number");
		assertRefused(() -> Settings.of("input_size", "300"), "input_size", "native");
	}

	private void assertModelRefused(final String model, final String... words) throws Exception {
		final ImagePlus imp = Fixtures.open("astronaut_128x96.png");
		final Fixtures.Snapshot before = new Fixtures.Snapshot(imp);
		assertRefused(() -> tool.stylize(imp, Settings.of("model", model, "threads", "1"),
			Progress.NONE), words);
		before.assertUnchanged();
	}

	@Test
	void missingModels() throws Exception {
		assertModelRefused(dir.resolve("nowhere.onnx").toString(), "nowhere.onnx", "not found");
		assertModelRefused("", "No model was given");
	}

	@Test
	void corruptModel() throws Exception {
		final Path corrupt = dir.resolve("corrupt.onnx");
		Files.write(corrupt, "this is not a protobuf".getBytes("UTF-8"));
		assertModelRefused(corrupt.toString(), "corrupt.onnx", "could not be loaded as an ONNX model");
	}

	@Test
	void modelsThatAreNotGenerators() throws Exception {
		assertModelRefused(Fixtures.path("classifier.onnx").toString(), "classifier.onnx",
			"not an RGB image");
		assertModelRefused(Fixtures.path("gray_input.onnx").toString(), "gray_input.onnx",
			"1-channel");
	}
}
