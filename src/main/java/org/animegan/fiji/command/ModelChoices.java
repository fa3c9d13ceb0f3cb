package org.animegan.fiji.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.catalog.CatalogEntry;

/** What the dialog offers for {@code model}, and the licence line shown for each. */
final class ModelChoices {

	private final Catalog catalog;
	private final ModelLocator folder;

	ModelChoices(final Catalog catalog, final ModelLocator folder) {
		this.catalog = catalog;
		this.folder = folder;
	}

	static ModelChoices standard() {
		return new ModelChoices(Catalog.standardOrEmpty(), ModelLocator.standard());
	}

	/**
	 * The catalog's display names, the other models in the models folder (a catalog model converted
	 * or downloaded there is listed once, by its catalog name), then "Custom file...".
	 */
	List<String> names() {
		final List<String> names = new ArrayList<>(catalog.names());
		for (final String name : folder.available())
			if (catalog.find(name).isEmpty() && catalog.entries().stream().noneMatch(e -> stem(e
				.file()).equals(name))) names.add(name);
		names.add(ModelMessages.CUSTOM_FILE);
		return names;
	}

	private static String stem(final String file) {
		final int dot = file.lastIndexOf('.');
		return dot > 0 ? file.substring(0, dot) : file;
	}

	/** The licence line of a catalog model; empty for other models. */
	String licenceOf(final String model) {
		final Optional<CatalogEntry> e = catalog.find(model);
		return e.isPresent() ? CommandMessages.licenceLine(e.get().name(), e.get().licence(), e.get()
			.verified()) : "";
	}
}
