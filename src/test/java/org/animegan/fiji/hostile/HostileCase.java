package org.animegan.fiji.hostile;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One hostile input as the command line meets it: how to build it in an empty folder, and what
 * must happen. The hostile file is made by the test itself, so that no hostile file is committed.
 * {@code HostileFilesIT} runs every case against the packaged CLI with {@code -Xmx2g} and checks
 * the exit code, that no stack trace is printed, the time and the peak memory, then the case's own
 * {@link Check}; unit tests can run the same setups in-process.
 */
public final class HostileCase {

	/** The area the case attacks, for the table: model, pt, image, output, download, lut, native. */
	public final String area;
	/** A short name, unique within the area. */
	public final String name;
	/** 0 all done, 1 a failed image in a batch, 2 a model or usage problem. */
	public final int expectedExit;
	public final Setup setup;

	public HostileCase(final String area, final String name, final int expectedExit,
		final Setup setup)
	{
		this.area = area;
		this.name = name;
		this.expectedExit = expectedExit;
		this.setup = setup;
	}

	@Override
	public String toString() {
		return area + ": " + name;
	}

	/** Builds the case's files in {@code dir} (empty, the child's working directory). */
	public interface Setup {

		Run prepare(Path dir) throws Exception;
	}

	/** What the case checks once the CLI has ended, beyond the common checks. */
	public interface Check {

		void verify(Outcome outcome) throws Exception;
	}

	/** One invocation of {@code java [jvmArgs] -jar animegan-cli.jar [args]}. */
	public static final class Run implements AutoCloseable {

		/** The CLI's arguments; give --model and --threads yourself. */
		public final List<String> args = new ArrayList<>();
		/** For example {@code -Danimegan.models=/some/folder}. */
		public final List<String> jvmArgs = new ArrayList<>();
		public final Map<String, String> env = new LinkedHashMap<>();
		/** Closed after the run, last first: a local HTTP server, say. */
		public final List<AutoCloseable> resources = new ArrayList<>();
		public Check after = outcome -> {};

		public Run args(final String... more) {
			args.addAll(List.of(more));
			return this;
		}

		public Run jvm(final String... more) {
			jvmArgs.addAll(List.of(more));
			return this;
		}

		public Run after(final Check check) {
			after = check;
			return this;
		}

		public <T extends AutoCloseable> T using(final T resource) {
			resources.add(resource);
			return resource;
		}

		@Override
		public void close() throws Exception {
			Exception first = null;
			for (int i = resources.size() - 1; i >= 0; i--) {
				try {
					resources.get(i).close();
				}
				catch (final Exception e) {
					if (first == null) first = e;
				}
			}
			if (first != null) throw first;
		}
	}

	/** What one run did. */
	public static final class Outcome {

		public final int exit;
		/** stdout and stderr together. */
		public final String output;
		public final long peakBytes;
		public final long millis;

		public Outcome(final int exit, final String output, final long peakBytes,
			final long millis)
		{
			this.exit = exit;
			this.output = output;
			this.peakBytes = peakBytes;
			this.millis = millis;
		}
	}

	/** A committed test fixture (src/test/resources/fixtures), such as {@code generator_nchw.onnx}. */
	public static Path fixture(final String name) {
		final URL url = HostileCase.class.getResource("/fixtures/" + name);
		if (url == null) throw new IllegalStateException("Missing fixture " + name);
		try {
			return Paths.get(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}
}
