package org.animegan.fiji.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.engine.EngineMessages;
import org.animegan.fiji.model.precision.PrecisionCopies;

/**
 * Keeps models open across calls, so a macro looping over 500 images loads them once: generators,
 * and other sessions such as the face detector. A file that changed on disk is reloaded. Closing the
 * cache closes every session it opened.
 */
public final class ModelCache implements AutoCloseable {

	/** Opens a model file that is not a generator (e.g. the face detector). */
	@FunctionalInterface
	public interface Loader<T extends AutoCloseable> {

		T open(Path file, RuntimeOptions runtime) throws AnimeGanException;
	}

	private final Map<Key, AutoCloseable> open = new LinkedHashMap<>();
	/**
	 * Generators replaced by a reload. Another thread (a second macro, a stack still running) may be
	 * in the middle of using one, and the cache cannot know when it is done, so they are closed with
	 * the cache rather than at once. That keeps a session per change of the file: rare (a model
	 * edited while Fiji runs), and cheaper than making every caller release what it got.
	 */
	private final List<AutoCloseable> superseded = new ArrayList<>();
	private boolean closed;
	private int loads;

	/** The open generator for this file and thread count (default options), loaded on first use. */
	public Generator get(final Path file, final int threads) throws AnimeGanException {
		return get(file, RuntimeOptions.threads(threads), null, 0);
	}

	/**
	 * The open generator for this file and session options, loaded on first use, of a known family
	 * (null: guessed from the graph); {@code stride} overrides the family's (0 keeps it).
	 */
	public Generator get(final Path file, final RuntimeOptions runtime, final ModelFamily family,
		final int stride) throws AnimeGanException
	{
		// The precision picks the bytes: the file itself, or its int8/fp16 copy made next to it.
		return get("generator/" + family + "/" + stride, file, runtime, (f, r) -> Generator.open(
			PrecisionCopies.forRuntime(f, r), r, family, stride), Generator.class);
	}

	/** The generator of a resolved model (family and stride from its catalog entry, if any). */
	public Generator get(final ModelLibrary.Resolved model, final RuntimeOptions runtime)
		throws AnimeGanException
	{
		return get(model.file(), runtime, model.family().orElse(null), model.stride());
	}

	/** Another kind of model, opened by {@code loader} on first use and kept like a generator. */
	public <T extends AutoCloseable> T get(final Class<T> kind, final Path file,
		final RuntimeOptions runtime, final Loader<T> loader) throws AnimeGanException
	{
		return get(kind.getName(), file, runtime, loader, kind);
	}

	private synchronized <T extends AutoCloseable> T get(final String kind, final Path file,
		final RuntimeOptions runtime, final Loader<T> loader, final Class<T> type)
		throws AnimeGanException
	{
		if (closed) throw new IllegalStateException("Model cache is closed");
		final Key key = Key.of(kind, file, runtime);
		final AutoCloseable cached = open.get(key);
		if (cached != null) return type.cast(cached);
		// A stale entry for the same file (changed on disk) is replaced, but not closed: see superseded.
		open.entrySet().removeIf(e -> {
			if (e.getKey().sameModel(key)) {
				superseded.add(e.getValue());
				return true;
			}
			return false;
		});
		final T model = loader.open(file, runtime);
		loads++;
		open.put(key, model);
		return model;
	}

	/** Models in use for new calls (superseded ones not counted). */
	public synchronized int size() {
		return open.size();
	}

	/** Models replaced by a reload and still open until {@link #close()}. */
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
		final List<AutoCloseable> all = new ArrayList<>(open.values());
		all.addAll(superseded);
		open.clear();
		superseded.clear();
		for (final AutoCloseable m : all) {
			try {
				m.close();
			}
			catch (final Exception e) {
				// Closing at shutdown: nothing left to tell the user, and the rest must still close.
			}
		}
	}

	private static final class Key {

		final String kind;
		final Path path;
		final long modified;
		final long size;
		final RuntimeOptions runtime;

		private Key(final String kind, final Path path, final long modified, final long size,
			final RuntimeOptions runtime)
		{
			this.kind = kind;
			this.path = path;
			this.modified = modified;
			this.size = size;
			this.runtime = runtime;
		}

		static Key of(final String kind, final Path file, final RuntimeOptions runtime)
			throws AnimeGanException
		{
			try {
				final Path real = file.toRealPath();
				return new Key(kind, real, Files.getLastModifiedTime(real).toMillis(), Files.size(real),
					runtime);
			}
			catch (final IOException e) {
				throw new AnimeGanException(EngineMessages.cannotLoadModel(file, "cannot read the file"), e);
			}
		}

		/** The same model and use, whatever the file's state on disk. */
		boolean sameModel(final Key k) {
			return kind.equals(k.kind) && path.equals(k.path) && runtime.equals(k.runtime);
		}

		@Override
		public boolean equals(final Object o) {
			if (!(o instanceof Key)) return false;
			final Key k = (Key) o;
			return sameModel(k) && modified == k.modified && size == k.size;
		}

		@Override
		public int hashCode() {
			return Objects.hash(kind, path, modified, size, runtime);
		}
	}
}
