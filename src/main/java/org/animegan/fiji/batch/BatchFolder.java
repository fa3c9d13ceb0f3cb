package org.animegan.fiji.batch;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.ResultsTable;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.files.ImageFiles;
import org.animegan.fiji.files.NoOverwrite;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageWorkers;
import org.animegan.fiji.pipeline.PipelineMessages;

/**
 * Every file in a folder whose name matches a pattern, through {@link AnimeGan}: each read as the
 * command line reads it, its result written atomically as {@code <name>-anime.png} ({@code .tif}
 * for stacks) in the output folder. A file that fails fails its own row only; a cancel stops
 * between files (or inside one, which then writes nothing).
 */
public final class BatchFolder {

	/** The Results table's title. */
	public static final String TITLE = "AnimeGAN batch";
	public static final String DEFAULT_PATTERN = "*.png;*.jpg;*.jpeg;*.tif;*.tiff";
	public static final String[] COLUMNS = { "file", "size", "time (s)", "faces", "status" };

	/** One file's row. */
	public static final class Row {

		public final String file;
		/** WxH, or WxHxN for N planes; empty if the file could not be read. */
		public String size = "";
		public double seconds;
		/** Faces found, or empty when faces were not looked for. */
		public String faces = "";
		public String status;

		Row(final String file) {
			this.file = file;
		}
	}

	private final AnimeGan tool;

	public BatchFolder(final AnimeGan tool) {
		this.tool = tool;
	}

	/**
	 * Processes the matching files of {@code input}, in name order.
	 *
	 * @return one row per matching file
	 * @throws AnimeGanException if a folder cannot be used or the model cannot be loaded: then no
	 *           file is processed
	 */
	public List<Row> run(final Path input, final Path output, final String pattern,
		final boolean skipExisting, final Settings settings, final Progress progress)
		throws AnimeGanException
	{
		final List<Path> files = matching(input, pattern);
		try {
			Files.createDirectories(output);
		}
		catch (final IOException e) {
			throw new AnimeGanException(BatchMessages.cannotCreateOutput(output), e);
		}
		// Several files at once where that is faster; never two that could write the same result.
		final int workers = ImageFiles.distinctStems(files) ? ImageWorkers.count(settings, files
			.size()) : 1;
		final Settings run = workers > 1 ? settings.withConcurrentRuns(workers) : settings;
		// A bad model or LUT fails the run once, before any file.
		tool.lut(run.style());
		tool.generator(run.model(), run.runtime(), progress);
		// Inputs, and results written so far (a.png and a.jpg would both give a-anime.png).
		final NoOverwrite protect = new NoOverwrite();
		for (final Path f : files)
			protect.add(f);
		final List<Row> rows = new ArrayList<>(files.size());
		for (final Path f : files)
			rows.add(new Row(f.getFileName().toString()));
		if (workers > 1) progress.log(PipelineMessages.filesAtOnce(workers, run.runtime()
			.intraOpThreads()));
		final double[] parts = new double[files.size()];
		ImageWorkers.run(files.size(), workers, (i, lane) -> {
			final Row row = rows.get(i);
			if (progress.isCancelled()) {
				row.status = BatchMessages.CANCELLED;
				return row;
			}
			progress.status(BatchMessages.working(i + 1, files.size(), row.file));
			final long start = System.nanoTime();
			try {
				process(files.get(i), output, skipExisting, run, new FileProgress(progress, i, parts),
					protect, row, lane);
			}
			catch (final CancelledException e) {
				row.status = BatchMessages.CANCELLED;
			}
			catch (final AnimeGanException e) {
				row.status = BatchMessages.failed(e.getMessage());
			}
			row.seconds = (System.nanoTime() - start) / 1e9;
			return row;
		}, (i, row) -> FileProgress.finished(progress, i, parts));
		progress.progress(1, 1);
		return rows;
	}

