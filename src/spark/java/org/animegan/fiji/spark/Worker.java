package org.animegan.fiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ij.ImagePlus;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.files.ImageFiles;
import org.animegan.fiji.files.NoOverwrite;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageWorkers;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * The executor's side: one model cache per JVM, shared by the tasks it runs, and each input through
 * the command line's own reading, naming and atomic writing. A file that fails gives a failed row;
 * the task itself fails (and Spark retries it) only for what is not about one file.
 */
final class Worker {

	/** Result extensions the command line may give a {@code <name>-anime} result. */
	static final String[] RESULT_EXTENSIONS = { ".png", ".tif", ".avi" };

	/**
	 * Called after each file with its URI, outside the per-file error handling, so that what it
	 * throws fails the whole task: lets a test make a task fail once and be retried.
	 */
	static volatile Consumer<String> afterFile = input -> {};

	/** Called before a range of planes is stylized: lets a test make one range fail as a bad file. */
	static volatile RangeCheck beforeRange = task -> {};

	/** What {@link #beforeRange} is. */
	interface RangeCheck {

		void check(SparkTask task) throws AnimeGanException;
	}

	private static ModelCache models;
	private static AnimeGan tool;
	/** local, local[N], local[*], local[N,F]: Spark's local masters. */
	private static final Pattern LOCAL = Pattern.compile("local\\[(\\d+|\\*)(?:,\\d+)?\\]");

	private Worker() {}

	/** The one tool of this JVM; the model is loaded at its first use and then reused. */
	static synchronized AnimeGan tool() {
		if (tool == null) {
			// As the command line: ImageJ must not look for a display on an executor.
			System.setProperty("java.awt.headless", "true");
			models = new ModelCache();
			// Spark already runs a task per core: a range's batches stay one after the other, so that
			// every task of this JVM shares the one session of the model.
			tool = new AnimeGan(models).oneBatchAtATime();
		}
		return tool;
	}

	/** How many models this JVM has loaded so far. */
	static synchronized int loads() {
		return models == null ? 0 : models.loads();
	}

	/** Runs one partition's inputs, one summary row each. */
	static List<SummaryRow> run(final List<SparkTask> tasks, final String[] args,
		final String output, final Map<String, String> hadoop) throws AnimeGanException, IOException
	{
		final AnimeGanCli.Arguments a = atOnce(AnimeGanCli.Arguments.parse(args));
		final Configuration conf = new Configuration(false);
		hadoop.forEach(conf::set);
		final Path out = new Path(output);
		final FileSystem outFs = out.getFileSystem(conf);
		final List<SummaryRow> rows = new ArrayList<>(tasks.size());
		for (final SparkTask task : tasks) {
			final long t0 = System.nanoTime();
			String status = SummaryRow.DONE, message = "";
			try {
				message = task.isRange() ? stylizeRange(task, a, conf, out, outFs) : stylize(task, a, conf,
					out, outFs);
			}
			catch (final AnimeGanException e) {
				status = SummaryRow.FAILED;
				message = e.getMessage();
			}
			catch (final IOException | RuntimeException e) {
				// ImageJ's readers throw on some damaged files: still that file's failure alone.
				status = SummaryRow.FAILED;
				message = SparkMessages.unexpected(e);
			}
			rows.add(new SummaryRow(task.input, status, message, (System.nanoTime() - t0) / 1e9,
				task.cost));
			afterFile.accept(task.input);
		}
		return rows;
	}

	/**
	 * Spark runs as many tasks at once as the executor has slots, all on this JVM's one model: its
	 * session is built for that many runs at once, each on its share of the threads, as the command
	 * line's is for several files (two runs on one thread each beat one on two; docs/performance.md).
	 */
	static AnimeGanCli.Arguments atOnce(final AnimeGanCli.Arguments a) {
		final int runs = ImageWorkers.count(a.settings(), slots());
		return runs > 1 ? a.withSettings(a.settings().withConcurrentRuns(runs)) : a;
	}

	/** Tasks this executor runs at once: its cores (local[N]: N) over the CPUs one task takes. */
	static int slots() {
		final SparkConf conf = SparkEnv.get().conf();
		final int cores = conf.contains("spark.executor.cores") ? conf.getInt("spark.executor.cores", 1)
			: localCores(conf.get("spark.master", ""));
		return Math.max(1, cores / Math.max(1, conf.getInt("spark.task.cpus", 1)));
	}

	static int localCores(final String master) {
		final Matcher m = LOCAL.matcher(master);
		if (m.matches()) return "*".equals(m.group(1)) ? Runtime.getRuntime().availableProcessors()
			: Integer.parseInt(m.group(1));
		return "local".equals(master) ? 1 : Runtime.getRuntime().availableProcessors();
	}

