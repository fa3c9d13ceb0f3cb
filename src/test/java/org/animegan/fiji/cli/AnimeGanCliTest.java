package org.animegan.fiji.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ColorProcessor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process. */
class AnimeGanCliTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();
	private Path in;
	private Path results;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	@BeforeEach
	void folders() throws Exception {
		in = Files.createDirectory(dir.resolve("in"));
		results = dir.resolve("out");
	}

	private int run(final String... args) {
		final List<String> all = new ArrayList<>(Arrays.asList("--model", Fixtures.path(
			"generator_v3_nhwc.onnx").toString(), "--input-size", "native", "--threads", "2"));
		all.addAll(Arrays.asList(args));
		return new AnimeGanCli(print(out), print(err)).run(all.toArray(new String[0]));
	}

	private static PrintStream print(final ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	private String err() {
		return new String(err.toByteArray(), StandardCharsets.UTF_8);
	}

	private String stdout() {
		return new String(out.toByteArray(), StandardCharsets.UTF_8);
	}

	/** How many images were stylized, from their summary lines. */
	private long stylized() {
		return stdout().lines().filter(l -> l.contains("1 plane in")).count();
	}

	private Path photo(final String name) throws Exception {
		final Path p = in.resolve(name);
		Files.copy(Fixtures.path("astronaut_128x96.png"), p);
		return p;
	}

	@Test
	void singleFile() throws Exception {
		final Path photo = Files.copy(Fixtures.path("astronaut_264x256.png"), in.resolve(
			"astronaut.png"));
		assertEquals(0, run(photo.toString(), "-o", results.toString()), err());
		final ImagePlus result = new Opener().openImage(results.resolve("astronaut-anime.png")
			.toString());
		assertNotNull(result);
		assertEquals(264, result.getWidth());
		assertEquals(256, result.getHeight());
		// The same pixels as the reference for this model.
		final ColorProcessor ref = (ColorProcessor) Fixtures.open("reference_v3_264x256.png")
			.getProcessor();
		assertTrue(Fixtures.maxAbsDiff(ref, (ColorProcessor) result.getProcessor()) <= 1);
		assertTrue(stdout().contains("1 plane in"), stdout());
	}

	@Test
	void gpuWithoutOneIsOneLineAndNothingWritten() throws Exception {
		final Path photo = photo("a.png");
		assertEquals(2, run("--device", "gpu", photo.toString(), "-o", results.toString()));
		final List<String> lines = err().lines().collect(Collectors.toList());
		assertEquals(1, lines.size(), err());
		assertTrue(lines.get(0).startsWith("error: device=gpu needs a usable NVIDIA GPU, but "), err());
		assertEquals(0, stylized(), stdout());
		assertFalse(Files.exists(results.resolve("a-anime.png")));
		assertEquals(0, run("--device", "cpu", photo.toString(), "-o", results.toString()), err());
		assertFalse(err().contains("runs on the CPU"), "cpu was asked for: nothing to explain");
		assertTrue(Files.isRegularFile(results.resolve("a-anime.png")));
	}

	@Test
	void folderWithOneCorruptFile() throws Exception {
		photo("a.png");
		photo("c.jpg");
		Files.write(in.resolve("b.png"), "not an image".getBytes(StandardCharsets.UTF_8));
		Files.write(in.resolve("notes.txt"), "ignored: not an image extension".getBytes(
			StandardCharsets.UTF_8));
		assertEquals(1, run(in.toString(), "-o", results.toString()));
		assertTrue(Files.isRegularFile(results.resolve("a-anime.png")));
		assertTrue(Files.isRegularFile(results.resolve("c-anime.png")));
		assertFalse(Files.exists(results.resolve("b-anime.png")));
		final List<String> failed = Arrays.stream(err().split("\n")).filter(l -> l.startsWith(
			"failed:")).collect(Collectors.toList());
		assertEquals(1, failed.size(), err());
		assertTrue(failed.get(0).contains("b.png"), failed.get(0));
	}

	@Test
	void folder() throws Exception {
		photo("a.png");
		photo("b.png");
		assertEquals(0, run(in.toString(), "-o", results.toString()), err());
		assertTrue(Files.isRegularFile(results.resolve("a-anime.png")));
		assertTrue(Files.isRegularFile(results.resolve("b-anime.png")));
	}

	@Test
	void multiPageTiffGivesATiffStack() throws Exception {
		final ImageStack stack = new ImageStack(40, 32);
		for (int k = 0; k < 3; k++) {
			final ColorProcessor cp = new ColorProcessor(40, 32);
			cp.setColor(new java.awt.Color(40 * k, 200 - 50 * k, 90));
			cp.fill();
			stack.addSlice("page " + k, cp);
		}
		final Path tiff = in.resolve("pages.tif");
		assertTrue(new FileSaver(new ImagePlus("pages", stack)).saveAsTiffStack(tiff.toString()));
		assertEquals(0, run(tiff.toString(), "-o", results.toString()), err());
		final ImagePlus result = new Opener().openImage(results.resolve("pages-anime.tif")
			.toString());
		assertNotNull(result);
		assertEquals(3, result.getStackSize());
		assertEquals(40, result.getWidth());
		assertEquals("page 2", result.getStack().getSliceLabel(3));
	}

	/** A multi-page TIFF is a plain stack: smoothing over its pages needs temporal_axis=z. */
	@Test
	void temporalSmoothingAlongThePagesOfATiff() throws Exception {
		final ColorProcessor photo = (ColorProcessor) Fixtures.open("astronaut_128x96.png")
			.getProcessor().convertToRGB();
		final ImageStack stack = new ImageStack(photo.getWidth(), photo.getHeight());
		for (final double gain : new double[] { 1, 0.4 }) {
			final ColorProcessor page = (ColorProcessor) photo.duplicate();
			page.multiply(gain);
			stack.addSlice(page);
		}
		final Path tiff = in.resolve("video.tif");
		assertTrue(new FileSaver(new ImagePlus("video", stack)).saveAsTiffStack(tiff.toString()));
		final Path off = dir.resolve("off"), tones = dir.resolve("tones");
		assertEquals(0, run(tiff.toString(), "-o", off.toString()), err());
		assertEquals(0, run("--temporal-smoothing", "tones", "--temporal-axis", "z", tiff.toString(),
			"-o", tones.toString()), err());
		final ColorProcessor a = (ColorProcessor) new Opener().openImage(off.resolve("video-anime.tif")
			.toString()).getStack().getProcessor(2);
		final ColorProcessor b = (ColorProcessor) new Opener().openImage(tones.resolve(
			"video-anime.tif").toString()).getStack().getProcessor(2);
		assertTrue(Fixtures.maxAbsDiff(a, b) > 10, "the darker page is pulled toward the first");
		assertEquals(2, run("--temporal-axis", "w", tiff.toString(), "-o", tones.toString()));
		assertTrue(err().contains("temporal_axis"), err());
	}

	@Test
	void neverOverwritesAnInput() throws Exception {
		final Path photo = photo("astronaut.png");
		final byte[] before = Files.readAllBytes(photo);
		assertEquals(1, run(photo.toString(), "-o", photo.toString()));
		assertTrue(err().contains("overwrite"), err());
		assertArrayEquals(before, Files.readAllBytes(photo));
		assertEquals(0, stylized(), "refused before stylizing: " + stdout());
		// Output folder = input folder, where an input already has the result's name.
		photo("x.png");
		final Path older = photo("x-anime.png");
		final byte[] olderBytes = Files.readAllBytes(older);
		err.reset();
		out.reset();
		assertEquals(1, run(in.toString(), "-o", in.toString()));
		assertArrayEquals(olderBytes, Files.readAllBytes(older));
		// Only x.png is refused: astronaut.png and x-anime.png (to x-anime-anime.png) are stylized.
		assertEquals(2, stylized(), stdout());
	}

	@Test
	void twoInputsWithTheSameNameDoNotOverwriteEachOthersResult() throws Exception {
		photo("a.jpg");
		photo("a.png");
		assertEquals(1, run(in.toString(), "-o", results.toString()));
		assertTrue(Files.isRegularFile(results.resolve("a-anime.png")));
		assertTrue(err().contains("failed: " + in.resolve("a.png")), err());
		assertEquals(1, stylized(), "the second a is refused before stylizing: " + stdout());
	}

	@Test
	void help() {
		assertEquals(0, new AnimeGanCli(print(out), print(err)).run(new String[] { "--help" }));
		final String usage = new String(out.toByteArray(), StandardCharsets.UTF_8);
		for (final Param p : Settings.PARAMS)
			assertTrue(usage.contains(p.option()), p.option());
	}

	@Test
	void everyParameterIsAnOption() throws Exception {
		final List<String> args = new ArrayList<>();
		for (final Param p : Settings.PARAMS) {
			args.add(p.option());
			args.add(nonDefault(p));
		}
		args.addAll(Arrays.asList("image.png", "-o", "out"));
		final Settings s = AnimeGanCli.Arguments.parse(args.toArray(new String[0])).settings;
		for (final Param p : Settings.PARAMS)
			assertEquals(p.normalise(nonDefault(p)), s.get(p.key()), p.option());
	}

	@Test
	void modelIsOptionalWithTheTablesDefault() throws Exception {
		final Settings s = AnimeGanCli.Arguments.parse(new String[] { "image.png", "-o", "out" })
			.settings;
		assertEquals(Settings.DEFAULT_MODEL, s.model().model());
		final String usage = AnimeGanCli.usage();
		assertTrue(usage.startsWith("Usage: java -jar animegan-cli.jar [--model M] "), usage);
		assertTrue(usage.contains("Default: " + Settings.DEFAULT_MODEL + "."), usage);
	}

	/** A valid value that is not the default, so that the option visibly took effect. */
	private static String nonDefault(final Param p) {
		switch (p.kind()) {
			case CHOICE:
				return p.choices().get(0).equals(p.defaultValue()) ? p.choices().get(1) : p.choices()
					.get(0);
			case INTEGER:
			case NUMBER: {
				final String min = String.valueOf(p.min()), max = String.valueOf(p.max());
				try {
					return p.normalise(min).equals(p.defaultValue()) ? max : min;
				}
				catch (final AnimeGanException e) {
					throw new AssertionError(e);
				}
			}
			case BOOLEAN:
				return String.valueOf(!Boolean.parseBoolean(p.defaultValue()));
			default:
				return "some-" + p.key();
		}
	}

	@Test
	void unknownOptionsAreUsageErrors() throws Exception {
		final Path photo = photo("astronaut.png");
		assertEquals(2, run("--no-such-option", "3", photo.toString(), "-o", results.toString()));
		assertTrue(err().contains("no_such_option") || err().contains("no-such-option"), err());
		assertEquals(2, run("-x", photo.toString(), "-o", results.toString()));
		assertFalse(Files.exists(results.resolve("astronaut-anime.png")));
	}
}
