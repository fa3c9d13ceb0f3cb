package org.animegan.fiji.style;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.StyleOptions;

/**
 * The LUT of a run, read and checked once before any image is stylized, then handed down to every
 * plane. Kept while the file's path, size and modification time stay the same, so that a batch of
 * images (the command line, a macro loop on one tool) reads it once; a changed file is read again.
 */
public final class LutCache {

	private Object key;
	private CubeLut lut;

	/**
	 * The LUT the options ask for, or null when {@code color_shift} is not {@code lut}.
	 *
	 * @throws AnimeGanException if no file is given or the file is not a valid LUT
	 */
	public synchronized CubeLut forOptions(final StyleOptions options) throws AnimeGanException {
		if (options.colorShift() != StyleOptions.ColorShift.LUT) return null;
		final Path file = options.lutFile();
		if (file == null) throw new AnimeGanException(StyleMessages.noLutFile());
		final Object now = key(file);
		if (now == null || !now.equals(key)) {
			lut = CubeLut.read(file);
			key = now;
		}
		return lut;
	}

	/** Path, size and time of the file; null if it cannot be read (then it is never reused). */
	private static Object key(final Path file) {
		try {
			final BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
			return List.of(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime());
		}
		catch (final IOException | RuntimeException e) {
			return null;
		}
	}
}
