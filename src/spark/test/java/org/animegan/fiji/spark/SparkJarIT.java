package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code mvn -Pspark package} makes: the two Spark jars, with the plugin, its Fiji jars folder
 * and the command-line jar left without any of Spark; and the self-contained jar run as a user runs
 * it, with no master given.
 */
@Tag("slow")
class SparkJarIT {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private static final Path TARGET = Paths.get(System.getProperty("animegan.basedir", "."),
		"target");

	@TempDir
	Path tmp;

	private static boolean hasSpark(final Path jar) throws IOException {
		try (JarFile j = new JarFile(jar.toFile())) {
			return j.stream().anyMatch(e -> e.getName().startsWith("org/apache/spark/") || e.getName()
				.startsWith("scala/"));
		}
	}

	private static boolean has(final Path jar, final String entry) throws IOException {
		try (JarFile j = new JarFile(jar.toFile())) {
			return j.getEntry(entry) != null;
		}
	}

	@Test
	void thePluginAndTheCommandLineCarryNoSpark() throws IOException {
		try (Stream<Path> plugins = Files.list(TARGET.resolve("fiji/plugins"));
			Stream<Path> jars = Files.list(TARGET.resolve("fiji/jars")))
		{
			final List<Path> all = Stream.concat(plugins, jars).collect(Collectors.toList());
			assertFalse(all.isEmpty());
			for (final Path jar : all) {
				final String n = jar.getFileName().toString();
				assertFalse(n.startsWith("spark-") || n.startsWith("scala-") || n.startsWith("hadoop-"), n);
				assertFalse(hasSpark(jar), n);
				assertFalse(has(jar, "org/animegan/fiji/spark/SparkBatch.class"), n);
			}
		}
		assertFalse(hasSpark(TARGET.resolve("animegan-cli.jar")));
		assertFalse(has(TARGET.resolve("animegan-cli.jar"), "org/animegan/fiji/spark/SparkBatch.class"));
	}

	@Test
	void theSubmitJarLeavesSparkToTheCluster() throws IOException {
		final Path jar = TARGET.resolve("animegan-spark-submit.jar");
		assertFalse(hasSpark(jar));
		assertTrue(has(jar, "org/animegan/fiji/spark/SparkBatch.class"));
		assertTrue(has(jar, "org/animegan/fiji/pipeline/AnimeGan.class"));
	}

	@Test
	void theSelfContainedJarRunsInLocalModeWithoutAMaster() throws Exception {
		final Path jar = TARGET.resolve("animegan-spark.jar");
		assertTrue(hasSpark(jar));
		try (JarFile j = new JarFile(jar.toFile())) {
			assertNotNull(j.getManifest().getMainAttributes().getValue("Add-Opens"));
		}
		final Path in = Files.createDirectory(tmp.resolve("in"));
		final ColorProcessor cp = new ColorProcessor(72, 40);
		cp.setColor(0x3366cc);
		cp.fill();
		assertTrue(new FileSaver(new ImagePlus("a", cp)).saveAsPng(in.resolve("a.png").toString()));
		final Path log = tmp.resolve("log.txt");
		final Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
			.toString(), "-Xmx1g", "-jar", jar.toString(), "--model", Paths.get(System.getProperty(
				"animegan.basedir", "."), "src/test/resources/fixtures/generator_nchw.onnx").toString(),
			"--input-size", "256", in.toString(), "-o", tmp.resolve("out").toString())
				.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
		final String output = Files.readString(log);
		assertEquals(0, p.exitValue(), output);
		assertTrue(output.contains("stylized: 1 done, 0 failed"), output);
		assertTrue(new File(tmp.resolve("out/a-anime.png").toString()).isFile(), output);
		assertTrue(Files.isRegularFile(tmp.resolve("out").resolve(SparkBatch.SUMMARY)), output);
		// Spark's INFO lines stay off the console (the jar's log4j2.properties).
		assertFalse(output.contains(" INFO "), output);
	}
}
