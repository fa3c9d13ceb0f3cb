package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a child process with a time limit and collects its stdout and stderr together. */
final class Processes {

	private Processes() {}

	/** The outcome of one run. */
	static final class Result {

		final int exit;
		final String output;

		Result(final int exit, final String output) {
			this.exit = exit;
			this.output = output;
		}

		/** The lines that start with the given prefix, prefix removed. */
		List<String> lines(final String prefix) {
			final List<String> found = new ArrayList<>();
			for (final String line : output.split("\\R"))
				if (line.startsWith(prefix)) found.add(line.substring(prefix.length()));
			return found;
		}

		@Override
		public String toString() {
			return "exit " + exit + ", output:\n" + output;
		}
	}

	static Result run(final List<String> command, final Path dir, final Map<String, String> env,
		final int timeoutSeconds)
	{
		final ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true);
		pb.environment().put("OPT_OUT_TRACKING", "true");
		pb.environment().putAll(env);
		try {
			final Process p = pb.start();
			p.getOutputStream().close(); // no stdin, as on CI
			final ByteArrayOutputStream out = new ByteArrayOutputStream();
			final Thread reader = new Thread(() -> copy(p.getInputStream(), out), "child output");
			reader.start();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.descendants().forEach(ProcessHandle::destroyForcibly);
				p.destroyForcibly();
				p.waitFor(10, TimeUnit.SECONDS);
				reader.join(5000);
				fail("Timed out after " + timeoutSeconds + " s: " + command + "\n" + text(out));
			}
			reader.join(10000);
			return new Result(p.exitValue(), text(out));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static void copy(final InputStream in, final ByteArrayOutputStream out) {
		try {
			in.transferTo(out);
		}
		catch (final IOException e) {
			// The process was killed; what was read so far is kept.
		}
	}

	private static String text(final ByteArrayOutputStream out) {
		synchronized (out) {
			return new String(out.toByteArray(), StandardCharsets.UTF_8);
		}
	}
}
