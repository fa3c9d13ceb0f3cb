package org.animegan.fiji.spark;

import static org.animegan.fiji.spark.SparkFixtures.assertSamePlanes;
import static org.animegan.fiji.spark.SparkFixtures.files;
import static org.animegan.fiji.spark.SparkFixtures.fixture;
import static org.animegan.fiji.spark.SparkFixtures.gradient;
import static org.animegan.fiji.spark.SparkFixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.files.ImageFiles;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch on a real standalone cluster in this machine ({@code local-cluster[2,1,1024]}: a Master,
 * two Workers and their executors, each executor a JVM of its own; the driver is this JVM), with one
 * executor halted for real in the middle of a task: Spark launches another executor, runs the task
 * again, and every result is there once, the command line's pixels, with no temporary file left.
 * The Worker builds the executors' command with Spark's launcher, which needs {@code SPARK_HOME} (a
 * folder with {@code jars/}) and {@code SPARK_SCALA_VERSION}: the profile's failsafe sets both.
 */
@Tag("slow")
class SparkClusterIT {

	private static final String[] RESULTS = { "photo-anime.png", "small-anime.png",
		"stack-anime.tif" };

	@TempDir
	Path dir;

	private static String[] args(final Path in, final String output) {
		return new String[] { "--model", fixture("generator_nchw.onnx").toString(),
			"--input-size", "256", "--temporal-smoothing", "off", in.toString(), "-o", output };
	}

	/** What the driver saw of executors and tasks (Spark makes it: spark.extraListeners). */
	public static final class Events extends SparkListener {

		static final Set<String> added = ConcurrentHashMap.newKeySet();
		static final Set<String> removed = ConcurrentHashMap.newKeySet();
		static final ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();

		@Override
		public void onExecutorAdded(final SparkListenerExecutorAdded e) {
			added.add(e.executorId());
		}

		@Override
		public void onExecutorRemoved(final SparkListenerExecutorRemoved e) {
			removed.add(e.executorId());
		}

		@Override
		public void onTaskEnd(final SparkListenerTaskEnd e) {
			if (e.reason() instanceof ExecutorLostFailure) lost.add(e.reason().toString());
		}
	}

	@Test
	void aHaltedExecutorIsReplacedAndItsTaskRerunWithNothingLostOrTwice() throws Exception {
		System.setProperty("java.awt.headless", "true");
		final Path in = Files.createDirectory(dir.resolve("in"));
		Files.copy(fixture("astronaut_128x96.png"), in.resolve("photo.png"));
		assertTrue(new FileSaver(new ImagePlus("small", gradient(40, 72, 0))).saveAsPng(in.resolve(
			"small.png").toString()));
		Files.writeString(in.resolve("text.jpg"), "not a JPEG at all");
		// Six pages of 64x48: more than a share of the work, so split into ranges across executors.
		final ImageStack pages = new ImageStack(64, 48);
		for (int i = 0; i < 6; i++)
			pages.addSlice(gradient(64, 48, 30 * i));
		assertTrue(new FileSaver(new ImagePlus("stack", pages)).saveAsTiffStack(in.resolve(
			"stack.tif").toString()));
		final Path cliOut = dir.resolve("cli");
		final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true,
			StandardCharsets.UTF_8);
		assertEquals(1, new AnimeGanCli(quiet, quiet).run(args(in, cliOut.toString())));

		// The launcher wants SPARK_HOME/jars; the executors get this JVM's class path instead.
		final String sparkHome = System.getenv("SPARK_HOME");
		assertNotNull(sparkHome, "SPARK_HOME: the spark profile's failsafe sets it");
		Files.createDirectories(Paths.get(sparkHome, "jars"));
		final Path marker = dir.resolve("halted");
		final String opens = System.getProperty("animegan.spark.opens", "");
		final SparkSession spark = session("local-cluster[2,1,1024]", Map.of( //
			"spark.executor.memory", "768m", //
			"spark.executor.extraClassPath", System.getProperty("java.class.path"), //
			"spark.executor.extraJavaOptions", opens + " -Doffline=true", //
			"spark.plugins", HaltOncePlugin.class.getName(), //
			HaltOncePlugin.MARKER, marker.toString(), //
			"spark.extraListeners", Events.class.getName()));
		final ByteArrayOutputStream log = new ByteArrayOutputStream();
		final Path output = dir.resolve("out");
		final int code;
		final Set<String> added, removed;
		try {
			final PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
			code = new SparkBatch(ps, ps).run(spark, args(in, output.toUri().toString()));
			// The Worker launches a replacement for the halted executor (it may come after the job).
			for (int i = 0; i < 600 && Events.added.size() < 3; i++)
				Thread.sleep(100);
			// Before stopping, which removes the executors left.
			added = new TreeSet<>(Events.added);
			removed = new TreeSet<>(Events.removed);
		}
		finally {
			spark.stop();
		}
		final String text = log.toString(StandardCharsets.UTF_8);
		assertEquals(1, code, text);
		// An executor JVM did halt, Spark saw it lost with its task, and started another one.
		assertTrue(Files.exists(marker), text);
		assertEquals(1, removed.size(), removed.toString());
		assertEquals(3, added.size(), "executors added: " + added);
		assertTrue(added.containsAll(removed), added + " " + removed);
		assertEquals(1, Events.lost.size(), Events.lost.toString());
		// Every result once (names are unique), the command line's pixels, and no temporary file.
		final Set<String> expected = new TreeSet<>(List.of(RESULTS));
		expected.add(SparkBatch.SUMMARY);
		assertEquals(expected, files(output));
		for (final String name : RESULTS)
			assertSamePlanes(ImageFiles.openQuietly(cliOut.resolve(name)), ImageFiles.openQuietly(output
				.resolve(name)), name);
		// The summary: one row per input, the bad file failed alone.
		final List<String> rows = Files.readAllLines(output.resolve(SparkBatch.SUMMARY));
		assertEquals(5, rows.size(), rows.toString());
		for (final String name : new String[] { "photo.png", "small.png", "stack.tif" })
			assertEquals(1, rows.stream().filter(r -> r.contains("/" + name + "\",done,")).count(), rows
				.toString());
		assertEquals(1, rows.stream().filter(r -> r.contains("/text.jpg\",failed,")).count(), rows
			.toString());
		assertTrue(text.contains("stylized: 3 done, 1 failed"), text);
	}
}