	/** Stylizes one input into the output folder; returns the row's message. */
	private static String stylize(final SparkTask task, final AnimeGanCli.Arguments a,
		final Configuration conf, final Path out, final FileSystem outFs)
		throws AnimeGanException, IOException
	{
		// A retried or speculative task finds the results its earlier attempt completed.
		for (final String ext : RESULT_EXTENSIONS)
			if (outFs.exists(new Path(out, task.stem + ext))) return SparkMessages.earlierAttempt();
		final Path in = new Path(task.input);
		final boolean localIn = isLocal(in), localOut = isLocal(out);
		final java.nio.file.Path temp = localIn && localOut ? null : Files.createTempDirectory(
			"animegan-spark-");
		try {
			final java.nio.file.Path input = localIn ? Paths.get(in.toUri()) : download(in, conf, temp);
			final java.nio.file.Path folder = localOut ? Paths.get(out.toUri()) : temp.resolve("out");
			if (!localOut) Files.createDirectories(folder);
			final NoOverwrite protect = new NoOverwrite();
			protect.add(input);
			final AnimeGanCli cli = new AnimeGanCli(System.out, System.err);
			final java.nio.file.Path result = cli.process(tool(), a, input, null, folder, protect);
			if (!localOut) upload(result, outFs, out);
			return "";
		}
		finally {
			if (temp != null) deleteTree(temp);
		}
	}

	/**
	 * Stylizes a range of a stack's or video's planes into its hidden part file beside the results
	 * (written through a temporary name, as results are); the driver assembles the parts once all are
	 * there. An input on another file system is read from this JVM's local copy of it.
	 */
	private static String stylizeRange(final SparkTask task, final AnimeGanCli.Arguments a,
		final Configuration conf, final Path out, final FileSystem outFs)
		throws AnimeGanException, IOException
	{
		final Path part = new Path(out, task.partName());
		if (outFs.exists(part)) return SparkMessages.earlierAttempt();
		beforeRange.check(task);
		final Path in = new Path(task.input);
		final java.nio.file.Path input = isLocal(in) ? Paths.get(in.toUri()) : LocalCopies.of(in,
			conf);
		final AnimeGanCli cli = new AnimeGanCli(System.out, System.err);
		final ImagePlus planes = cli.read(tool(), a, input, task.first, task.last);
		final ImagePlus result = tool().stylize(planes, a.settings(), Progress.logTo(
			System.out::println));
		if (isLocal(out)) {
			ImageFiles.write(result, Paths.get(part.toUri()), result.getStackSize() > 1);
			return "";
		}
		final java.nio.file.Path temp = Files.createTempDirectory("animegan-spark-");
		try {
			final java.nio.file.Path local = temp.resolve(task.partName());
			ImageFiles.write(result, local, result.getStackSize() > 1);
			upload(local, outFs, out);
			return "";
		}
		finally {
			deleteTree(temp);
		}
	}

	static boolean isLocal(final Path p) {
		return "file".equals(p.toUri().getScheme());
	}

	/** A copy of a remote input (a file, or a folder of frames) in the task's temporary folder. */
	private static java.nio.file.Path download(final Path in, final Configuration conf,
		final java.nio.file.Path temp) throws IOException
	{
		final java.nio.file.Path local = temp.resolve("in").resolve(in.getName());
		Files.createDirectories(local.getParent());
		in.getFileSystem(conf).copyToLocalFile(false, in, new Path(local.toUri()), true);
		return local;
	}

	/**
	 * Copies a result to the output under a hidden temporary name, then renames it: a task killed
	 * while copying never leaves a partial file under the result's name.
	 */
	static void upload(final java.nio.file.Path result, final FileSystem fs, final Path out)
		throws IOException, AnimeGanException
	{
		final String name = result.getFileName().toString();
		final TaskContext ctx = TaskContext.get();
		final Path part = new Path(out, "." + name + ".part-" + (ctx == null ? 0 : ctx
			.taskAttemptId()));
		fs.copyFromLocalFile(false, true, new Path(result.toUri()), part);
		final Path target = new Path(out, name);
		if (!fs.rename(part, target)) {
			fs.delete(part, false);
			if (!fs.exists(target)) throw new AnimeGanException(SparkMessages.cannotMoveResult(target
				.toString()));
		}
	}

	static void deleteTree(final java.nio.file.Path root) {
		try (Stream<java.nio.file.Path> all = Files.walk(root)) {
			all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (final IOException e) {
			// a temporary folder: the system cleans it up eventually
		}
	}
}
