package org.animegan.fiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.process.ColorProcessor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.animegan.fiji.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder on two threads runs two files at once: the same results, under the same names, with the
 * same lines in the same order as one file after the other; a bad file fails alone.
 */
class ConcurrentFilesCliTest {

	@TempDir
	Path dir;
	private Path in;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	/** Three photos of two sizes, a corrupt PNG between them, and a two-page TIFF. */
	@BeforeEach
	void folder() throws IOException {
		in = Files.createDirectory(dir.resolve("in"));
		Files.copy(Fixtures.path("astronaut_128x96.png"), in.resolve("a.png"));
		Files.copy(Fixtures.path("astronaut_264x256.png"), in.resolve("b.png"));
		Files.write(in.resolve("c.png"), "not an image".getBytes(StandardCharsets.UTF_8));
		final ColorProcessor flipped = (ColorProcessor) Fixtures.open("astronaut_128x96.png")
			.getProcessor();
		flipped.flipHorizontal();
		assertTrue(new FileSaver(new ImagePlus("d", flipped)).saveAsPng(in.resolve("d.png")
			.toString()));
		final ij.ImageStack stack = new ij.ImageStack(128, 96);
		stack.addSlice(Fixtures.open("astronaut_128x96.png").getProcessor());
		stack.addSlice(flipped);
		assertTrue(new FileSaver(new ImagePlus("e", stack)).saveAsTiffStack(in.resolve("e.tif")
			.toString()));
	}

	/** A run's exit code, output lines and result folder. */
	private static final class Run {

		int code;
		List<String> out, err;
		Path results;
	}

