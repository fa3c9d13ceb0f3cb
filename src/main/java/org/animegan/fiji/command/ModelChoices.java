package org.animegan.fiji.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.catalog.CatalogEntry;

/** What the dialog offers for {@code model}, and the licence line shown for each. */
final class ModelChoices {

	private final Catalog catalog;

	ModelChoices(final Catalog catalog) {
		this.catalog = catalog;
	}

	static ModelChoices standard() {
		return new ModelChoices(Catalog.standardOrEmpty());
	}

	/** The catalog's display names, then "Custom file...". */
	List<String> names() {
		final List<String> names = new ArrayList<>(catalog.names());
		names.add(ModelMessages.CUSTOM_FILE);
		return names;
	}

	/** The licence line of a catalog model; empty for other models. */
	String licenceOf(final String model) {
		final Optional<CatalogEntry> e = catalog.find(model);
		return e.isPresent() ? CommandMessages.licenceLine(e.get().name(), e.get().licence(), e.get()
			.verified()) : "";
	}
}
