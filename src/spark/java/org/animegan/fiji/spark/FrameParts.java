package org.animegan.fiji.spark;

import ij.ImagePlus;
import ij.ImageStack;

import java.io.File;
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
	static List<SummaryRow> merge(final Plan plan, final List<SummaryRow> done) {
		final Map<String, List<SparkTask>> ranges = new LinkedHashMap<>();
		for (final SparkTask t : plan.tasks)
			if (t.isRange()) ranges.computeIfAbsent(t.input, k -> new ArrayList<>()).add(t);
		final Map<String, List<SummaryRow>> rowsOf = new LinkedHashMap<>();
		final List<SummaryRow> merged = new ArrayList<>();
		for (final SummaryRow r : done) {
			if (ranges.containsKey(r.file)) rowsOf.computeIfAbsent(r.file, k -> new ArrayList<>()).add(r);
			else merged.add(r);
		}
		rowsOf.forEach((input, rows) -> merged.add(assemble(ranges.get(input), rows, plan.output)));
		return merged;
	}

	private static SummaryRow assemble(final List<SparkTask> parts, final List<SummaryRow> rows,
		final String output)
	{
		final long t0 = System.nanoTime();
		final java.nio.file.Path folder = Paths.get(new Path(output).toUri());
		final Optional<SummaryRow> failed = rows.stream().filter(r -> r.status.equals(
			SummaryRow.FAILED)).findFirst();
		String status = SummaryRow.DONE, message = "";
		try {
			if (failed.isPresent()) {
				status = SummaryRow.FAILED;
				message = failed.get().message;
			}
			else write(parts, folder);
		}
		catch (final AnimeGanException e) {
			status = SummaryRow.FAILED;
			message = e.getMessage();
		}
		finally {
			deleteParts(parts.get(0), folder);
		}
		final double seconds = rows.stream().mapToDouble(r -> r.seconds).sum() + (System.nanoTime() -
			t0) / 1e9;
		return new SummaryRow(parts.get(0).input, status, message, seconds, rows.stream().mapToLong(
			r -> r.pixels).sum());
	}

	/** The parts in order of their planes, as one stack, written as the command line writes it. */
	private static void write(final List<SparkTask> parts, final java.nio.file.Path folder)
		throws AnimeGanException
	{
		final List<SparkTask> inOrder = new ArrayList<>(parts);
		inOrder.sort(Comparator.comparingLong(t -> t.first));
		ImageStack stack = null;
		ImagePlus first = null;
		for (final SparkTask t : inOrder) {
			final java.nio.file.Path part = folder.resolve(t.partName());
			if (!Files.isRegularFile(part)) throw new AnimeGanException(SparkMessages.partMissing(part
				.toString()));
			final ImagePlus imp = ImageFiles.openQuietly(part);
			if (stack == null) {
				first = imp;
				stack = new ImageStack(imp.getWidth(), imp.getHeight());
			}
			for (int i = 1; i <= imp.getStackSize(); i++)
				stack.addSlice(imp.getStack().getSliceLabel(i), imp.getStack().getProcessor(i));
		}
		final ImagePlus result = new ImagePlus(first.getTitle(), stack);
		result.setCalibration(first.getCalibration());
		AnimeGanCli.writeStack(result, Paths.get(new Path(inOrder.get(0).input).toUri()), folder);
	}

	/** The input's part files, and temporary files of parts a killed task left. */
	private static void deleteParts(final SparkTask task, final java.nio.file.Path folder) {
		final String prefix = task.partPrefix();
		final File[] all = folder.toFile().listFiles();
		if (all == null) return;
		for (final File f : all)
			if (f.getName().startsWith(prefix) || f.getName().startsWith("." + prefix)) f.delete();
	}
}
