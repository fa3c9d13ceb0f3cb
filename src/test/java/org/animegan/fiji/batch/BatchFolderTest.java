package org.animegan.fiji.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of mixed files through the batch, headless, with the tiny v3 model. */
class BatchFolderTest {

	private static ModelCache cache;
	private static Settings settings;

	@TempDir
	Path dir;
	private Path in, out;

	@BeforeAll
	static void load() throws AnimeGanException {
		Fixtures.headless();
		cache = new ModelCache();
		settings = Settings.of("model", Fixtures.path("generator_v3_nhwc.onnx").toString(),
			"input_size", "256", "threads", String.valueOf(Fixtures.THREADS));
	}

	@AfterAll
	static void close() {
		cache.close();
	}

	/** Two good PNGs, a corrupt PNG, a text file, and a 2-page TIFF. */
	@BeforeEach
	void mixedFolder() throws IOException {
		in = Files.createDirectory(dir.resolve("in"));
		out = dir.resolve("out");
		assertTrue(new FileSaver(new ImagePlus("a", gradient(40, 24, 0))).saveAsPng(in.resolve("a.png")
			.toString()));
		assertTrue(new FileSaver(new ImagePlus("b", gradient(32, 32, 90))).saveAsPng(in.resolve(
			"b.png").toString()));
		// A PNG signature and then nothing a decoder can use.
		final byte[] corrupt = new byte[200];
		System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, 0, corrupt,
			0, 8);
		for (int i = 8; i < corrupt.length; i++)
			corrupt[i] = (byte) (i * 37);
		Files.write(in.resolve("c.png"), corrupt);
		Files.write(in.resolve("notes.txt"), "not an image".getBytes(StandardCharsets.UTF_8));
		final ImageStack stack = new ImageStack(24, 16);
		stack.addSlice(gradient(24, 16, 10));
		stack.addSlice(gradient(24, 16, 140));
		assertTrue(new FileSaver(new ImagePlus("d", stack)).saveAsTiffStack(in.resolve("d.tif")
			.toString()));
	}

	private static ColorProcessor gradient(final int w, final int h, final int offset) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				cp.set(x, y, (x * 6 + offset & 0xff) << 16 | (y * 8 & 0xff) << 8 | offset);
		return cp;
	}

	private List<BatchFolder.Row> run(final boolean skipExisting, final Progress progress)
		throws AnimeGanException
	{
		return run(skipExisting, progress, settings);
	}

	private List<BatchFolder.Row> run(final boolean skipExisting, final Progress progress,
		final Settings s) throws AnimeGanException
	{
		return new BatchFolder(new AnimeGan(cache)).run(in, out, BatchFolder.DEFAULT_PATTERN,
			skipExisting, s, progress);
	}

	private Set<String> written() throws IOException {
		try (Stream<Path> files = Files.list(out)) {
			return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(
				TreeSet::new));
		}
	}

	private static String statuses(final List<BatchFolder.Row> rows) {
		return rows.stream().map(r -> r.file + " " + r.status.split(":")[0]).collect(Collectors
			.joining(", "));
	}

	@Test
	void writesResultsAndFailsTheCorruptFileOnly() throws Exception {
		final List<BatchFolder.Row> rows = run(false, Progress.NONE);
		final ResultsTable table = BatchFolder.table(rows);
		System.out.println("Results table \"" + BatchFolder.TITLE + "\":\n" + String.join("\t", table
			.getHeadings()));
		for (int i = 0; i < table.size(); i++)
			System.out.println(table.getRowAsString(i));
		assertEquals("a.png done, b.png done, c.png failed, d.tif done", statuses(rows),
			"one row per matching file, the text file left out");
		assertEquals(4, table.size());
		assertEquals(Set.of("file", "size", "time (s)", "faces", "status"), Set.of(table
			.getHeadings()));
		final String reason = rows.get(2).status.substring("failed: ".length());
		assertTrue(reason.endsWith(".") && reason.indexOf(". ") < 0 && !reason.contains("Exception"),
			"one sentence: " + reason);
		assertEquals("40x24", table.getStringValue("size", 0));
		assertEquals("24x16x2", rows.get(3).size);
		assertEquals(Set.of("a-anime.png", "b-anime.png", "d-anime.tif"), written());
		final ImagePlus a = new Opener().openImage(out.resolve("a-anime.png").toString());
		assertEquals(40, a.getWidth());
		assertEquals(24, a.getHeight());
		assertEquals(2, new Opener().openImage(out.resolve("d-anime.tif").toString()).getStackSize());
	}

	@Test
	void skipExistingWritesNothingTheSecondTime() throws Exception {
		run(false, Progress.NONE);
		final long modified = Files.getLastModifiedTime(out.resolve("a-anime.png")).toMillis();
		final byte[] before = Files.readAllBytes(out.resolve("b-anime.png"));
		Files.setLastModifiedTime(out.resolve("a-anime.png"), java.nio.file.attribute.FileTime
			.fromMillis(modified - 60_000));
		final List<BatchFolder.Row> rows = run(true, Progress.NONE);
		assertEquals("a.png skipped, b.png skipped, c.png failed, d.tif skipped", statuses(rows),
			"the corrupt file has no result to skip for");
		assertEquals(modified - 60_000, Files.getLastModifiedTime(out.resolve("a-anime.png"))
			.toMillis(), "not rewritten");
		assertEquals(Set.of("a-anime.png", "b-anime.png", "d-anime.tif"), written());
		assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("b-anime.png"))));
	}

	/** Esc pressed once the first result is in place. */
	private Progress cancelOnceAIsWritten() {
		return new Progress() {

			@Override
			public boolean isCancelled() {
				return Files.exists(out.resolve("a-anime.png"));
			}
		};
	}

	@Test
	void cancelAfterTheFirstFileLeavesNoPartialOutput() throws Exception {
		// One thread: one file after the other (with two, b starts beside a).
		final List<BatchFolder.Row> rows = run(false, cancelOnceAIsWritten(), settings.with("threads", 1));
		assertEquals("a.png done, b.png cancelled, c.png cancelled, d.tif cancelled", statuses(rows));
		assertEquals(Set.of("a-anime.png"), written(), "no other file, not even a temporary one");
	}

	@Test
	void cancelWithTwoAtOnceStartsNoFurtherFile() throws Exception {
		// Esc pressed once any result is in place: a and b start together, c and d only after one of
		// them was written.
		final List<BatchFolder.Row> rows = run(false, new Progress() {

			@Override
			public boolean isCancelled() {
				return Files.exists(out.resolve("a-anime.png")) || Files.exists(out.resolve(
					"b-anime.png"));
			}
		});
		// b is done unless a was written before b's worker looked (a loaded machine).
		final boolean b = rows.get(1).status.equals(BatchMessages.DONE);
		assertEquals("a.png done, b.png " + (b ? "done" : "cancelled") +
			", c.png cancelled, d.tif cancelled", statuses(rows));
		assertEquals(b ? Set.of("a-anime.png", "b-anime.png") : Set.of("a-anime.png"), written(),
			"not even a temporary file");
	}

	@Test
	void twoAtOnceGiveTheRowsAndPixelsOfOneAfterTheOther() throws Exception {
		final List<String> logs = Collections.synchronizedList(new ArrayList<>());
		final List<BatchFolder.Row> two = run(false, new Progress() {

			@Override
			public void log(final String message) {
				logs.add(message);
			}
		});
		assertTrue(logs.contains("Photo to Anime: 2 files at a time, 1 thread each."), logs
			.toString());
		final Path twoOut = Files.move(out, dir.resolve("two"));
		final List<BatchFolder.Row> one = run(false, Progress.NONE, settings.with("threads", 1));
		assertEquals(statuses(one), statuses(two));
		assertEquals(one.stream().map(r -> r.size).collect(Collectors.toList()), two.stream().map(
			r -> r.size).collect(Collectors.toList()));
		assertEquals(written(), Set.of("a-anime.png", "b-anime.png", "d-anime.tif"));
		for (final String name : written()) {
			final ImagePlus a = new Opener().openImage(out.resolve(name).toString());
			final ImagePlus b = new Opener().openImage(twoOut.resolve(name).toString());
			assertEquals(a.getStackSize(), b.getStackSize(), name);
			for (int p = 1; p <= a.getStackSize(); p++)
				assertEquals(0, Fixtures.maxAbsDiff((ColorProcessor) a.getStack()
					.getProcessor(p), (ColorProcessor) b.getStack().getProcessor(p)), name + " " + p);
		}
	}

	@Test
	void refusesAMissingFolderAndABadModelBeforeAnyFile() throws Exception {
		assertThrows(AnimeGanException.class, () -> new BatchFolder(new AnimeGan(cache)).run(dir
			.resolve("missing"), out, "*.png", false, settings, Progress.NONE));
		final Settings badModel = Settings.of("model", in.resolve("notes.txt").toString());
		assertThrows(AnimeGanException.class, () -> new BatchFolder(new AnimeGan(cache)).run(in, out,
			"*.png", false, badModel, Progress.NONE));
		assertFalse(Files.exists(out.resolve("a-anime.png")));
	}

	@Test
	void patternsAreGlobsSeparatedBySemicolonsIgnoringCase() throws Exception {
		Files.write(in.resolve("E.PNG"), new byte[0]);
		assertEquals(List.of("E.PNG", "a.png", "b.png", "c.png"), BatchFolder.matching(in, "*.png")
			.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList()));
		assertEquals(List.of("d.tif", "notes.txt"), BatchFolder.matching(in, "*.txt; d.*").stream()
			.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
		assertThrows(AnimeGanException.class, () -> BatchFolder.matching(in, "[a"));
	}
}
