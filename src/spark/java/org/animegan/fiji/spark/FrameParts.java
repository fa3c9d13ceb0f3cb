package org.animegan.fiji.spark;

import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.files.ImageFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's side after the stage for stacks and videos split into ranges of planes: one row per
 * input, and where every range was done, the parts assembled into the command line's result (a
 * multi-page TIFF, or an AVI at the input's rate) through a temporary name. The parts go either way,
 * so a failed range leaves no result, partial or whole, and a rerun does the file again.
 */
final class FrameParts {

	private FrameParts() {}

	/** The stage's rows, those of an input's ranges merged into one. */
	static List<SummaryRow> merge(final Plan plan, final List<SummaryRow> done,
		final Configuration conf)
	{
		final Map<String, List<SparkTask>> ranges = new LinkedHashMap<>();
		for (final SparkTask t : plan.tasks)
			if (t.isRange()) ranges.computeIfAbsent(t.input, k -> new ArrayList<>()).add(t);
		final Map<String, List<SummaryRow>> rowsOf = new LinkedHashMap<>();
		final List<SummaryRow> merged = new ArrayList<>();
		for (final SummaryRow r : done) {
			if (ranges.containsKey(r.file)) rowsOf.computeIfAbsent(r.file, k -> new ArrayList<>()).add(r);
			else merged.add(r);
		}
		rowsOf.forEach((input, rows) -> merged.add(assemble(ranges.get(input), rows, new Path(
			plan.output), conf)));
		return merged;
	}

	private static SummaryRow assemble(final List<SparkTask> parts, final List<SummaryRow> rows,
		final Path out, final Configuration conf)
	{
		final long t0 = System.nanoTime();
		final Optional<SummaryRow> failed = rows.stream().filter(r -> r.status.equals(
			SummaryRow.FAILED)).findFirst();
		String status = SummaryRow.DONE, message = "";
		try {
			if (failed.isPresent()) {
				status = SummaryRow.FAILED;
				message = failed.get().message;
			}
			else write(parts, out, conf);
		}
		catch (final AnimeGanException e) {
			status = SummaryRow.FAILED;
			message = e.getMessage();
		}
		catch (final IOException e) {
			status = SummaryRow.FAILED;
			message = SparkMessages.unexpected(e);
		}
		finally {
			deleteParts(parts.get(0), out, conf);
		}
		final double seconds = rows.stream().mapToDouble(r -> r.seconds).sum() + (System.nanoTime() -
			t0) / 1e9;
		return new SummaryRow(parts.get(0).input, status, message, seconds, rows.stream().mapToLong(
			r -> r.pixels).sum());
	}

	/**
	 * The parts in order of their planes, as one stack, written as the command line writes it. On
	 * another file system than {@code file:}, the parts are copied here first and the result is
	 * written here, then copied out under a hidden name and renamed, as a task's result is.
	 */
	private static void write(final List<SparkTask> parts, final Path out, final Configuration conf)
		throws AnimeGanException, IOException
	{
		final List<SparkTask> inOrder = new ArrayList<>(parts);
		inOrder.sort(Comparator.comparingLong(t -> t.first));
		final FileSystem fs = out.getFileSystem(conf);
		final boolean local = Worker.isLocal(out);
		final java.nio.file.Path temp = local ? null : Files.createTempDirectory(
			"animegan-spark-parts-");
		try {
			ImageStack stack = null;
			ImagePlus first = null;
			for (final SparkTask t : inOrder) {
				final Path part = new Path(out, t.partName());
				if (!fs.exists(part)) throw new AnimeGanException(SparkMessages.partMissing(part
					.toString()));
				final java.nio.file.Path copy = local ? Paths.get(part.toUri()) : temp.resolve(t
					.partName());
				if (!local) fs.copyToLocalFile(false, part, new Path(copy.toUri()), true);
				final ImagePlus imp = ImageFiles.openQuietly(copy);
				if (stack == null) {
					first = imp;
					stack = new ImageStack(imp.getWidth(), imp.getHeight());
				}
				for (int i = 1; i <= imp.getStackSize(); i++)
					stack.addSlice(imp.getStack().getSliceLabel(i), imp.getStack().getProcessor(i));
			}
			final ImagePlus result = new ImagePlus(first.getTitle(), stack);
			result.setCalibration(first.getCalibration());
			final java.nio.file.Path folder = local ? Paths.get(out.toUri()) : Files.createDirectory(
				temp.resolve("out"));
			final Path in = new Path(inOrder.get(0).input);
			final java.nio.file.Path written;
			try (HadoopChannel ch = HadoopChannel.open(in.getFileSystem(conf), in)) {
				written = AnimeGanCli.writeStack(result, in.getName(), ch, folder);
			}
			if (!local) Worker.upload(written, fs, out);
		}
		finally {
			if (temp != null) Worker.deleteTree(temp);
		}
	}

	/** The input's part files, and temporary files of parts a killed task left. */
	private static void deleteParts(final SparkTask task, final Path out, final Configuration conf) {
		final String prefix = task.partPrefix();
		try {
			final FileSystem fs = out.getFileSystem(conf);
			for (final FileStatus s : fs.listStatus(out)) {
				final String name = s.getPath().getName();
				if (name.startsWith(prefix) || name.startsWith("." + prefix)) fs.delete(s.getPath(), false);
			}
		}
		catch (final IOException e) {
			// hidden and named as parts: harmless if they stay
		}
	}
}
