package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.animegan.fiji.hostile.HostileCase;
import org.animegan.fiji.hostile.HostileCases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@link HostileCases hostile case} against the packaged command line, as an attacker's file
 * would meet a user: {@code java -Xmx2g -jar target/animegan-cli.jar}. Each must end with its
 * expected exit code, print no stack trace, stay under {@value #PEAK_LIMIT_MB} MB of process memory
 * and answer within {@value #TIME_LIMIT_S} s. The table of outcomes is printed and written to
 * {@code target/hostile-cases.md}.
 */
@Tag("slow")
class HostileFilesIT {

	static final int PEAK_LIMIT_MB = 600;
	static final int TIME_LIMIT_S = 30;

	private static final List<String> ROWS = new ArrayList<>();

	@TempDir
	static Path tmp;

	@TestFactory
	Stream<DynamicTest> hostileCases() {
		return HostileCases.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(
			c)));
	}

	private static void run(final HostileCase c) throws Exception {
		final Path dir = Files.createDirectories(tmp.resolve(c.area + "-" + ROWS.size()));
		try (HostileCase.Run run = c.setup.prepare(dir)) {
			final HostileCase.Outcome o = launch(run, dir);
			ROWS.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.2f | %s |", c.area, c.name,
				o.exit, o.peakBytes >> 20, o.millis / 1000.0, telling(o.output, dir)));
			final String report = c + "\n" + o.output;
			assertEquals(c.expectedExit, o.exit, report);
			assertFalse(o.output.contains("\tat "), report);
			assertFalse(o.output.contains("Exception in thread"), report);
			assertTrue(o.peakBytes < (long) PEAK_LIMIT_MB << 20, "peak " + (o.peakBytes >> 20) +
				" MB: " + report);
			assertTrue(o.millis < TIME_LIMIT_S * 1000L, o.millis + " ms: " + report);
			run.after.verify(o);
		}
	}

	/**
	 * The line that says what happened: the first error, failure or warning line, else the last
	 * line; the case's folder shortened to "…".
	 */
	static String telling(final String output, final Path dir) {
		final String[] lines = output.strip().split("\\R");
		String pick = lines[lines.length - 1];
		for (final String l : lines)
			if (l.startsWith("error:") || l.startsWith("failed:") || l.startsWith("warning:") || l
				.startsWith("Warning:"))
			{
				pick = l;
				break;
			}
		return pick.replace(dir.toString(), "…").replace("|", "\\|");
	}

	@AfterAll
	static void table() throws IOException {
		final StringBuilder sb = new StringBuilder();
		sb.append("| area | case | exit | peak MB | time s | last line |\n");
		sb.append("|---|---|---|---|---|---|\n");
		for (final String row : ROWS)
			sb.append(row).append('\n');
		System.out.println(sb);
		Files.writeString(Packaged.target().resolve("hostile-cases.md"), sb);
	}

	/** Runs the CLI, sampling the child's resident-set high-water mark (Linux) until it ends. */
	private static HostileCase.Outcome launch(final HostileCase.Run run, final Path dir)
		throws Exception
	{
		final List<String> cmd = new ArrayList<>();
		cmd.add(Packaged.java().toString());
		cmd.add("-Xmx2g");
		cmd.addAll(run.jvmArgs);
		cmd.add("-jar");
		cmd.add(Packaged.cliJar().toString());
		cmd.addAll(run.args);
		final ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
			.redirectErrorStream(true);
		pb.environment().put("OPT_OUT_TRACKING", "true");
		pb.environment().putAll(run.env);
		final long start = System.nanoTime();
		final Process p = pb.start();
		p.getOutputStream().close();
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		final Thread reader = new Thread(() -> copy(p.getInputStream(), out), "child output");
		reader.start();
		final Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
		long peak = 0;
		final long deadline = start + TimeUnit.SECONDS.toNanos(TIME_LIMIT_S * 4L);
		while (!p.waitFor(10, TimeUnit.MILLISECONDS)) {
			peak = Math.max(peak, highWaterMark(status));
			if (System.nanoTime() > deadline) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
				p.waitFor(10, TimeUnit.SECONDS);
				break;
			}
		}
		final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		reader.join(10000);
		final int exit = p.isAlive() ? -1 : p.exitValue();
		return new HostileCase.Outcome(exit, new String(out.toByteArray(), StandardCharsets.UTF_8),
			peak, millis);
	}

	private static long highWaterMark(final Path status) {
		try {
			for (final String line : Files.readAllLines(status))
				if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) *
					1024;
		}
		catch (final IOException | NumberFormatException e) {
			// The process has just ended; its last sample stands.
		}
		return 0;
	}

	private static void copy(final InputStream in, final ByteArrayOutputStream out) {
		try {
			in.transferTo(out);
		}
		catch (final IOException e) {
			// The process was killed; what was read so far is kept.
		}
	}
}
