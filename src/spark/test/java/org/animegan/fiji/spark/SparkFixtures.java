package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;

/** What the Spark tests share: test images, the fixtures folder, folder listings, plane checks. */
final class SparkFixtures {

	private SparkFixtures() {}

	/** A file of the plugin's test fixtures. */
	static Path fixture(final String name) {
		return Paths.get(System.getProperty("animegan.basedir", "."), "src/test/resources/fixtures",
			name).toAbsolutePath();
	}

	/** A colour gradient whose content moves with {@code shift}: each plane differs. */
	static ColorProcessor gradient(final int w, final int h, final int shift) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				cp.set(x, y, ((x * 5 + shift) & 0xff) << 16 | ((y * 5) & 0xff) << 8 | (x + y + shift) &
					0xff);
		return cp;
	}

	/** The names in a folder, sorted. */
	static Set<String> files(final Path folder) throws IOException {
		try (Stream<Path> list = Files.list(folder)) {
			return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(
				TreeSet::new));
		}
	}

	/** Same size and planes, pixel for pixel. */
	static void assertSamePlanes(final ImagePlus expected, final ImagePlus actual, final String name) {
		assertNotNull(actual, name);
		assertEquals(expected.getStackSize(), actual.getStackSize(), name);
		assertEquals(expected.getWidth(), actual.getWidth(), name);
		assertEquals(expected.getHeight(), actual.getHeight(), name);
		for (int i = 1; i <= expected.getStackSize(); i++)
			assertArrayEquals((int[]) expected.getStack().getPixels(i), (int[]) actual.getStack()
				.getPixels(i), name + " plane " + i);
	}

	/** A session for a test: {@code master}, no UI, on 127.0.0.1, and {@code conf}'s settings. */
	static SparkSession session(final String master, final Map<String, String> conf) {
		final SparkSession.Builder builder = SparkSession.builder().master(master).appName("test")
			.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").config(
				"spark.driver.bindAddress", "127.0.0.1");
		conf.forEach(builder::config);
		return builder.getOrCreate();
	}

	/** Runs the batch on a session of its own, stopped after; returns the exit code. */
	static int runBatch(final String master, final Map<String, String> conf, final String[] args,
		final OutputStream out, final OutputStream err)
	{
		final SparkSession spark = session(master, conf);
		try {
			return new SparkBatch(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
				err, true, StandardCharsets.UTF_8)).run(spark, args);
		}
		finally {
			spark.stop();
		}
	}

	/**
	 * Settings that mount two local folders in Hadoop's viewfs as {@code viewfs://<table>/in} and
	 * {@code /out}: a file system other than {@code file:}, as HDFS or S3 are.
	 */
	static Map<String, String> viewfs(final String table, final Path in, final Path out) {
		return Map.of("spark.hadoop.fs.viewfs.mounttable." + table + ".link./in", in.toUri()
			.toString(), "spark.hadoop.fs.viewfs.mounttable." + table + ".link./out", out.toUri()
				.toString());
	}

	/**
	 * The names in a folder written through viewfs, less the .crc files that Hadoop's checksummed
	 * local file system under the mount adds (HDFS and S3 add none).
	 */
	static Set<String> filesWithoutChecksums(final Path folder) throws IOException {
		final Set<String> written = files(folder);
		written.removeIf(f -> f.startsWith(".") && f.endsWith(".crc"));
		return written;
	}
}
