package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.Settings;
import org.junit.jupiter.api.Test;

/** Several images at once: how many, results in order, failures, and the heap shared among them. */
class ImageWorkersTest {

	private static Settings settings(final String... keyValues) throws AnimeGanException {
		return Settings.of(keyValues);
	}

	@Test
	void oneWorkerPerThreadUpToTheImagesInTheFastModeOnly() throws AnimeGanException {
		assertEquals(2, ImageWorkers.count(settings("threads", "2"), 8));
		assertEquals(3, ImageWorkers.count(settings("threads", "4"), 3));
		assertEquals(1, ImageWorkers.count(settings("threads", "4"), 1), "one image: as today");
		assertEquals(1, ImageWorkers.count(settings("threads", "1"), 8), "one thread: one at a time");
		assertEquals(1, ImageWorkers.count(settings("threads", "2", "memory_mode", "low"), 8),
			"low memory keeps one run's memory");
	}

	@Test
	void concurrentRunsShareTheThreads() throws AnimeGanException {
		final RuntimeOptions two = settings("threads", "2").withConcurrentRuns(2).runtime();
		assertEquals(2, two.threads());
		assertEquals(2, two.concurrentRuns());
		assertEquals(1, two.intraOpThreads());
		assertEquals(2, settings("threads", "5").withConcurrentRuns(2).runtime().intraOpThreads());
		assertEquals(1, settings("threads", "1").withConcurrentRuns(3).runtime().intraOpThreads(),
			"at least one");
		assertEquals(2, settings("threads", "2").runtime().intraOpThreads(), "one run: every thread");
		// Kept across other changes, and a session of its own in the model cache.
		final Settings concurrent = settings("threads", "2").withConcurrentRuns(2);
		assertEquals(2, concurrent.with("tile_size", 512).runtime().concurrentRuns());
		assertTrue(!concurrent.runtime().equals(settings("threads", "2").runtime()));
	}

	@Test
	void resultsComeInOrderWhileLaterImagesFinishFirst() throws AnimeGanException {
		// Image 0 cannot finish before image 1 has: only possible when both run at once.
		final CountDownLatch oneDone = new CountDownLatch(1);
		final List<Integer> order = new ArrayList<>();
		final List<String> threads = Collections.synchronizedList(new ArrayList<>());
		ImageWorkers.run(5, 2, (i, lane) -> {
			threads.add(Thread.currentThread().getName());
			if (i == 0) await(oneDone);
			if (i == 1) oneDone.countDown();
			return i * 10;
		}, (i, result) -> {
			assertEquals(i * 10, result);
			order.add(i);
		});
		assertEquals(List.of(0, 1, 2, 3, 4), order);
		assertTrue(threads.stream().allMatch(t -> t.startsWith("animegan-worker-")), threads
			.toString());
	}

	@Test
	void oneWorkerIsAPlainLoopOnTheCallersThread() throws AnimeGanException {
		final Thread caller = Thread.currentThread();
		final List<Integer> order = new ArrayList<>();
		ImageWorkers.run(3, 1, (i, lane) -> {
			assertSame(caller, Thread.currentThread());
			return i;
		}, (i, result) -> order.add(result));
		assertEquals(List.of(0, 1, 2), order);
	}

	@Test
	void aFailureComesAfterTheResultsBeforeItAndStopsWhatHasNotStarted() {
		final List<Integer> delivered = new ArrayList<>();
		final AtomicInteger started = new AtomicInteger();
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> ImageWorkers.run(50,
			2, (i, lane) -> {
				started.incrementAndGet();
				if (i == 2) throw new AnimeGanException("image 2 failed.");
				if (i > 2) sleep(20);
				return i;
			}, (i, result) -> delivered.add(result)));
		assertEquals("image 2 failed.", e.getMessage());
		assertEquals(List.of(0, 1), delivered);
		assertTrue(started.get() < 50, "the rest never started: " + started.get());
	}

	@Test
	void anImageTooLargeForAllWorkersRunsAlone() throws AnimeGanException {
		final long huge = (long) (Runtime.getRuntime().maxMemory() * 0.6);
		final AtomicInteger running = new AtomicInteger();
		final AtomicInteger most = new AtomicInteger();
		final List<Long> planned = Collections.synchronizedList(new ArrayList<>());
		ImageWorkers.run(4, 2, (i, lane) -> {
			// Images 0 and 2 are too large for two at once, 1 and 3 small.
			planned.add(lane.heapFor(i % 2 == 0 ? huge : 1000));
			final int now = running.incrementAndGet();
			if (i % 2 == 0) most.accumulateAndGet(now, Math::max);
			sleep(30);
			running.decrementAndGet();
			return i;
		}, (i, r) -> {});
		assertEquals(1, most.get(), "nothing ran beside a large image");
		assertEquals(2, planned.stream().filter(p -> p == huge).count(), "planned for itself alone");
		assertEquals(2, planned.stream().filter(p -> p == 2000).count(), "planned for both workers");
	}

	@Test
	void anImageTooLargeForOnnxRuntimeTwiceRunsAlone() throws AnimeGanException {
		final List<Long> planned = Collections.synchronizedList(new ArrayList<>());
		ImageWorkers.run(2, 2, (i, lane) -> {
			planned.add(lane.heapFor(1000, i == 0 ? Long.MAX_VALUE / 4 : 1000));
			return i;
		}, (i, r) -> {});
		assertTrue(planned.contains(1000L), "image 0 planned for itself alone: " + planned);
		assertTrue(planned.contains(2000L), "image 1 for both workers: " + planned);
	}

	private static void await(final CountDownLatch latch) throws AnimeGanException {
		try {
			if (!latch.await(20, TimeUnit.SECONDS)) throw new AnimeGanException("never ran at once.");
		}
		catch (final InterruptedException e) {
			throw new AnimeGanException("interrupted.");
		}
	}

	private static void sleep(final long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
