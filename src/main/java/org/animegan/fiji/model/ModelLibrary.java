package org.animegan.fiji.model;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Optional;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.catalog.CatalogEntry;
import org.animegan.fiji.model.download.Checksums;
import org.animegan.fiji.model.download.DownloadMessages;
import org.animegan.fiji.model.download.Downloader;
import org.animegan.fiji.model.download.Expected;
import org.animegan.fiji.model.download.FileNames;
import org.animegan.fiji.model.pt.PtConverter;

/**
 * Turns the {@code model} parameter into an ONNX file ready to load. It accepts, in this order: an
 * http(s) URL of an .onnx or .pt file (cached in the models folder), a path to an existing file, a
 * catalog id or display name (downloaded on first use), or the name of a file in the models folder.
 * A .pt checkpoint is converted to .onnx next to it. The network is used only when the file is not
 * there yet.
 */
public final class ModelLibrary {

	private final ModelLocator locator;
	private final Catalog catalog;
	private final Downloader downloader;

	public ModelLibrary(final ModelLocator locator, final Catalog catalog,
		final Downloader downloader)
	{
		this.locator = locator;
		this.catalog = catalog;
		this.downloader = downloader;
	}

	/** The standard catalog and downloader over a locator's folder. */
	public static ModelLibrary of(final ModelLocator locator) {
		return new ModelLibrary(locator, Catalog.standardOrEmpty(), new Downloader());
	}

	/**
	 * A model ready to load: its ONNX file, its family where known (a catalog entry, a converted .pt)
	 * and a stride override (0: the family's).
	 */
	public static final class Resolved {

		private final Path file;
		private final ModelFamily family;
		private final int stride;
		private final CatalogEntry entry;

		Resolved(final Path file, final ModelFamily family, final int stride,
			final CatalogEntry entry)
		{
			this.file = file;
			this.family = family;
			this.stride = stride;
			this.entry = entry;
		}

		/** The family, unless it must be guessed from the graph. */
		public Optional<ModelFamily> family() {
			return Optional.ofNullable(family);
		}

		public Path file() {
			return file;
		}

		public int stride() {
			return stride;
		}

		/** The catalog entry, if the model was chosen by name. */
		public Optional<CatalogEntry> entry() {
			return Optional.ofNullable(entry);
		}
	}

	public Catalog catalog() {
		return catalog;
	}

	/**
	 * Resolves {@code model}; {@code modelFile} is used when model is {@link Messages#CUSTOM_FILE}.
	 */
	public Resolved resolve(final String model, final String modelFile, final Progress progress)
		throws AnimeGanException
	{
		String m = model == null ? "" : model.trim();
		if (m.equals(ModelMessages.CUSTOM_FILE)) {
			if (modelFile == null || modelFile.isBlank()) throw new AnimeGanException(ModelMessages
				.customFileMissing());
			m = modelFile.trim();
		}
		if (m.isEmpty()) throw new AnimeGanException(ModelMessages.noModel(locator.folder()));
		if (isUrl(m)) return ready(fromUrl(m, progress), null, progress);
		final Path direct = asPath(m);
		if (direct != null && Files.isRegularFile(direct)) return ready(direct.toAbsolutePath(), null,
			progress);
		final Optional<CatalogEntry> entry = catalog.find(m);
		if (entry.isPresent()) return ready(fromCatalog(entry.get(), progress), entry.get(),
			progress);
		if (direct != null && !direct.isAbsolute()) {
			for (final String ext : new String[] { ".pt", ".pth" }) {
				final Path pt = locator.folder().resolve(m + ext);
				if (Files.isRegularFile(pt) && !Files.isRegularFile(locator.folder().resolve(m +
					".onnx"))) return ready(pt, null, progress);
			}
		}
		return ready(locator.resolve(m), null, progress);
	}

