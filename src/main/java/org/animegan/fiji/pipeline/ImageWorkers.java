package org.animegan.fiji.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.engine.Sessions;
import org.animegan.fiji.stylize.MemoryBudget;

/**
 * Several images (files, or batches of a stack's planes) stylized at once, each run on its share of
 * the threads of one shared session ({@link RuntimeOptions#intraOpThreads}): on the CPU, two images
 * on one thread each finish sooner than the same two one after the other on two threads
 * (docs/performance.md). Results reach the caller in the images' order, on the caller's thread, as
 * a plain loop would give them; with one worker it is that loop.
 */
public final class ImageWorkers {

	/** One image's work; on a worker thread, or the caller's with one worker. */
	@FunctionalInterface
	public interface Task<T> {

		T run(int index, Lane lane) throws AnimeGanException;
	}

	/** Takes each result, in index order, on the caller's thread. */
	@FunctionalInterface
	public interface Done<T> {

		void accept(int index, T result) throws AnimeGanException;
	}

	/**
	 * A task's share of the Java heap. While others run beside it, a task plans its heap for all
	 * workers at once; an image too large for that waits until it runs alone.
	 */
	public static final class Lane {

		private final Semaphore permits;
		private final int workers;
		private int held;

		private Lane(final Semaphore permits, final int workers) {
			this.permits = permits;
			this.workers = workers;
		}

		/**
		 * The heap to check for an image that needs {@code need} bytes of it alone: {@code need} times
		 * the workers, or, where that would not fit, {@code need} once this task runs alone (it waits
		 * for the others to finish, and keeps the others waiting until it is done).
		 */
		public long heapFor(final long need) {
			return heapFor(need, 0);
		}

		/**
		 * The same for an image that also needs {@code nativeBytes} of ONNX Runtime's memory at once:
		 * it runs alone, too, where that many for every worker would not fit the system's memory.
		 */
		public long heapFor(final long need, final long nativeBytes) {
			if (held >= workers) return need;
			final long all = times(need, workers);
			if (all <= MemoryBudget.freeHeapFor(all) && MemoryBudget.nativeFits(times(nativeBytes,
				workers))) return all;
			permits.release(held);
			permits.acquireUninterruptibly(workers);
			held = workers;
			return need;
		}

		private static long times(final long bytes, final int n) {
			return bytes > Long.MAX_VALUE / n ? Long.MAX_VALUE : bytes * n;
		}

		/** A lane that never waits: the only one. */
		public static Lane alone() {
			final Lane lane = new Lane(new Semaphore(1), 1);
			lane.held = 1;
			return lane;
		}

		private void enter() {
			permits.acquireUninterruptibly();
			held = 1;
		}

		private void leave() {
			permits.release(held);
			held = 0;
		}
	}

	private ImageWorkers() {}

	/**
	 * How many of {@code images} images to stylize at once with these settings: one per thread, up
	 * to the images; 1 with one thread, in the low-memory mode (which keeps one run's memory), or where
	 * the model may run on a GPU.
	 */
	public static int count(final Settings settings, final int images) {
		final RuntimeOptions runtime = settings.runtime();
		if (images < 2 || runtime.threads() < 2 || runtime.memory() != RuntimeOptions.MemoryMode.FAST ||
			Sessions.mayUseGpu(runtime)) return 1;
		return Math.min(runtime.threads(), images);
	}

	/**
	 * Runs tasks {@code 0 .. n - 1} on {@code workers} threads, started in order, and hands each
	 * result to {@code done} in order. The first failure (of a task, or of {@code done}) is thrown
	 * once the results before it were handed on; tasks not yet started then do not start, and those
	 * running are waited for.
	 */
	public static <T> void run(final int n, final int workers, final Task<T> task,
		final Done<T> done) throws AnimeGanException
	{
		if (workers <= 1 || n <= 1) {
			for (int i = 0; i < n; i++)
				done.accept(i, task.run(i, Lane.alone()));
			return;
		}
		final int w = Math.min(workers, n);
		final Semaphore permits = new Semaphore(w, true);
		final AtomicBoolean stop = new AtomicBoolean();
		final AtomicInteger names = new AtomicInteger();
		final ExecutorService pool = Executors.newFixedThreadPool(w, r -> {
			final Thread t = new Thread(r, "animegan-worker-" + names.incrementAndGet());
			t.setDaemon(true); // never keeps a closing JVM alive
			return t;
		});
		try {
			final List<Future<T>> futures = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				final int index = i;
				futures.add(pool.submit(() -> {
					if (stop.get()) return null;
					final Lane lane = new Lane(permits, w);
					lane.enter();
					try {
						return task.run(index, lane);
					}
					finally {
						lane.leave();
					}
				}));
			}
			for (int i = 0; i < n; i++)
				done.accept(i, result(futures.get(i)));
		}
		finally {
			stop.set(true);
			pool.shutdown();
			awaitQuietly(pool);
		}
	}

	private static <T> T result(final Future<T> future) throws AnimeGanException {
		try {
			return getUninterruptibly(future);
		}
		catch (final ExecutionException e) {
			final Throwable cause = e.getCause();
			if (cause instanceof AnimeGanException) throw (AnimeGanException) cause;
			if (cause instanceof RuntimeException) throw (RuntimeException) cause;
			if (cause instanceof Error) throw (Error) cause;
			throw new IllegalStateException(cause);
		}
	}

	private static <T> T getUninterruptibly(final Future<T> future) throws ExecutionException {
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return future.get();
				}
				catch (final InterruptedException e) {
					interrupted = true;
				}
			}
		}
		finally {
			if (interrupted) Thread.currentThread().interrupt();
		}
	}

	/** Running tasks finish (they check for a cancel between tiles); none is left writing after us. */
	private static void awaitQuietly(final ExecutorService pool) {
		boolean interrupted = false;
		while (true) {
			try {
				if (pool.awaitTermination(1, TimeUnit.MINUTES)) break;
			}
			catch (final InterruptedException e) {
				interrupted = true;
			}
		}
		if (interrupted) Thread.currentThread().interrupt();
	}
}
