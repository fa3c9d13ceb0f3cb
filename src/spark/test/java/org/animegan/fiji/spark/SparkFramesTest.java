package org.animegan.fiji.spark;

import static org.animegan.fiji.spark.SparkFixtures.assertSamePlanes;
import static org.animegan.fiji.spark.SparkFixtures.files;
import static org.animegan.fiji.spark.SparkFixtures.filesWithoutChecksums;
import static org.animegan.fiji.spark.SparkFixtures.gradient;
import static org.animegan.fiji.spark.SparkFixtures.runBatch;
import static org.animegan.fiji.spark.SparkFixtures.viewfs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.plugin.AVI_Reader;
import ij.plugin.filter.AVI_Writer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.files.ImageFiles;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without temporal smoothing a 6-page TIFF and a 6-frame AVI are split into ranges of planes, one
 * task each, and assembled into the command line's results, pixel for pixel.
 */
class SparkFramesTest {

	private static final String[] RESULTS = { "photo-anime.png", "stack-anime.tif",
		"video-anime.avi" };
	private static final double FPS = 12.5;

	@TempDir
	static Path dir;
	private static Path in;
	private static Path cliOut;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@BeforeAll
	static void stacksAndTheCommandLinesResults() throws Exception {
		System.setProperty("java.awt.headless", "true");
		in = Files.createDirectory(dir.resolve("in"));
		Files.copy(Paths.get(System.getProperty("animegan.basedir", "."),
			"src/test/resources/fixtures/astronaut_128x96.png"), in.resolve("photo.png"));
		assertTrue(new FileSaver(new ImagePlus("stack", planes(64, 48))).saveAsTiffStack(in.resolve(
			"stack.tif").toString()));
		// Costed by its pixels (its header's frames x size), as the stack and the photo are: 96x64 is
		// large enough to be more than one share of the work with local[1] (4 slots): 36864 pixels
		// of 67584 in all, so 3 ranges; the stack's 18432 give 2.
		final ImagePlus video = new ImagePlus("video", planes(96, 64));
		video.getCalibration().fps = FPS;
		new AVI_Writer().writeImage(video, in.resolve("video.avi").toString(),
			AVI_Writer.PNG_COMPRESSION, 90);
		cliOut = dir.resolve("cli");
		final PrintStream ps = new PrintStream(new ByteArrayOutputStream(), true,
			StandardCharsets.UTF_8);
		assertEquals(0, new AnimeGanCli(ps, ps).run(args(cliOut.toString())));
	}

	/** Six planes whose content moves: each differs. */
	private static ImageStack planes(final int w, final int h) {
		final ImageStack stack = new ImageStack(w, h);
		for (int i = 0; i < 6; i++)
			stack.addSlice(gradient(w, h, 30 * i));
		return stack;
	}

	private static String[] args(final String output) {
		return new String[] { "--model", Paths.get(System.getProperty("animegan.basedir", "."),
			"src/test/resources/fixtures/generator_nchw.onnx").toString(), "--input-size", "256",
			"--temporal-smoothing", "off", in.toString(), "-o", output };
	}

	@AfterEach
	void noHooks() {
		Worker.afterFile = input -> {};
		Worker.beforeRange = task -> {};
	}

	/** Runs with a hook that counts the tasks of each stack; asserts each was split in two or more. */
	private int runSplit(final String master, final Path output) {
		return runSplit(master, Map.of(), args(output.toUri().toString()));
	}

	private int runSplit(final String master, final Map<String, String> conf, final String[] args) {
		final Map<String, Integer> tasksOf = new ConcurrentHashMap<>();
		Worker.afterFile = input -> tasksOf.merge(input.substring(input.lastIndexOf('/') + 1), 1,
			Integer::sum);
		final int code = run(master, conf, args);
		Worker.afterFile = input -> {};
		assertTrue(tasksOf.get("stack.tif") >= 2 && tasksOf.get("video.avi") >= 2, tasksOf.toString());
		assertEquals(1, tasksOf.get("photo.png"), tasksOf.toString());
		return code;
	}

	private int run(final String master, final Path output) {
		return run(master, Map.of(), args(output.toUri().toString()));
	}

	private int run(final String master, final Map<String, String> conf, final String[] args) {
		return runBatch(master, conf, args, out, out);
	}

