package org.animegan.fiji.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.cli.CliMessages;
import org.animegan.fiji.cli.DownloadConsole;
import org.animegan.fiji.pipeline.AnimeGan;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The batch on Apache Spark: {@code java -jar animegan-spark.jar [the command line's arguments]}
 * runs in local mode ({@code local[*]}) unless a master is given, as {@code spark-submit} does.
 * Inputs and the output folder are Hadoop URIs ({@code file:}, {@code hdfs:}, {@code s3a:} ...).
 * Each input is one task (a long stack or video without smoothing: one per range of planes);
 * results are named and written as the command line names and writes them, inputs whose result is
 * present are skipped, and {@code animegan-summary.csv} (file, status,
 * message, time) goes next to the results. Exit code as the command line's: 0 all done, 1 some
 * files failed, 2 bad usage or a model that cannot be loaded.
 */
public final class SparkBatch {

	static final String COMMAND = "java -jar animegan-spark.jar";
	static final String SUMMARY = "animegan-summary.csv";
	/** Partitions per task slot: some slack, so that a slow partition does not hold up the end. */
	private static final int PARTITIONS_PER_SLOT = 4;

	private final PrintStream out;
	private final PrintStream err;

	SparkBatch(final PrintStream out, final PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		final SparkBatch batch = new SparkBatch(System.out, System.err);
		final Integer early = batch.usageExit(args);
		if (early != null) System.exit(early);
		// spark-submit passes its --master as the system property spark.master, which SparkConf reads.
		final SparkConf conf = new SparkConf().setAppName("AnimeGAN batch");
		if (!conf.contains("spark.master")) conf.setMaster("local[*]");
		final int code;
		final SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
		try {
			code = batch.run(spark, args);
		}
		finally {
			spark.stop();
		}
		System.exit(code);
	}

	/** The exit code for --help or arguments the command line refuses, null to go on. */
	Integer usageExit(final String[] args) {
		try {
			if (!AnimeGanCli.Arguments.parse(args).help()) return null;
			out.print(AnimeGanCli.usage(COMMAND));
			out.println(SparkMessages.helpNote());
			return 0;
		}
		catch (final AnimeGanException e) {
			err.println(CliMessages.cliError(e.getMessage()));
			err.println(CliMessages.seeHelp());
			return 2;
		}
	}

	/** Runs the batch on this session; returns the exit code. */
	int run(final SparkSession spark, final String[] args) {
		final Integer early = usageExit(args);
		if (early != null) return early;
		final JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
		final Configuration conf = sc.hadoopConfiguration();
		final Plan plan;
		try {
			final AnimeGanCli.Arguments a = AnimeGanCli.Arguments.parse(args);
			plan = Plan.of(a, conf);
			if (!plan.tasks.isEmpty()) {
				// As the command line: a bad LUT or model stops the run before any file, once. In local
				// mode this is the executors' JVM, so the model loaded here is the one they use.
				final AnimeGan tool = Worker.tool();
				tool.lut(a.settings().style());
				final AnimeGanCli.Arguments run = Worker.atOnce(a);
				tool.generator(run.settings().model(), run.settings().runtime(), new DownloadConsole(err));
			}
		}
		catch (final AnimeGanException | IOException e) {
			err.println(CliMessages.cliError(e.getMessage()));
			return 2;
		}
		final int slots = sc.defaultParallelism() * PARTITIONS_PER_SLOT;
		plan.splitFrames(slots);
		final List<List<SparkTask>> groups = plan.partitions(slots);
		out.println(SparkMessages.planned(plan.inputs(), (int) plan.count(SummaryRow.SKIPPED),
			(int) plan.count(SummaryRow.FAILED), plan.tasks.size(), plan.tasks.isEmpty() ? 0
				: groups.size()));
		final List<SummaryRow> rows = new ArrayList<>(plan.known);
		if (!plan.tasks.isEmpty()) {
			final Map<String, String> hadoop = new HashMap<>();
			conf.forEach(e -> hadoop.put(e.getKey(), e.getValue()));
			final String output = plan.output;
			final long t0 = System.nanoTime();
			sc.setJobDescription("AnimeGAN: stylize " + plan.tasks.size() + " input(s)");
			final List<SummaryRow> done = FrameParts.merge(plan, sc.parallelize(groups, groups.size())
				.flatMap(group -> Worker.run(group, args, output, hadoop).iterator()).collect(), conf);
			final double seconds = (System.nanoTime() - t0) / 1e9;
			final int failed = (int) done.stream().filter(r -> r.status.equals(SummaryRow.FAILED))
				.count();
			out.println(SparkMessages.stylized(done.size() - failed, failed, seconds, done.stream()
				.mapToLong(r -> r.pixels).sum()));
			rows.addAll(done);
			removeLeftovers(conf, plan);
		}
		rows.sort(Comparator.comparing(r -> r.file));
		try {
			final String summary = writeSummary(conf, plan.output, rows);
			out.println(SparkMessages.summaryWritten(summary));
		}
		catch (final IOException e) {
			err.println(CliMessages.cliError(SparkMessages.cannotWriteSummary(plan.output + "/" +
				SUMMARY, e.toString())));
			return 2;
		}
		final long failed = rows.stream().filter(r -> r.status.equals(SummaryRow.FAILED)).count();
		for (final SummaryRow r : rows)
			if (r.status.equals(SummaryRow.FAILED)) err.println("failed: " + r.file + ": " + r.message);
		if (failed > 0) err.println(CliMessages.filesFailed((int) failed, rows.size()));
		return failed > 0 ? 1 : 0;
	}

	/**
	 * Hidden temporary files of this batch's results that a killed task left behind (the command
	 * line's {@code .<result>.part-*}); once the stage is over, none is still being written.
	 */
	private static void removeLeftovers(final Configuration conf, final Plan plan) {
		try {
			final Path out = new Path(plan.output);
			final FileSystem fs = out.getFileSystem(conf);
			for (final FileStatus s : fs.listStatus(out)) {
				final String name = s.getPath().getName();
				if (!name.startsWith(".") || !name.contains(".part-")) continue;
				for (final SparkTask t : plan.tasks)
					if (name.startsWith("." + t.stem + ".")) {
						fs.delete(s.getPath(), false);
						break;
					}
			}
		}
		catch (final IOException e) {
			// hidden and named as unfinished: harmless if they stay
		}
	}

	/** Writes the summary table through a temporary name; returns its URI. */
	private static String writeSummary(final Configuration conf, final String output,
		final List<SummaryRow> rows) throws IOException
	{
		final Path target = new Path(output, SUMMARY);
		final Path part = new Path(output, "." + SUMMARY + ".part");
		final FileSystem fs = target.getFileSystem(conf);
		// Hadoop's local file system would add .crc files beside it.
		fs.setWriteChecksum(false);
		try (OutputStream o = fs.create(part, true)) {
			final StringBuilder sb = new StringBuilder(SummaryRow.HEADER).append('\n');
			for (final SummaryRow r : rows)
				sb.append(r.csv()).append('\n');
			o.write(sb.toString().getBytes(StandardCharsets.UTF_8));
		}
		fs.delete(target, false);
		if (!fs.rename(part, target)) throw new IOException("rename refused");
		return target.toString();
	}
}
