package org.animegan.fiji.command;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What package command says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class CommandMessages {

	private CommandMessages() {}

	public static final String TITLE = "Photo to Anime";

	/** A catalog model in the ImageJ 1.x model list: its name, then cached or its download size. */
	public static String catalogItem(final String name, final boolean cached, final Long bytes) {
		return name + " \u2014 " + catalogStatus(cached, bytes);
	}

	/** Whether a catalog model is cached, or how much it downloads. */
	public static String catalogStatus(final boolean cached, final Long bytes) {
		if (cached) return "cached";
		if (bytes == null) return "download";
		return String.format(Locale.ROOT, "%.1f MB download", bytes / 1e6);
	}

	/** The Help button's page: the README's parameter section. */
	public static final String HELP_URL =
		"https://github.com/animegan-fiji/animegan-fiji#parameters";

	public static final String BATCH_TITLE = "Batch Folder";

	public static String foldersNeeded() {
		return "Choose an input folder and an output folder.";
	}

	public static final String MODELS_TITLE = "AnimeGAN models";
	public static final String DOWNLOAD = "Download";
	public static final String DELETE = "Delete from cache";

	public static String chooseRow() {
		return "Choose a model in the table first.";
	}

	/** The dialogs' preview checkbox and the way back to the table's defaults. */
	public static final String PREVIEW = "Preview";
	public static final String RESET = "Reset to defaults";

	/** The title of the preview window. */
	public static String previewTitle(final String title) {
		return title + " (AnimeGAN preview)";
	}

	public static String folderModelLine(final String name, final Path folder) {
		return name + ": a model of your own in " + folder + "; its licence is the one it came with.";
	}

	public static String licenceLine(final String name, final String licence, final boolean verified) {
		return name + ": " + licence + (verified ? "" : " Download address not confirmed by the upstream project.");
	}
}