	private String log() {
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Tasks of the last run's plan line; more than its 3 inputs when stacks were split. */
	private int tasks() {
		final Matcher m = Pattern.compile("planned: 3 input\\(s\\), 0 skipped \\(result present\\), "
			+ "0 refused, (\\d+) task\\(s\\)").matcher(log());
		int tasks = -1;
		while (m.find())
			tasks = Integer.parseInt(m.group(1));
		return tasks;
	}

	private static ImageStack frames(final Path avi) {
		return new AVI_Reader().makeStack(avi.toString(), 1, 0, false, false, false);
	}

	/** Every plane of the results as the command line wrote them, the AVI at the input's rate. */
	private static void assertSameResults(final Path expected, final Path actual) throws Exception {
		for (final String name : new String[] { "photo-anime.png", "stack-anime.tif" }) {
			assertSamePlanes(ImageFiles.openQuietly(expected.resolve(name)), ImageFiles.openQuietly(
				actual.resolve(name)), name);
		}
		final ImageStack e = frames(expected.resolve("video-anime.avi"));
		final ImageStack a = frames(actual.resolve("video-anime.avi"));
		assertNotNull(a);
		assertEquals(6, e.getSize());
		assertEquals(e.getSize(), a.getSize());
		for (int i = 1; i <= e.getSize(); i++)
			assertArrayEquals((int[]) e.getPixels(i), (int[]) a.getPixels(i), "frame " + i);
		// The main header's frame time (microseconds, after RIFF, LIST, hdrl and avih): the input's rate.
		final ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(actual.resolve(
			"video-anime.avi"))).order(ByteOrder.LITTLE_ENDIAN);
		assertEquals("avih", new String(header.array(), 24, 4, StandardCharsets.ISO_8859_1));
		assertEquals(Math.round(1e6 / FPS), header.getInt(32));
	}

	private static Set<String> resultsAndSummary() {
		final Set<String> expected = new TreeSet<>(List.of(RESULTS));
		expected.add(SparkBatch.SUMMARY);
		return expected;
	}

	@Test
	void rangesOfPlanesGiveTheCommandLinesResults() throws Exception {
		final Path output = dir.resolve("spark2");
		assertEquals(0, runSplit("local[2]", output), log());
		assertTrue(tasks() >= 5, log());
		assertSameResults(cliOut, output);
		// No part file left, one summary row per input.
		assertEquals(resultsAndSummary(), files(output));
		assertEquals(4, Files.readAllLines(output.resolve(SparkBatch.SUMMARY)).size());
		assertTrue(log().contains("stylized: 3 done, 0 failed"), log());
	}

	@Test
	void oneAndTwoThreadsGiveTheSameResults() throws Exception {
		final Path one = dir.resolve("one"), two = dir.resolve("two");
		assertEquals(0, runSplit("local[1]", one), log());
		assertTrue(tasks() >= 5, log());
		assertEquals(0, runSplit("local[2]", two), log());
		assertSameResults(one, two);
		assertSameResults(cliOut, one);
	}

	@Test
	void aRangeWhoseTaskFailsOnceIsRetried() throws Exception {
		final Path output = dir.resolve("retried");
		final AtomicBoolean failedOnce = new AtomicBoolean();
		final AtomicBoolean retried = new AtomicBoolean();
		Worker.afterFile = input -> {
			if (TaskContext.get().attemptNumber() > 0) retried.set(true);
			else if (input.endsWith("stack.tif") && failedOnce.compareAndSet(false, true))
				throw new IllegalStateException("test: the first attempt of this task fails");
		};
		assertEquals(0, run("local[2,2]", output), log());
		assertTrue(failedOnce.get());
		assertTrue(retried.get());
		assertSameResults(cliOut, output);
		assertEquals(resultsAndSummary(), files(output));
	}

	@Test
	void aFailedRangeFailsItsFileAloneAndLeavesNoResult() throws Exception {
		final Path output = dir.resolve("failed");
		Worker.beforeRange = task -> {
			if (task.input.endsWith("stack.tif") && task.first > 1) throw new AnimeGanException(
				"test: this range fails.");
		};
		assertEquals(1, run("local[2]", output), log());
		final Set<String> expected = resultsAndSummary();
		expected.remove("stack-anime.tif");
		// Neither the result nor any part of it: the ranges that were done are gone too.
		assertEquals(expected, files(output));
		assertTrue(log().contains("stylized: 2 done, 1 failed"), log());
		assertTrue(log().contains("stack.tif: test: this range fails."), log());
		// A rerun does that file again, and only that one.
		Worker.beforeRange = task -> {};
		out.reset();
		assertEquals(0, run("local[2]", output), log());
		assertTrue(log().contains("planned: 3 input(s), 2 skipped (result present)"), log());
		assertSameResults(cliOut, output);
		assertEquals(resultsAndSummary(), files(output));
	}

	/**
	 * Inputs and output on a file system other than {@code file:} (Hadoop's viewfs, mounted here on
	 * local folders, as HDFS or S3 would be): the stack and the video are split all the same, their
	 * headers read in place, their ranges read from a local copy and written as hidden parts on that
	 * file system, which the driver assembles; a rerun skips them.
	 */
	@Test
	void stacksOnAnotherFileSystemAreSplitToo() throws Exception {
		final Path output = Files.createDirectory(dir.resolve("viewfs-out"));
		final Map<String, String> mounts = viewfs("frames", in, output);
		final String[] args = args("viewfs://frames/out");
		args[args.length - 3] = "viewfs://frames/in";
		assertEquals(0, runSplit("local[2]", mounts, args), log());
		assertTrue(tasks() >= 5, log());
		assertSameResults(cliOut, output);
		assertEquals(resultsAndSummary(), filesWithoutChecksums(output));
		out.reset();
		assertEquals(0, run("local[2]", mounts, args), log());
		assertTrue(log().contains("planned: 3 input(s), 3 skipped (result present), 0 refused, 0 task(s)"),
			log());
	}
}
