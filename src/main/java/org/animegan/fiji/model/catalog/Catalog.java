package org.animegan.fiji.model.catalog;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.model.download.FileNames;

/**
 * The published AnimeGAN generators the plugin knows by name: {@code models/catalog.json}, packaged
 * in the jar as {@value #RESOURCE}.
 */
public final class Catalog {

	public static final String RESOURCE = "/org/animegan/fiji/model/catalog/catalog.json";

	private static Catalog standard;

	private List<CatalogEntry> models;

	/** The catalog shipped in the jar (read once). */
	public static synchronized Catalog standard() throws AnimeGanException {
		if (standard == null) {
			try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
				if (in == null) throw new AnimeGanException(CatalogMessages.catalogUnreadable(RESOURCE +
					" is missing"));
				standard = read(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
			catch (final IOException e) {
				throw new AnimeGanException(CatalogMessages.catalogUnreadable(e.toString()), e);
			}
		}
		return standard;
	}

	/** The standard catalog, or an empty one if it cannot be read (the dialog still works then). */
	public static Catalog standardOrEmpty() {
		try {
			return standard();
		}
		catch (final AnimeGanException e) {
			final Catalog c = new Catalog();
			c.models = new ArrayList<>();
			return c;
		}
	}

	public static Catalog read(final Reader json) throws AnimeGanException {
		final Gson gson = new GsonBuilder().setFieldNamingPolicy(
			FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES).create();
		try {
			final Catalog c = gson.fromJson(json, Catalog.class);
			if (c == null || c.models == null) throw new AnimeGanException(CatalogMessages.catalogUnreadable(
				"no models"));
			for (final CatalogEntry e : c.models) {
				if (e.id() == null || e.name() == null || e.file() == null) {
					throw new AnimeGanException(CatalogMessages.catalogUnreadable("an entry lacks id, name or file"));
				}
				// The file name is joined to the models folder: it must stay inside it.
				if (!FileNames.isPlain(e.file()) || !hex(e.sha256(), 64) || !hex(e.gitBlob(), 40) || e
					.size() != null && e.size() <= 0) throw new AnimeGanException(CatalogMessages.catalogUnreadable(
						"the entry " + e.id() + " has a bad file name, size or checksum"));
			}
			return c;
		}
		catch (final JsonParseException e) {
			throw new AnimeGanException(CatalogMessages.catalogUnreadable(e.getMessage()), e);
		}
	}

	private static boolean hex(final String s, final int length) {
		return s == null || s.length() == length && s.chars().allMatch(ch -> ch >= '0' && ch <= '9' ||
			ch >= 'a' && ch <= 'f');
	}

	public List<CatalogEntry> entries() {
		return Collections.unmodifiableList(models);
	}

	/** The entry whose id or display name is {@code model} (case-insensitive). */
	public Optional<CatalogEntry> find(final String model) {
		if (model == null) return Optional.empty();
		final String m = model.trim().toLowerCase(Locale.ROOT);
		for (final CatalogEntry e : models)
			if (e.id().toLowerCase(Locale.ROOT).equals(m) || e.name().toLowerCase(Locale.ROOT).equals(
				m)) return Optional.of(e);
		return Optional.empty();
	}

	/** Display names, in catalog order, for the dialog. */
	public List<String> names() {
		final List<String> names = new ArrayList<>();
		for (final CatalogEntry e : models)
			names.add(e.name());
		return names;
	}
}
