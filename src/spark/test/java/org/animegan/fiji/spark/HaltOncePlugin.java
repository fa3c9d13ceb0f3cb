package org.animegan.fiji.spark;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Map;

import org.apache.spark.TaskContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * For {@code SparkClusterIT}: installed in each executor JVM ({@code spark.plugins}), it halts that
 * JVM for real after the first file of a task's first attempt, once in the whole application: the
 * marker file {@link #MARKER} names is created first, atomically, so only one executor ever halts.
 */
public final class HaltOncePlugin implements SparkPlugin {

	/** The Spark setting holding the marker file's path. */
	static final String MARKER = "spark.animegan.test.haltMarker";
	/** The halted executor's exit status, as a killed process would give. */
	static final int STATUS = 137;

	@Override
	public DriverPlugin driverPlugin() {
		return null;
	}

	@Override
	public ExecutorPlugin executorPlugin() {
		return new ExecutorPlugin() {

			@Override
			public void init(final PluginContext ctx, final Map<String, String> extraConf) {
				final String marker = ctx.conf().get(MARKER);
				Worker.afterFile = input -> {
					if (TaskContext.get().attemptNumber() > 0) return;
					try {
						Files.createFile(Paths.get(marker));
					}
					catch (final FileAlreadyExistsException e) {
						return;
					}
					catch (final IOException e) {
						throw new IllegalStateException(e);
					}
					Runtime.getRuntime().halt(STATUS);
				};
			}
		};
	}
}
