package org.animegan.fiji.command;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.catalog.CatalogEntry;

/** What the dialogs offer for {@code model}, and the licence line shown for each. */
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
		names.addAll(folderOnly());
		names.add(ModelMessages.CUSTOM_FILE);
		return names;
	}

	/** The models-folder models that are not catalog files. */
	private List<String> folderOnly() {
		final List<String> names = new ArrayList<>();
		for (final String name : folder.available())
			if (catalog.find(name).isEmpty() && catalog.entries().stream().noneMatch(e -> stem(e
				.file()).equals(name))) names.add(name);
		return names;
	}

	/**
	 * The ImageJ 1.x dialog's list: what each item shows (a catalog model with whether it is cached
	 * or how much it downloads) mapped to the value the macro records (the catalog id, the folder
	 * name, or "Custom file..."), in the order of {@link #names()}.
	 */
	Map<String, String> items() {
		final Map<String, String> items = new LinkedHashMap<>();
		for (final CatalogEntry e : catalog.entries())
			items.put(CommandMessages.catalogItem(e.name(), cached(e), e.size()), e.id());
		for (final String name : folderOnly())
			items.put(name, name);
		items.put(ModelMessages.CUSTOM_FILE, ModelMessages.CUSTOM_FILE);
		return items;
	}

	/** The display name of a catalog model; any other model as it is. */
	String nameOf(final String model) {
		return catalog.find(model).map(CatalogEntry::name).orElse(model);
	}

	/** The item that shows a model value, or null if the list has none (a path, a URL). */
	String itemOf(final String model) {
		final Optional<CatalogEntry> e = catalog.find(model);
		final String value = e.isPresent() ? e.get().id() : model;
		for (final Map.Entry<String, String> item : items().entrySet())
			if (item.getValue().equals(value)) return item.getKey();
		return null;
	}

	private static String stem(final String file) {
		final int dot = file.lastIndexOf('.');
		return dot > 0 ? file.substring(0, dot) : file;
	}

	/**
	 * The Fiji dialog's line under the model: the licence line, and for a catalog model whether it is
	 * cached or how much it downloads (the list itself shows names only, because the name chosen is
	 * what a macro records).
	 */
	String lineOf(final String model) {
		final Optional<CatalogEntry> e = catalog.find(model);
		final String licence = licenceOf(model);
		if (e.isEmpty()) return licence;
		return CommandMessages.catalogStatus(cached(e.get()), e.get().size()) + ". " + licence;
	}

	private boolean cached(final CatalogEntry e) {
		return Files.isRegularFile(folder.folder().resolve(e.file()));
	}

	/** The licence line of a catalog model, a note for a models-folder model; empty for others. */
	String licenceOf(final String model) {
		final Optional<CatalogEntry> e = catalog.find(model);
		if (e.isPresent()) return CommandMessages.licenceLine(e.get().name(), e.get().licence(), e.get()
			.verified());
		return folderOnly().contains(model) ? CommandMessages.folderModelLine(model, folder.folder())
			: "";
	}
}