	private Run run(final String name, final String... options) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream(), err =
			new ByteArrayOutputStream();
		final Run r = new Run();
		r.results = dir.resolve(name);
		final List<String> args = new ArrayList<>(Arrays.asList("--model", Fixtures.path(
			"generator_v3_nhwc.onnx").toString(), "--input-size", "native"));
		args.addAll(Arrays.asList(options));
		args.addAll(Arrays.asList(in.toString(), "-o", r.results.toString()));
		r.code = new AnimeGanCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
			err, true, StandardCharsets.UTF_8)).run(args.toArray(new String[0]));
		r.out = new String(out.toByteArray(), StandardCharsets.UTF_8).lines().collect(Collectors
			.toList());
		r.err = new String(err.toByteArray(), StandardCharsets.UTF_8).lines().collect(Collectors
			.toList());
		return r;
	}

	/** The lines that do not hold a time: results, failures, what runs at once. */
	private static List<String> untimed(final List<String> lines) {
		return lines.stream().filter(l -> !l.matches(".* in \\d+\\.\\d+ s .*")).collect(Collectors
			.toList());
	}

	private static List<String> names(final Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	@Test
	void twoAtOnceGiveWhatOneAfterTheOtherGives() throws Exception {
		final Run one = run("one", "--threads", "1");
		final Run two = run("two", "--threads", "2");
		final Run low = run("low", "--threads", "2", "--memory-mode", "low");
		assertTrue(two.out.contains("Photo to Anime: 2 files at a time, 1 thread each."), two.out
			.toString());
		assertTrue(one.out.stream().noneMatch(l -> l.contains("at a time")), one.out.toString());
		assertTrue(low.out.stream().noneMatch(l -> l.contains("at a time")),
			"the low-memory mode keeps one file at a time: " + low.out);
		for (final Run r : List.of(one, two, low)) {
			assertEquals(1, r.code, "c.png fails, the rest go on: " + r.err);
			assertEquals(List.of("a-anime.png", "b-anime.png", "d-anime.png", "e-anime.tif"), names(
				r.results));
			final List<String> failed = r.err.stream().filter(l -> l.startsWith("failed: ")).collect(
				Collectors.toList());
			assertEquals(1, failed.size(), r.err.toString());
			assertTrue(failed.get(0).startsWith("failed: " + in.resolve("c.png") + ": "), failed.get(0));
			assertEquals("1 of 5 file(s) failed.", r.err.get(r.err.size() - 1));
			assertEquals(4, r.out.stream().filter(l -> l.contains(" -> ")).count(), r.out.toString());
		}
		// The same lines in the same order: each file's lines wait for the files before it.
		final List<String> oneLines = untimed(one.out), twoLines = untimed(two.out);
		twoLines.remove("Photo to Anime: 2 files at a time, 1 thread each.");
		assertEquals(oneLines.stream().map(l -> l.replace(one.results.toString(), "OUT")).collect(
			Collectors.toList()), twoLines.stream().map(l -> l.replace(two.results.toString(), "OUT"))
				.collect(Collectors.toList()));
		assertEquals(one.err, two.err);
		for (final String name : names(one.results)) {
			final ImagePlus a = new Opener().openImage(one.results.resolve(name).toString());
			final ImagePlus b = new Opener().openImage(two.results.resolve(name).toString());
			final ImagePlus c = new Opener().openImage(low.results.resolve(name).toString());
			assertEquals(a.getStackSize(), b.getStackSize(), name);
			for (int p = 1; p <= a.getStackSize(); p++) {
				final ColorProcessor pa = (ColorProcessor) a.getStack().getProcessor(p);
				// One thread each, as the sequential run's: the same arithmetic, the same pixels.
				assertEquals(0, Fixtures.maxAbsDiff(pa, (ColorProcessor) b.getStack().getProcessor(p)),
					name + " plane " + p);
				// Two threads on one file may round differently.
				assertTrue(Fixtures.maxAbsDiff(pa, (ColorProcessor) c.getStack().getProcessor(p)) <= 1,
					name + " plane " + p);
			}
		}
	}

	@Test
	void tiledFilesTwoAtOnceGiveWhatOneAfterTheOtherGives() throws Exception {
		// Tiles of 128 pixels: every file is tiled, with the whole image's statistics.
		final Run one = run("one", "--threads", "1", "--tile-size", "128");
		final Run two = run("two", "--threads", "2", "--tile-size", "128");
		assertTrue(two.out.contains("Photo to Anime: 2 files at a time, 1 thread each."), two.out
			.toString());
		assertEquals(names(one.results), names(two.results));
		for (final String name : names(one.results)) {
			final ImagePlus a = new Opener().openImage(one.results.resolve(name).toString());
			final ImagePlus b = new Opener().openImage(two.results.resolve(name).toString());
			for (int p = 1; p <= a.getStackSize(); p++)
				assertTrue(Fixtures.maxAbsDiff((ColorProcessor) a.getStack().getProcessor(p),
					(ColorProcessor) b.getStack().getProcessor(p)) <= 1, name + " plane " + p);
		}
	}

	@Test
	void inputsThatWouldShareAResultNameRunOneAfterTheOther() throws Exception {
		Files.copy(Fixtures.path("astronaut_128x96.png"), in.resolve("a.jpg"));
		final Run two = run("two", "--threads", "2");
		assertFalse(two.out.stream().anyMatch(l -> l.contains("at a time")), two.out.toString());
		assertEquals(1, two.code);
		assertTrue(two.err.stream().anyMatch(l -> l.startsWith("failed: " + in.resolve("a.png"))),
			"a.png comes after a.jpg and would replace its result: " + two.err);
	}

	@Test
	void namesThatDifferInCaseOnlyRunOneAfterTheOther() throws Exception {
		// Some file systems ignore case: A-anime.png could be a-anime.png.
		Files.copy(Fixtures.path("astronaut_128x96.png"), in.resolve("A.jpg"));
		final Run two = run("two", "--threads", "2");
		assertFalse(two.out.stream().anyMatch(l -> l.contains("at a time")), two.out.toString());
		assertEquals(1, two.code, "only c.png fails: " + two.err);
	}
}
