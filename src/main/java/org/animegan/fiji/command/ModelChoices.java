package org.animegan.fiji.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.animegan.fiji.core.Messages;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.catalog.CatalogEntry;

/** What the dialog offers for {@code model}, and the licence line shown for each. */
final class ModelChoices {

	private final Catalog catalog;
	private final List<String> folderNames;

	ModelChoices(final Catalog catalog, final List<String> folderNames) {
		this.catalog = catalog;
		this.folderNames = folderNames;
	}

	static ModelChoices standard() {
		return new ModelChoices(Catalog.standardOrEmpty(), ModelLocator.standard().available());
	}

	/** Catalog names, then models-folder names not already listed, then "Custom file...". */
	List<String> names() {
		final Set<String> names = new LinkedHashSet<>(catalog.names());
		for (final String n : folderNames)
			if (!catalog.find(n).isPresent()) names.add(n);
		names.add(Messages.CUSTOM_FILE);
		return new ArrayList<>(names);
	}

	/** The licence line of a catalog model; empty for other models. */
	String licenceOf(final String model) {
		final Optional<CatalogEntry> e = catalog.find(model);
		return e.isPresent() ? Messages.licenceLine(e.get().name(), e.get().licence(), e.get()
			.verified()) : "";
	}

	/** Every catalog model's licence line, for the parameter's description. */
	String licences() {
		final StringBuilder sb = new StringBuilder();
		for (final CatalogEntry e : catalog.entries())
			sb.append(sb.length() == 0 ? "" : " ").append(Messages.licenceLine(e.name(), e.licence(), e
				.verified()));
		return sb.toString();
	}
}
