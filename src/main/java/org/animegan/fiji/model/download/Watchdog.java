package org.animegan.fiji.model.download;

import java.io.IOException;
import java.nio.file.Path;

import org.animegan.fiji.api.AnimeGanException;

/**
 * Stops a download that stalls or runs past its deadline by aborting it from another thread: a read
 * timeout alone never trips while a server trickles a byte now and then, and does not bound the
 * whole download.
 */
final class Watchdog implements AutoCloseable {

	/** One blocking step of a download. */
	interface Step<T> {

		T run() throws IOException, AnimeGanException;
	}

	private final String url;
	private final Path target;
	private final long windowMs;
	private final long deadlineMs;
	private final long start = System.nanoTime();
	private final Thread thread;
	private volatile Runnable abort;
	private volatile long received;
	/** Why the download was stopped, or null. */
	private volatile String stopped;
	private volatile boolean closed;

	Watchdog(final String url, final Path target, final long windowMs, final long deadlineMs) {
		this.url = url;
		this.target = target;
		this.windowMs = windowMs;
		this.deadlineMs = deadlineMs;
		thread = new Thread(this::watch, "AnimeGAN download watchdog");
		thread.setDaemon(true);
		thread.start();
	}

	/** What ends the current step (a pending request, a body stream) when the download must stop. */
	void watch(final Runnable a) {
		abort = a;
		if (stopped != null) a.run();
	}

	void received(final int bytes) {
		received += bytes; // only the downloading thread writes
	}

	/** Runs a step; if the watchdog stopped the download meanwhile, says why instead. */
	<T> T check(final Step<T> step) throws IOException, AnimeGanException {
		final T result;
		try {
			result = step.run();
		}
		catch (final IOException | AnimeGanException e) {
			if (stopped != null) throw new AnimeGanException(stopped, e);
			throw e;
		}
		if (stopped != null) throw new AnimeGanException(stopped);
		return result;
	}

	private void watch() {
		long windowStart = start;
		long windowBytes = 0;
		final long tick = Math.max(10, Math.min(250, windowMs / 4));
		while (!closed) {
			try {
				Thread.sleep(tick);
			}
			catch (final InterruptedException e) {
				return;
			}
			final long now = System.nanoTime();
			if (ms(now - start) >= deadlineMs) {
				stop(DownloadMessages.pastDeadline(deadlineMs));
				return;
			}
			if (ms(now - windowStart) >= windowMs) {
				final long got = received;
				if (got - windowBytes < Downloader.STALL_MIN_BYTES) {
					stop(DownloadMessages.stalled(Downloader.STALL_MIN_BYTES, windowMs));
					return;
				}
				windowStart = now;
				windowBytes = got;
			}
		}
	}

	private void stop(final String why) {
		if (closed) return;
		stopped = DownloadMessages.downloadFailed(url, target, why);
		final Runnable a = abort;
		if (a != null) a.run();
	}

	private static long ms(final long nanos) {
		return nanos / 1_000_000;
	}

	@Override
	public void close() {
		closed = true;
		thread.interrupt();
	}
}
