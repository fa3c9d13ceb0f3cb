package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.RecordingProgress;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.SettingsMessages;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status lines, the summary in the Log, and cancelling between batches; on two threads, two workers
 * with the same planes in the same order, and smoothing over time kept in order.
 */
class ProgressTest {

	private static ModelCache models;

	@BeforeAll
	static void open() {
		Fixtures.headless();
		models = new ModelCache();
	}

	@AfterAll
	static void close() {
		models.close();
	}

	private static ImagePlus stack(final int n) {
		final ImageStack stack = new ImageStack(PlanesTest.W, PlanesTest.H);
		for (int k = 0; k < n; k++)
			stack.addSlice(PlanesTest.bytes(k));
		return new ImagePlus("five", stack);
	}

	/** Which family an unknown file was taken for is said when it is loaded, not at every run. */
	@Test
	void theAssumedFamilyIsLoggedOncePerLoad() throws Exception {
		try (ModelCache fresh = new ModelCache()) {
			final RecordingProgress first = new RecordingProgress();
			new AnimeGan(fresh).stylize(stack(2), Fixtures.v3(), first);
			final RecordingProgress second = new RecordingProgress();
			new AnimeGan(fresh).stylize(stack(2), Fixtures.v3(), second);
			assertEquals(1, first.logs.stream().filter(l -> l.contains("animegan3 family")).count(),
				first.logs.toString());
			assertEquals(0, second.logs.stream().filter(l -> l.contains("animegan3 family")).count(),
				second.logs.toString());
		}
	}

	@Test
	void aStatusLinePerBatchAndOneSummary() throws Exception {
		final RecordingProgress r = new RecordingProgress();
		// One thread: one batch after the other.
		new AnimeGan(models).stylize(stack(5), Fixtures.v3().with("max_batch_size", 2).with("threads",
			1), r);
		// Batches of 2, 2 and 1 planes.
		assertEquals(3, r.statuses.size(), r.statuses.toString());
		final Pattern line = Pattern.compile("plane (\\d+)/5 \\((\\d+\\.\\d\\d) s\\)");
		final int[] done = { 2, 4, 5 };
		for (int i = 0; i < 3; i++) {
			final Matcher m = line.matcher(r.statuses.get(i));
			assertTrue(m.find(), r.statuses.get(i));
			assertEquals(done[i], Integer.parseInt(m.group(1)));
			assertTrue(Double.parseDouble(m.group(2)) >= 0);
		}
		// One summary, last. The fixture is not in the catalog: when this run loaded it, one line
		// before says which family was assumed (once per load, not once per run).
		assertEquals(1, r.logs.stream().filter(l -> l.startsWith("Photo to Anime:")).count(), r.logs
			.toString());
		assertTrue(r.logs.size() <= 2, r.logs.toString());
		if (r.logs.size() == 2) assertTrue(r.logs.get(0).contains("animegan3 family"), r.logs.get(0));
		final String summary = r.logs.get(r.logs.size() - 1);
		assertTrue(summary.contains("five"), summary);
		assertTrue(summary.contains("5 planes"), summary);
		assertTrue(summary.matches(".*\\(\\d+\\.\\d{3} s per plane\\).*"), summary);
		assertTrue(summary.matches(".*peak memory: heap \\d+ MB.*"), summary);
		final long[] last = r.fractions.get(r.fractions.size() - 1);
		assertEquals(last[0], last[1], "the bar ends full");
		assertTrue(r.fractions.stream().anyMatch(f -> f[0] == 4 && f[1] == 5));
	}

	@Test
	void cancelAfterTheFirstBatchReturnsNothing() throws Exception {
		final ImagePlus imp = stack(5);
		final Fixtures.Snapshot before = new Fixtures.Snapshot(imp);
		final RecordingProgress r = new RecordingProgress(1);
		final CancelledException e = assertThrows(CancelledException.class, () -> new AnimeGan(
			models).stylize(imp, Fixtures.v3().with("max_batch_size", 2).with("threads", 1), r));
		assertEquals(SettingsMessages.cancelled(), e.getMessage());
		assertEquals(1, r.statuses.size(), "stopped after the first batch");
		assertTrue(r.logs.stream().noneMatch(l -> l.startsWith("Photo to Anime:")),
			"no summary for a cancelled run");
		before.assertUnchanged();
	}

