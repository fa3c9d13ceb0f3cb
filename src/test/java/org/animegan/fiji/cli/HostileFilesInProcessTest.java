package org.animegan.fiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.hostile.HostileCase;
import org.animegan.fiji.hostile.ImageCases;
import org.animegan.fiji.hostile.OutputCases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image and output hostile cases run in-process (HostileFilesIT runs them against the packaged
 * command line, with its memory and time limits): the same exit codes and after-checks.
 */
class HostileFilesInProcessTest {

	@TempDir
	static Path tmp;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	@TestFactory
	Stream<DynamicTest> imageAndOutputCases() {
		final List<HostileCase> cases = new ArrayList<>(ImageCases.cases());
		cases.addAll(OutputCases.cases());
		return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)));
	}

	private static void run(final HostileCase c) throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve(c.area + "-" + c.name.hashCode()));
		try (HostileCase.Run run = c.setup.prepare(dir)) {
			final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			final PrintStream both = new PrintStream(bytes, true, StandardCharsets.UTF_8);
			final long start = System.nanoTime();
			final int exit = new AnimeGanCli(both, both).run(run.args.toArray(new String[0]));
			final long millis = (System.nanoTime() - start) / 1_000_000;
			final String output = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
			assertEquals(c.expectedExit, exit, output);
			assertFalse(output.contains("\tat "), output);
			run.after.verify(new HostileCase.Outcome(exit, output, 0, millis));
		}
	}
}