	private void process(final Path in, final Path output, final boolean skipExisting,
		final Settings settings, final Progress progress, final NoOverwrite protect, final Row row,
		final ImageWorkers.Lane lane) throws AnimeGanException
	{
		if (skipExisting && (Files.exists(output.resolve(ImageFiles.resultName(in, false))) || Files
			.exists(output.resolve(ImageFiles.resultName(in, true)))))
		{
			row.status = BatchMessages.SKIPPED;
			return;
		}
		final ImagePlus imp = ImageFiles.read(in, (w, h, planes) -> tool.heapNeeded(settings, w, h,
			planes, lane), warning -> progress.log(BatchMessages.jpegWarning(row.file, warning)));
		final boolean stack = imp.getStackSize() > 1;
		row.size = imp.getWidth() + "x" + imp.getHeight() + (stack ? "x" + imp.getStackSize() : "");
		final Path target = output.resolve(ImageFiles.resultName(in, stack));
		if (protect.protects(target)) throw new AnimeGanException(BatchMessages.wouldOverwrite(
			target.getFileName().toString()));
		final ImagePlus result = tool.stylize(imp, settings, progress);
		ImageFiles.write(result, target, stack);
		protect.add(target);
		final Roi[] faces = FaceRois.of(result);
		if (faces != null) row.faces = String.valueOf(faces.length);
		row.status = BatchMessages.DONE;
	}

	/** The regular files directly in {@code folder} whose names match the pattern, sorted. */
	static List<Path> matching(final Path folder, final String pattern) throws AnimeGanException {
		if (!Files.isDirectory(folder)) throw new AnimeGanException(BatchMessages.notAFolder(folder));
		final List<PathMatcher> globs = new ArrayList<>();
		for (final String g : (pattern == null || pattern.isBlank() ? DEFAULT_PATTERN : pattern).split(
			"[;,]"))
			if (!g.isBlank()) {
				try {
					// Lower case on both sides: photo.JPG matches *.jpg.
					globs.add(FileSystems.getDefault().getPathMatcher("glob:" + g.trim().toLowerCase(
						Locale.ROOT)));
				}
				catch (final IllegalArgumentException e) {
					throw new AnimeGanException(BatchMessages.badPattern(g.trim()), e);
				}
			}
		try (Stream<Path> list = Files.list(folder)) {
			final List<Path> files = new ArrayList<>();
			list.filter(Files::isRegularFile).filter(p -> {
				final Path name = p.getFileName().getFileSystem().getPath(p.getFileName().toString()
					.toLowerCase(Locale.ROOT));
				return globs.stream().anyMatch(m -> m.matches(name));
			}).sorted().forEach(files::add);
			return files;
		}
		catch (final IOException e) {
			throw new AnimeGanException(BatchMessages.folderUnreadable(folder), e);
		}
	}

	/** The rows as an ImageJ Results table, one row per file, not shown. */
	public static ResultsTable table(final List<Row> rows) {
		final ResultsTable t = new ResultsTable();
		for (final Row r : rows) {
			t.incrementCounter();
			t.addValue(COLUMNS[0], r.file);
			t.addValue(COLUMNS[1], r.size);
			t.addValue(COLUMNS[2], Math.round(r.seconds * 100) / 100.0); // 2.0E-4 reads badly
			t.addValue(COLUMNS[3], r.faces);
			t.addValue(COLUMNS[4], r.status);
		}
		if (!rows.isEmpty()) t.setDecimalPlaces(t.getColumnIndex(COLUMNS[2]), 2);
		t.showRowNumbers(false);
		return t;
	}

	/**
	 * One file's progress as its share of the whole batch, whose bar is the sum of every file's part
	 * (files may run at once); everything else passed on.
	 */
	private static final class FileProgress implements Progress {

		private final Progress batch;
		private final int index;
		/** Each file's fraction done, shared by the batch's files. */
		private final double[] parts;

		FileProgress(final Progress batch, final int index, final double[] parts) {
			this.batch = batch;
			this.index = index;
			this.parts = parts;
		}

		@Override
		public void status(final String message) {
			batch.status(message);
		}

		@Override
		public void progress(final long done, final long total) {
			set(batch, index, parts, total <= 0 ? 1 : (double) done / total);
		}

		/** File {@code index} is done, whatever became of it (skipped, failed, cancelled). */
		static void finished(final Progress batch, final int index, final double[] parts) {
			set(batch, index, parts, 1);
		}

		private static void set(final Progress batch, final int index, final double[] parts,
			final double part)
		{
			double sum = 0;
			synchronized (parts) {
				parts[index] = part;
				for (final double p : parts)
					sum += p;
			}
			batch.progress(Math.round(sum * 1000), 1000L * parts.length);
		}

		@Override
		public void log(final String message) {
			batch.log(message);
		}

		@Override
		public boolean isCancelled() {
			return batch.isCancelled();
		}
	}
}
