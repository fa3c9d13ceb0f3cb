package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.animegan.fiji.cli.AnimeGanCliAccess;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LUT cases run in-process through the command line: the same exit codes and after-checks as
 * {@code HostileFilesIT}, without packaging (memory and time are the IT's).
 */
class LutCasesTest {

	@TempDir
	static Path tmp;

	@TestFactory
	Stream<DynamicTest> lutCasesInProcess() {
		return LutCases.cases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
			final Path dir = Files.createTempDirectory(tmp, "lut");
			try (HostileCase.Run run = c.setup.prepare(dir)) {
				final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				final long t0 = System.nanoTime();
				final int exit;
				try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
					exit = new AnimeGanCliAccess().run(ps, ps, run.args.toArray(new String[0]));
				}
				final HostileCase.Outcome o = new HostileCase.Outcome(exit, bytes.toString(
					StandardCharsets.UTF_8), 0, (System.nanoTime() - t0) / 1000000);
				assertEquals(c.expectedExit, o.exit, o.output);
				run.after.verify(o);
			}
		}));
	}
}
