package org.animegan.fiji.model;

import ij.IJ;
import ij.Menus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.animegan.fiji.api.AnimeGanException;

/**
 * Finds model files: the {@code model} parameter is either a path to an .onnx file or the name of a
 * model in the models folder.
 */
public final class ModelLocator {

	public static final String ENV = "ANIMEGAN_MODELS";
	public static final String PROPERTY = "animegan.models";

	private final Path folder;

	public ModelLocator(final Path folder) {
		this.folder = folder;
	}

	/** The locator for the folder chosen by {@link #defaultFolder()}. */
	public static ModelLocator standard() {
		return new ModelLocator(defaultFolder());
	}

	/**
	 * The models folder: the system property {@value #PROPERTY}, else the environment variable
	 * {@value #ENV}, else {@code <ImageJ dir>/models/animegan} inside ImageJ, else a per-user cache.
	 */
	public static Path defaultFolder() {
		final String prop = System.getProperty(PROPERTY);
		if (prop != null && !prop.isBlank()) return Paths.get(prop);
		final String env = System.getenv(ENV);
		if (env != null && !env.isBlank()) return Paths.get(env);
		final String ijDir = imageJDir();
		if (ijDir != null) return Paths.get(ijDir, "models", "animegan");
		return userCache();
	}

	/** ImageJ's folder when running inside ImageJ or Fiji; null from the command line. */
	private static String imageJDir() {
		final String fiji = System.getProperty("imagej.dir");
		if (fiji != null) return fiji;
		final String ij = System.getProperty("ij.dir");
		if (ij != null) return ij;
		// Inside ImageJ 1.x (also in -batch mode, which has no window) its menus know the plugins folder.
		if (IJ.getInstance() != null || Menus.getPlugInsPath() != null) return IJ.getDirectory(
			"imagej");
		return null;
	}

	static Path userCache() {
		final String xdg = System.getenv("XDG_CACHE_HOME");
		final String home = System.getProperty("user.home");
		final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		if (os.contains("win")) {
			final String local = System.getenv("LOCALAPPDATA");
			if (local != null) return Paths.get(local, "animegan", "models");
		}
		else if (os.contains("mac")) {
			return Paths.get(home, "Library", "Caches", "animegan", "models");
		}
		if (xdg != null && !xdg.isBlank()) return Paths.get(xdg, "animegan", "models");
		return Paths.get(home, ".cache", "animegan", "models");
	}

	public Path folder() {
		return folder;
	}

	/** The file for a model parameter: an existing path, or a name (with or without .onnx). */
	public Path resolve(final String model) throws AnimeGanException {
		if (model == null || model.isBlank()) throw new AnimeGanException(ModelMessages.noModel(folder));
		final String m = model.trim();
		final Path direct = Paths.get(m);
		if (Files.isRegularFile(direct)) return direct.toAbsolutePath();
		if (!direct.isAbsolute()) {
			for (final String candidate : new String[] { m, m + ".onnx" }) {
				final Path p = folder.resolve(candidate);
				if (Files.isRegularFile(p)) return p;
			}
		}
		throw new AnimeGanException(ModelMessages.modelNotFound(m, folder));
	}

	/** Names of the .onnx models in the folder, for the dialog. */
	public List<String> available() {
		final List<String> names = new ArrayList<>();
		if (!Files.isDirectory(folder)) return names;
		try (Stream<Path> files = Files.list(folder)) {
			files.map(p -> p.getFileName().toString()).filter(n -> n.toLowerCase(Locale.ROOT).endsWith(
				".onnx")).sorted().forEach(n -> names.add(n.substring(0, n.length() - 5)));
		}
		catch (final IOException e) {
			// An unreadable folder simply offers no names; resolve() reports the real problem.
		}
		return names;
	}
}
