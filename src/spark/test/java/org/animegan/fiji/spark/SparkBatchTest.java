package org.animegan.fiji.spark;

import static org.animegan.fiji.spark.SparkFixtures.assertSamePlanes;
import static org.animegan.fiji.spark.SparkFixtures.files;
import static org.animegan.fiji.spark.SparkFixtures.filesWithoutChecksums;
import static org.animegan.fiji.spark.SparkFixtures.gradient;
import static org.animegan.fiji.spark.SparkFixtures.runBatch;
import static org.animegan.fiji.spark.SparkFixtures.viewfs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.animegan.fiji.cli.AnimeGanCli;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch in local mode on a folder of mixed files (two photos, a corrupt PNG, a text file named
 * .jpg, a multi-page TIFF smoothed over its pages, a .txt the batch ignores), against the command
 * line on the same folder.
 */
class SparkBatchTest {

	private static final String[] GOOD = { "photo.png", "small.png", "stack.tif" };
	private static final String[] BAD = { "corrupt.png", "text.jpg" };

	@TempDir
	static Path dir;
	private static Path in;
	private static Path cliOut;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void mixedFolderAndTheCommandLinesResults() throws Exception {
		System.setProperty("java.awt.headless", "true");
		in = Files.createDirectory(dir.resolve("in"));
		final Path fixtures = Paths.get(System.getProperty("animegan.basedir", "."),
			"src/test/resources/fixtures");
		Files.copy(fixtures.resolve("astronaut_128x96.png"), in.resolve("photo.png"));
		assertTrue(new FileSaver(new ImagePlus("small", gradient(40, 72, 0))).saveAsPng(in.resolve(
			"small.png").toString()));
		final byte[] png = Files.readAllBytes(fixtures.resolve("astronaut_264x256.png"));
		Files.write(in.resolve("corrupt.png"), Arrays.copyOf(png, png.length / 3));
		Files.writeString(in.resolve("text.jpg"), "not a JPEG at all");
		Files.writeString(in.resolve("notes.txt"), "not an input: no image extension");
		final ImageStack pages = new ImageStack(64, 48);
		for (int i = 0; i < 4; i++)
			pages.addSlice(gradient(64, 48, 40 * i));
		assertTrue(new FileSaver(new ImagePlus("stack", pages)).saveAsTiffStack(in.resolve(
			"stack.tif").toString()));
		cliOut = dir.resolve("cli");
		final List<String> args = new ArrayList<>(Arrays.asList(args(cliOut.toString())));
		final ByteArrayOutputStream log = new ByteArrayOutputStream();
		final PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
		// Two files fail on the command line too: exit code 1.
		assertEquals(1, new AnimeGanCli(ps, ps).run(args.toArray(new String[0])), log.toString());
		for (final String good : GOOD)
			assertTrue(Files.exists(cliOut.resolve(result(good))), good);
	}

	private static String result(final String input) {
		return AnimeGanCli.resultStem(input, false) + (input.endsWith(".tif") ? ".tif" : ".png");
	}

	/** The same arguments for both; the batch gets its output as a URI. */
	private static String[] args(final String output) {
		return new String[] { "--model", Paths.get(System.getProperty("animegan.basedir", "."),
			"src/test/resources/fixtures/generator_nchw.onnx").toString(), "--input-size", "256",
			"--temporal-smoothing", "tones", "--temporal-axis", "z", in.toString(), "-o", output };
	}

	@AfterEach
	void noHook() {
		Worker.afterFile = input -> {};
	}

	private int run(final String master, final Path output) {
		return run(master, Map.of(), args(output.toUri().toString()));
	}

	private int run(final String master, final Map<String, String> conf, final String[] args) {
		return runBatch(master, conf, args, out, err);
	}

	private String log() {
		return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
	}

	/** The summary table: file name to status. */
	private static Map<String, String> summary(final Path output) throws IOException {
		return summary(output, in.toUri().toString());
	}

	/** The summary table: file name (its URI less {@code inputs}) to status. */
	private static Map<String, String> summary(final Path output, final String inputs)
		throws IOException
	{
		final Pattern row = Pattern.compile("^\"((?:[^\"]|\"\")*)\",(\\w+),\"((?:[^\"]|\"\")*)\",([0-9.]+)$");
		final List<String> lines = Files.readAllLines(output.resolve(SparkBatch.SUMMARY));
		assertEquals(SummaryRow.HEADER, lines.get(0));
		final Map<String, String> status = new TreeMap<>();
		for (final String line : lines.subList(1, lines.size())) {
			final Matcher m = row.matcher(line);
			assertTrue(m.matches(), line);
			final String name = m.group(1).substring(m.group(1).lastIndexOf('/') + 1);
			assertTrue(m.group(1).startsWith(inputs.replaceFirst("^file:///", "file:/")), m.group(1));
			assertEquals(null, status.put(name, m.group(2)), "one row per file: " + name);
		}
		return status;
	}

	/** Every plane of every good input's result, pixel for pixel. */
	private static void assertSameResults(final Path expected, final Path actual) {
		for (final String good : GOOD) {
			assertSamePlanes(IJ.openImage(expected.resolve(result(good)).toString()), IJ.openImage(actual
				.resolve(result(good)).toString()), good);
		}
	}