	/** Every model file is checked against its download record (and pin) each time it is used. */
	private Resolved ready(final Path file, final CatalogEntry entry, final Progress progress)
		throws AnimeGanException
	{
		Checksums.verifyCached(file, entry == null ? Expected.NOTHING : expected(entry));
		final boolean pt = PtConverter.isCheckpoint(file);
		final Path onnx = pt ? PtConverter.ensureOnnx(file, progress) : file;
		// A catalog family the code does not know is guessed like an unknown file.
		ModelFamily family = entry == null ? null : ModelFamily.byId(entry.family()).orElse(null);
		if (family == null && pt) family = ModelFamily.ANIMEGAN2_PT; // the only convertible family
		return new Resolved(onnx, family, entry == null ? 0 : entry.stride(), entry);
	}

	/** The catalog model's file in the models folder, downloaded first if it is not there. */
	Path fromCatalog(final CatalogEntry e, final Progress progress) throws AnimeGanException {
		final Path target = locator.folder().resolve(e.file());
		if (Files.isRegularFile(target)) return target;
		if (e.urls().isEmpty()) throw new AnimeGanException(ModelMessages.modelNotFound(e.file(), locator
			.folder()));
		AnimeGanException last = null;
		for (final String url : e.urls()) {
			if (!e.verified()) progress.log(ModelMessages.unverifiedSource(e.name(), url));
			progress.log(ModelMessages.downloading(e.name(), url, target));
			try {
				downloader.downloadOnce(url, target, expected(e), e.name(), progress);
				return target;
			}
			catch (final CancelledException c) {
				throw c;
			}
			catch (final AnimeGanException x) {
				last = x;
			}
		}
		throw last;
	}

	private static Expected expected(final CatalogEntry e) {
		return new Expected(e.size(), e.sha256(), e.gitBlob());
	}

	/**
	 * A helper model that is not a generator (the face detector): its file in the models folder,
	 * downloaded first if it is not there, and checked against {@code expected} each time.
	 */
	public Path auxiliary(final String name, final String fileName, final String url,
		final Expected expected, final Progress progress) throws AnimeGanException
	{
		final Path target = locator.folder().resolve(fileName);
		if (!Files.isRegularFile(target)) {
			progress.log(ModelMessages.downloading(name, url, target));
			downloader.downloadOnce(url, target, expected, name, progress);
		}
		Checksums.verifyCached(target, expected);
		return target;
	}

	/** A URL's file in the models folder, downloaded first if it is not there. */
	Path fromUrl(final String url, final Progress progress) throws AnimeGanException {
		final Path target = cacheFor(url);
		if (Files.isRegularFile(target)) return target;
		progress.log(ModelMessages.downloading(target.getFileName().toString(), url, target));
		downloader.downloadOnce(url, target, Expected.NOTHING, target.getFileName().toString(), progress);
		return target;
	}

	/**
	 * Where a URL's file is cached: {@code <models>/downloads/<12 hex of the URL's SHA-256>/<name>},
	 * so two URLs ending in the same file name do not collide.
	 */
	public Path cacheFor(final String url) throws AnimeGanException {
		final String name = FileNames.lastSegment(url);
		if (name == null) throw new AnimeGanException(DownloadMessages.unsafeName(url));
		final String lower = name.toLowerCase(Locale.ROOT);
		if (!(lower.endsWith(".onnx") || lower.endsWith(".pt") || lower.endsWith(".pth")) || name
			.startsWith(".")) throw new AnimeGanException(ModelMessages.modelNotFound(url, locator.folder()));
		final String hash = Checksums.hex(Checksums.sha256().digest(url.getBytes(
			StandardCharsets.UTF_8))).substring(0, 12);
		return locator.folder().resolve("downloads").resolve(hash).resolve(name);
	}

	static boolean isUrl(final String m) {
		final String l = m.toLowerCase(Locale.ROOT);
		return l.startsWith("http://") || l.startsWith("https://");
	}

	private static Path asPath(final String m) {
		try {
			return Paths.get(m);
		}
		catch (final InvalidPathException e) {
			return null;
		}
	}
}
