package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.cli.AnimeGanCli;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the batch refuses before Spark starts, and its help. */
class SparkUsageTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private Integer usageExit(final String... args) {
		return new SparkBatch(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err,
			true, StandardCharsets.UTF_8)).usageExit(args);
	}

	@Test
	void helpIsTheCommandLinesWithTheBatchsDifferences() {
		assertEquals(0, usageExit("--help"));
		final String help = out.toString(StandardCharsets.UTF_8);
		assertTrue(help.startsWith("Usage: java -jar animegan-spark.jar"), help);
		assertTrue(help.contains("--temporal-smoothing"), help);
		assertTrue(help.contains("local[*]"), help);
	}

	@Test
	void badArgumentsStopBeforeSparkStarts() {
		assertEquals(2, usageExit("--no-such-option", "x", "-o", "y"));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("no_such_option"), err.toString(
			StandardCharsets.UTF_8));
		assertEquals(null, usageExit("in", "-o", "out"));
	}

	@Test
	void framesOutAndAFileAsOutputAreRefused() throws Exception {
		Files.createFile(dir.resolve("a.png"));
		final String in = dir.resolve("a.png").toString();
		final AnimeGanException frames = assertThrows(AnimeGanException.class, () -> Plan.of(
			AnimeGanCli.Arguments.parse(new String[] { "--frames-out", in, "-o", dir.resolve("out")
				.toString() }), new Configuration()));
		assertEquals(SparkMessages.framesOutUnsupported(), frames.getMessage());
		final String file = dir.resolve("b.png").toString();
		final AnimeGanException output = assertThrows(AnimeGanException.class, () -> Plan.of(
			AnimeGanCli.Arguments.parse(new String[] { in, "-o", file }), new Configuration()));
		assertEquals(SparkMessages.outputMustBeFolder(file), output.getMessage());
	}

	@Test
	void aMissingInputIsAUsageError() {
		final String missing = dir.resolve("missing.png").toString();
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Plan.of(AnimeGanCli
			.Arguments.parse(new String[] { missing, "-o", dir.resolve("out").toString() }),
			new Configuration()));
		assertEquals(SparkMessages.inputMissing(missing), e.getMessage());
	}
}
