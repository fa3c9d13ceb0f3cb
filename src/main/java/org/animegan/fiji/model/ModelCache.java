package org.animegan.fiji.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.core.Messages;

/**
 * Keeps generators open across calls, so a macro looping over 500 images loads the model once. A
 * file that changed on disk is reloaded. Closing the cache closes every session it opened.
 */
public final class ModelCache implements AutoCloseable {

	private final Map<Key, Generator> open = new LinkedHashMap<>();
	/**
	 * Generators replaced by a reload. Another thread (a second macro, a stack still running) may be
	 * in the middle of using one, and the cache cannot know when it is done, so they are closed with
	 * the cache rather than at once. That keeps a session per change of the file: rare (a model
	 * edited while Fiji runs), and cheaper than making every caller release what it got.
	 */
	private final List<Generator> superseded = new ArrayList<>();
	private boolean closed;
	private int loads;

	/** The open generator for this file and thread count, loading it on first use. */
	public synchronized Generator get(final Path file, final int threads)
		throws AnimeGanException
	{
		return get(file, threads, 0);
	}

	/** As {@link #get(Path, int)}, with a stride override (0: the graph's own). */
	public synchronized Generator get(final Path file, final int threads, final int stride)
		throws AnimeGanException
	{
		if (closed) throw new IllegalStateException("Model cache is closed");
		final Key key = Key.of(file, threads, stride);
		final Generator cached = open.get(key);
		if (cached != null) return cached;
		// A stale entry for the same file (changed on disk) is replaced, but not closed: see superseded.
		open.entrySet().removeIf(e -> {
			if (e.getKey().path.equals(key.path) && e.getKey().threads == threads && e
				.getKey().stride == stride)
			{
				superseded.add(e.getValue());
				return true;
			}
			return false;
		});
		final Generator g = Generator.open(file, threads, stride);
		loads++;
		open.put(key, g);
		return g;
	}

	/** Generators in use for new calls (superseded ones not counted). */
	public synchronized int size() {
		return open.size();
	}

	/** Generators replaced by a reload and still open until {@link #close()}. */
	public synchronized int superseded() {
		return superseded.size();
	}

	/** How many times a model file was opened, over the cache's life (a loop should open it once). */
	public synchronized int loads() {
		return loads;
	}

	@Override
	public synchronized void close() {
		closed = true;
		final List<Generator> all = new ArrayList<>(open.values());
		all.addAll(superseded);
		open.clear();
		superseded.clear();
		for (final Generator g : all)
			g.close();
	}

	private static final class Key {

		final Path path;
		final long modified;
		final long size;
		final int threads;
		final int stride;

		private Key(final Path path, final long modified, final long size, final int threads,
			final int stride)
		{
			this.path = path;
			this.modified = modified;
			this.size = size;
			this.threads = threads;
			this.stride = stride;
		}

		static Key of(final Path file, final int threads, final int stride)
			throws AnimeGanException
		{
			try {
				final Path real = file.toRealPath();
				return new Key(real, Files.getLastModifiedTime(real).toMillis(), Files.size(real),
					threads, stride);
			}
			catch (final IOException e) {
				throw new AnimeGanException(Messages.cannotLoadModel(file, "cannot read the file"), e);
			}
		}

		@Override
		public boolean equals(final Object o) {
			if (!(o instanceof Key)) return false;
			final Key k = (Key) o;
			return path.equals(k.path) && modified == k.modified && size == k.size &&
				threads == k.threads && stride == k.stride;
		}

		@Override
		public int hashCode() {
			return Objects.hash(path, modified, size, threads, stride);
		}
	}
}
