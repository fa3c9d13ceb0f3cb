package org.animegan.fiji.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a run must never write over: its inputs and the results it has written so far. Known
 * by real path (links resolved) and by file identity (device and inode where the system has them),
 * so that neither a symbolic link (an output folder, a file named like the result) nor a hard link
 * reaches one of them under another name. Safe to share among files stylized at once.
 */
public final class NoOverwrite {

	private final Set<Object> identities = new HashSet<>();

	public synchronized void add(final Path file) {
		identities.addAll(identitiesOf(file));
	}

	/** True if writing {@code target} would replace or write through one of the files added. */
	public synchronized boolean protects(final Path target) {
		for (final Object id : identitiesOf(target))
			if (identities.contains(id)) return true;
		return false;
	}

	/**
	 * The real path of an existing file (and its file key); for one that does not exist yet, its
	 * folder's real path with its name, or the absolute normalized path if the folder is missing.
	 */
	public static List<Object> identitiesOf(final Path file) {
		final List<Object> ids = new ArrayList<>(2);
		final Path abs = file.toAbsolutePath().normalize();
		try {
			ids.add(abs.toRealPath());
			final Object key = Files.readAttributes(abs, BasicFileAttributes.class).fileKey();
			if (key != null) ids.add(key);
			return ids;
		}
		catch (final IOException e) {
			// not there (yet), or a dangling link, which is replaced, not followed, by the move
		}
		final Path parent = abs.getParent();
		try {
			ids.add(parent == null ? abs : parent.toRealPath().resolve(abs.getFileName()));
		}
		catch (final IOException e) {
			ids.add(abs);
		}
		return ids;
	}
}
