package org.animegan.fiji.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.model.catalog.CatalogEntry;
import org.animegan.fiji.model.download.Checksums;
import org.animegan.fiji.model.pt.PtConverter;

/**
 * What the Models window lists and does, headless: each catalog model and each other model file in
 * the models folder, with whether it is cached, and the two cache actions (download, delete). Only
 * downloads are deleted; a user's own files are left alone.
 */
public final class ModelShelf {

	/** One model as the window shows it. */
	public static final class Row {

		/** The catalog id, or null for a file of the models folder that is not in the catalog. */
		public final String id;
		public final String name, family, goodFor, licence, address;
		public final boolean cached;
		/** Bytes on disk when cached, else the catalog's download size; -1 if not known. */
		public final long bytes;
		/** Where the model is or will be in the models folder. */
		public final Path file;

		Row(final String id, final String name, final String family, final String goodFor,
			final String licence, final String address, final boolean cached, final long bytes,
			final Path file)
		{
			this.id = id;
			this.name = name;
			this.family = family;
			this.goodFor = goodFor;
			this.licence = licence;
			this.address = address;
			this.cached = cached;
			this.bytes = bytes;
			this.file = file;
		}
	}

	private final ModelLibrary library;
	private final ModelLocator locator;

	public ModelShelf(final ModelLibrary library, final ModelLocator locator) {
		this.library = library;
		this.locator = locator;
	}

	/** The catalog's models in catalog order, then the folder's other .onnx files by name. */
	public List<Row> rows() {
		final List<Row> rows = new ArrayList<>();
		final List<String> catalogFiles = new ArrayList<>();
		for (final CatalogEntry e : library.catalog().entries()) {
			final Path file = locator.folder().resolve(e.file());
			catalogFiles.add(PtConverter.onnxFor(file).getFileName().toString());
			final boolean cached = Files.isRegularFile(file);
			final String url = e.urls().isEmpty() ? "" : e.urls().get(0);
			rows.add(new Row(e.id(), e.name(), e.family(), e.goodFor() == null ? "" : e.goodFor(), e
				.licence(), e.verified() ? url : ModelMessages.notVerified(url), cached, cached ? size(file)
					: e.size() == null ? -1 : e.size(), file));
		}
		for (final String name : locator.available()) {
			final Path file = locator.folder().resolve(name + ".onnx");
			if (catalogFiles.contains(file.getFileName().toString())) continue; // converted from a .pt
			rows.add(new Row(null, name, ModelMessages.FAMILY_FROM_GRAPH, "", ModelMessages.OWN_LICENCE,
				"", true, size(file), file));
		}
		return rows;
	}

	/** Downloads (and checks, and converts) a catalog model; a cached one is only checked. */
	public Path download(final Row row, final Progress progress) throws AnimeGanException {
		if (row.id == null) return row.file;
		return library.resolve(row.id, null, progress).file();
	}

	/**
	 * Deletes a downloaded catalog model: its file, the ONNX converted from it and their checksum
	 * records.
	 *
	 * @return the files deleted
	 */
	public List<Path> delete(final Row row) throws AnimeGanException {
		if (row.id == null) throw new AnimeGanException(ModelMessages.ownFileNotDeleted(row.file));
		if (!Files.isRegularFile(row.file)) throw new AnimeGanException(ModelMessages.notInCache(
			row.name));
		final List<Path> candidates = new ArrayList<>(List.of(row.file, Checksums.sidecar(row.file)));
		if (PtConverter.isCheckpoint(row.file)) {
			final Path onnx = PtConverter.onnxFor(row.file);
			candidates.add(onnx);
			candidates.add(Checksums.sidecar(onnx));
		}
		final List<Path> deleted = new ArrayList<>();
		for (final Path p : candidates) {
			try {
				if (Files.deleteIfExists(p)) deleted.add(p);
			}
			catch (final IOException e) {
				throw new AnimeGanException(ModelMessages.cannotDelete(p, e.toString()), e);
			}
		}
		return deleted;
	}

	private static long size(final Path file) {
		try {
			return Files.size(file);
		}
		catch (final IOException e) {
			return -1;
		}
	}
}