	private static void assertOneRowEach(final Map<String, String> summary, final String goodStatus) {
		for (final String good : GOOD)
			assertEquals(goodStatus, summary.get(good), good);
		for (final String bad : BAD)
			assertEquals(SummaryRow.FAILED, summary.get(bad), bad);
		assertEquals(GOOD.length + BAD.length, summary.size(), summary.toString());
	}

	@Test
	void resultsMatchTheCommandLinePixelForPixel() throws Exception {
		final Path output = dir.resolve("spark2");
		final int loaded = Worker.loads();
		assertEquals(1, run("local[2]", output), log());
		assertSameResults(cliOut, output);
		assertOneRowEach(summary(output), SummaryRow.DONE);
		// Results, the summary, and nothing else: no temporary file left, nothing for the bad files.
		final Set<String> expected = new TreeSet<>(List.of(SparkBatch.SUMMARY));
		for (final String good : GOOD)
			expected.add(result(good));
		assertEquals(expected, files(output));
		assertTrue(log().contains("stylized: 3 done, 2 failed"), log());
		// At most one model load in this JVM (the driver and local executors share it) for all the
		// tasks; none where an earlier test's local[2] run left it loaded (local[1] builds another).
		assertTrue(Worker.loads() - loaded <= 1, Worker.loads() + " loads after " + loaded);
	}

	@Test
	void aSecondRunDoesNothing() throws Exception {
		final Path output = dir.resolve("rerun");
		final int loaded = Worker.loads();
		assertEquals(1, run("local[2]", output), log());
		final Map<String, Long> written = new TreeMap<>();
		for (final String good : GOOD)
			written.put(good, Files.getLastModifiedTime(output.resolve(result(good))).toMillis());
		final Set<String> before = files(output);
		final ConcurrentLinkedQueue<String> stylized = new ConcurrentLinkedQueue<>();
		Worker.afterFile = stylized::add;
		out.reset();
		// The failed files are tried again (they have no result); the others are not touched.
		assertEquals(1, run("local[2]", output), log());
		assertEquals(BAD.length, stylized.size(), stylized.toString());
		for (final String good : GOOD)
			assertEquals(written.get(good), Files.getLastModifiedTime(output.resolve(result(good)))
				.toMillis(), good);
		assertEquals(before, files(output));
		assertOneRowEach(summary(output), SummaryRow.SKIPPED);
		assertTrue(log().contains("3 skipped (result present)"), log());
		assertTrue(Worker.loads() - loaded <= 1, Worker.loads() + " loads after " + loaded);
	}

	@Test
	void aTaskThatFailsOnceIsRetriedAndTheJobSucceeds() throws Exception {
		final Path output = dir.resolve("retried");
		final AtomicBoolean failedOnce = new AtomicBoolean();
		final ConcurrentLinkedQueue<Integer> retried = new ConcurrentLinkedQueue<>();
		Worker.afterFile = input -> {
			final int attempt = TaskContext.get().attemptNumber();
			if (attempt > 0) retried.add(attempt);
			// After its first file, as an executor lost mid-task would: that result is already written.
			else if (failedOnce.compareAndSet(false, true)) throw new IllegalStateException(
				"test: the first attempt of this task fails");
		};
		// Two threads, each task tried at most twice.
		assertEquals(1, run("local[2,2]", output), log());
		assertTrue(failedOnce.get());
		assertTrue(!retried.isEmpty(), "a task was run again");
		assertSameResults(cliOut, output);
		assertOneRowEach(summary(output), SummaryRow.DONE);
		assertTrue(files(output).stream().noneMatch(f -> f.startsWith(".")), files(output)
			.toString());
	}

	@Test
	void oneAndTwoThreadsGiveTheSameResults() throws Exception {
		final Path one = dir.resolve("one"), two = dir.resolve("two");
		assertEquals(1, run("local[1]", one), log());
		assertEquals(1, run("local[2]", two), log());
		assertSameResults(one, two);
		assertSameResults(cliOut, one);
		assertEquals(summary(one), summary(two));
	}

	/**
	 * Inputs and output on a file system that is not {@code file:} (Hadoop's viewfs, mounted here on
	 * local folders): inputs are copied to the task, results copied back under a hidden name and
	 * renamed, as on HDFS or S3.
	 */
	@Test
	void aFileSystemOtherThanFileGivesTheSameResults() throws Exception {
		final Path output = Files.createDirectory(dir.resolve("viewfs-out"));
		final String[] args = args("viewfs://test/out");
		args[args.length - 3] = "viewfs://test/in";
		assertEquals(1, run("local[2]", viewfs("test", in, output), args), log());
		assertSameResults(cliOut, output);
		assertOneRowEach(summary(output, "viewfs://test/in/"), SummaryRow.DONE);
		final Set<String> expected = new TreeSet<>(List.of(SparkBatch.SUMMARY));
		for (final String good : GOOD)
			expected.add(result(good));
		assertEquals(expected, filesWithoutChecksums(output));
	}
}
