package org.animegan.fiji.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.TemporalOptions;
import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.cli.CliMessages;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's side before the stage: the inputs (files, the image files directly inside folders, or
 * with {@code --sequence} folders of frames), their result names, which are already done, and
 * partitions balanced by estimated pixels rather than by count.
 */
final class Plan {

	/** Inputs to stylize, in the order given. */
	final List<SparkTask> tasks = new ArrayList<>();
	/** Rows known before the stage: skipped (result present) and refused inputs. */
	final List<SummaryRow> known = new ArrayList<>();
	/** The output folder's full URI. */
	final String output;

	Plan(final String output) {
		this.output = output;
	}

	int inputs() {
		return (int) tasks.stream().map(t -> t.input).distinct().count() + known.size();
	}

	long count(final String status) {
		return known.stream().filter(r -> r.status.equals(status)).count();
	}

	static Plan of(final AnimeGanCli.Arguments a, final Configuration conf)
		throws AnimeGanException, IOException
	{
		if (a.framesOut()) throw new AnimeGanException(SparkMessages.framesOutUnsupported());
		final Path outGiven = new Path(a.outputName());
		if (AnimeGanCli.hasImageExtension(outGiven.getName())) throw new AnimeGanException(
			SparkMessages.outputMustBeFolder(a.outputName()));
		final FileSystem outFs = outGiven.getFileSystem(conf);
		final Path out = outFs.makeQualified(outGiven);
		final Set<String> present = new HashSet<>();
		try {
			outFs.mkdirs(out);
			for (final FileStatus s : outFs.listStatus(out))
				present.add(s.getPath().getName());
		}
		catch (final IOException e) {
			throw new AnimeGanException(SparkMessages.cannotUseOutput(a.outputName(), e.toString()), e);
		}
		final Plan plan = new Plan(out.toString());
		// With smoothing, each frame depends on all before it: the sequence stays one task.
		final boolean splittable = a.settings().temporal().smoothing() == TemporalOptions.Smoothing.OFF;
		final Map<String, String> stems = new HashMap<>();
		for (final FileStatus in : expand(a, conf)) {
			final boolean folder = in.isDirectory();
			final String input = in.getPath().toString();
			final String stem = AnimeGanCli.resultStem(in.getPath().getName(), folder);
			final long[] declared = declared(in, conf);
			final long cost = declared[0];
			final String first = stems.putIfAbsent(stem, input);
			if (first != null) plan.known.add(new SummaryRow(input, SummaryRow.FAILED, SparkMessages
				.sameResultName(first), 0, cost));
			else if (Arrays.stream(Worker.RESULT_EXTENSIONS).anyMatch(ext -> present.contains(stem +
				ext))) plan.known.add(new SummaryRow(input, SummaryRow.SKIPPED, SparkMessages
					.resultPresent(), 0, cost));
			else plan.tasks.add(new SparkTask(input, folder, stem, cost, splittable ? declared[1]
				: 1));
		}
		return plan;
	}

	/** As the command line expands its inputs, over any Hadoop file system. */
	private static List<FileStatus> expand(final AnimeGanCli.Arguments a, final Configuration conf)
		throws AnimeGanException, IOException
	{
		final List<FileStatus> files = new ArrayList<>();
		for (final String name : a.inputNames()) {
			final Path p = new Path(name);
			final FileSystem fs = p.getFileSystem(conf);
			final FileStatus s;
			try {
				s = fs.getFileStatus(fs.makeQualified(p));
			}
			catch (final FileNotFoundException e) {
				throw new AnimeGanException(SparkMessages.inputMissing(name), e);
			}
			if (s.isDirectory() && !a.sequence()) {
				final FileStatus[] inside = fs.listStatus(s.getPath());
				Arrays.sort(inside, Comparator.comparing(f -> f.getPath().getName()));
				for (final FileStatus f : inside)
					if (f.isFile() && AnimeGanCli.hasImageExtension(f.getPath().getName())) files.add(f);
			}
			else files.add(s);
		}
		if (files.isEmpty()) throw new AnimeGanException(CliMessages.noImageFiles());
		return files;
	}

	/**
	 * Splits each stack or video that costs more than one of {@code slots} equal shares of all the
	 * work into ranges of planes of about that share (a range at least one plane), so that one long
	 * video is spread over the cluster as photos are.
	 */
	void splitFrames(final int slots) {
		final long total = tasks.stream().mapToLong(t -> t.cost).sum();
		final long share = Math.max(1, total / Math.max(1, slots));
		final List<SparkTask> split = new ArrayList<>();
		for (final SparkTask t : tasks) {
			final long ranges = Math.min(t.planes, (t.cost + share - 1) / share);
			if (ranges < 2) {
				split.add(t);
				continue;
			}
			for (long i = 0; i < ranges; i++)
				split.add(t.range(1 + t.planes * i / ranges, t.planes * (i + 1) / ranges));
		}
		tasks.clear();
		tasks.addAll(split);
	}

	/**
	 * Estimated pixels of all planes and the planes, as a file's header declares them (AVI, PNG,
	 * JPEG, TIFF), read in place on any file system; where it declares none (a folder, a damaged or
	 * unknown file), its size in bytes and one plane.
	 */
	private static long[] declared(final FileStatus in, final Configuration conf) {
		final long[] bytes = { Math.max(1, in.getLen()), 1 };
		if (!in.isFile()) return bytes;
		try (HadoopChannel ch = HadoopChannel.open(in.getPath().getFileSystem(conf), in.getPath())) {
			final long pixels = AnimeGanCli.pixels(ch);
			return pixels > 0 ? new long[] { pixels, AnimeGanCli.planes(ch) } : bytes;
		}
		catch (final IOException e) {
			return bytes; // the task will say what is wrong
		}
	}

	/**
	 * The tasks in at most {@code slots} groups of about equal cost: the largest first, each into the
	 * group with the least so far (one partition per group).
	 */
	List<List<SparkTask>> partitions(final int slots) {
		final int n = Math.max(1, Math.min(slots, tasks.size()));
		final List<List<SparkTask>> groups = new ArrayList<>(n);
		final long[] load = new long[n];
		for (int i = 0; i < n; i++)
			groups.add(new ArrayList<>());
		final List<SparkTask> bySize = new ArrayList<>(tasks);
		bySize.sort(Comparator.comparingLong((SparkTask t) -> t.cost).reversed());
		for (final SparkTask t : bySize) {
			int least = 0;
			for (int i = 1; i < n; i++)
				if (load[i] < load[least]) least = i;
			groups.get(least).add(t);
			load[least] += t.cost;
		}
		groups.removeIf(List::isEmpty);
		return groups;
	}
}