	@Test
	void cancelBeforeTheStartRunsNothing() throws Exception {
		final RecordingProgress r = new RecordingProgress(0);
		assertThrows(CancelledException.class, () -> new AnimeGan(models).stylize(stack(2), Fixtures
			.v3(), r));
		assertTrue(r.statuses.isEmpty());
	}

	// -- two threads: two workers each send half a batch, results in order --

	private static List<Integer> done(final RecordingProgress r) {
		final Pattern line = Pattern.compile("plane (\\d+)/5 ");
		return r.statuses.stream().map(s -> {
			final Matcher m = line.matcher(s);
			assertTrue(m.find(), s);
			return Integer.parseInt(m.group(1));
		}).collect(java.util.stream.Collectors.toList());
	}

	@Test
	void twoWorkersGiveTheSamePlanesInTheSameOrder() throws Exception {
		final Settings base = Fixtures.v3().with("max_batch_size", 4);
		final RecordingProgress one = new RecordingProgress(), two = new RecordingProgress();
		final ImagePlus a = new AnimeGan(models).stylize(stack(5), base.with("threads", 1), one);
		final ImagePlus b = new AnimeGan(models).stylize(stack(5), base.with("threads", 2), two);
		assertEquals(List.of(4, 5), done(one), "one batch of 4, then 1");
		assertEquals(List.of(2, 4, 5), done(two), "two workers with 2 planes each, then 1");
		assertEquals(5, b.getStackSize());
		// Planes differ from each other; one thread per run on both sides: the same pixels.
		for (int p = 1; p <= 5; p++)
			assertEquals(0, Fixtures.maxAbsDiff((ColorProcessor) a.getStack().getProcessor(p),
				(ColorProcessor) b.getStack().getProcessor(p)), "plane " + p);
		final long[] last = two.fractions.get(two.fractions.size() - 1);
		assertEquals(last[0], last[1], "the bar ends full");
		assertEquals(1, two.logs.stream().filter(l -> l.contains("5 planes in")).count(), two.logs
			.toString());
	}

	@Test
	void smoothingOverTimeKeepsOneBatchAfterTheOther() throws Exception {
		final RecordingProgress r = new RecordingProgress();
		final ImagePlus frames = stack(5);
		frames.setDimensions(1, 1, 5);
		new AnimeGan(models).stylize(frames, Fixtures.v3().with("max_batch_size", 4).with("threads", 2)
			.with("temporal_smoothing", "tones"), r);
		assertEquals(List.of(4, 5), done(r), "frames in order, whole batches");
	}

	@Test
	void tiledPlanesKeepOneBatchAfterTheOther() throws Exception {
		final ImageStack big = new ImageStack(300, 200);
		for (int k = 0; k < 5; k++) {
			final ColorProcessor cp = new ColorProcessor(300, 200);
			for (int i = 0; i < 300 * 200; i++)
				cp.set(i, (i * (k + 3)) & 0xffffff);
			big.addSlice(cp);
		}
		final RecordingProgress r = new RecordingProgress();
		new AnimeGan(models).stylize(new ImagePlus("five", big), Fixtures.v3().with("max_batch_size",
			4).with("threads", 2).with("tile_size", 256), r);
		assertEquals(List.of(4, 5), done(r), "tiles of one plane at a time, whole batches");
	}

	@Test
	void cancelStopsTheBatchesNotYetStarted() throws Exception {
		final ImagePlus imp = stack(5);
		final Fixtures.Snapshot before = new Fixtures.Snapshot(imp);
		// Esc once two batches (of one plane each) have started.
		final AtomicInteger asked = new AtomicInteger();
		final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
		final List<String> logs = Collections.synchronizedList(new ArrayList<>());
		final Progress r = new Progress() {

			@Override
			public void status(final String message) {
				statuses.add(message);
			}

			@Override
			public void log(final String message) {
				logs.add(message);
			}

			@Override
			public boolean isCancelled() {
				return asked.incrementAndGet() > 2;
			}
		};
		assertThrows(CancelledException.class, () -> new AnimeGan(models).stylize(imp, Fixtures.v3()
			.with("max_batch_size", 2).with("threads", 2), r));
		assertTrue(statuses.size() <= 2, "the started batches at most: " + statuses);
		assertTrue(logs.stream().noneMatch(l -> l.contains("planes in")), "no summary");
		before.assertUnchanged();
	}
}
