package org.animegan.fiji.model;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.nio.file.Path;

/**
 * What package model says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class ModelMessages {

	private ModelMessages() {}

	public static String noModel(final Path folder) {
		return "No model was given; choose a catalog model, or set 'model' to an .onnx or .pt file or to the name of a model in " +
			folder + ".";
	}

	public static String modelNotFound(final String model, final Path folder) {
		return "The model '" + model +
			"' was not found: give a catalog name or the path of an .onnx or .pt file, or put the file in " +
			folder + ".";
	}

	public static String notAnImageModel(final String name, final String shape) {
		return "The model " + name + " takes input of shape " + shape +
			", not an image; an AnimeGAN generator takes a batch of RGB images.";
	}

	public static String wrongChannels(final String name, final long channels) {
		return "The model " + name + " expects " + channels +
			"-channel images, but AnimeGAN generators take 3-channel RGB.";
	}

	public static String notAGenerator(final String name, final String shape) {
		return "The model " + name + " returns shape " + shape +
			", not an RGB image; is it a classifier rather than an AnimeGAN generator?";
	}

	public static String wrongOutputSize(final String name, final String got, final String wanted) {
		return "The model " + name + " returned an image of shape " + got + " for an input of shape " +
			wanted + "; it is not an image-to-image generator.";
	}

	public static String inferenceFailed(final String name, final String why) {
		return "The model " + name + " failed to run (" + firstLine(why) + ").";
	}

	/** The model choice that switches to the model_file parameter. */
	public static final String CUSTOM_FILE = "Custom file...";

	public static String customFileMissing() {
		return "The model is '" + CUSTOM_FILE + "' but no model_file was given; choose an .onnx or .pt file.";
	}

	public static String unverifiedSource(final String name, final String url) {
		return "The download address " + url + " for " + name +
			" is not confirmed by the upstream project, so check where the file comes from before relying on it.";
	}

	public static String downloading(final String name, final String url, final Path target) {
		return "Downloading " + name + " from " + url + " to " + target + ".";
	}

	public static String familyAssumed(final String name, final ModelFamily family) {
		return "The model " + name + " is not in the catalog; it was taken for the " + family.id() +
			" family from its graph (stride " + family.stride() + ").";
	}

	/** The Models window's family column for a file that is not in the catalog. */
	public static final String FAMILY_FROM_GRAPH = "read from the graph when loaded";

	public static final String OWN_LICENCE = "Your own file; its licence is the one it came with.";

	public static String notVerified(final String url) {
		return url + " (not confirmed by the upstream project)";
	}

	public static String notInCache(final String name) {
		return name + " is not in the cache, so there is nothing to delete.";
	}

	public static String ownFileNotDeleted(final Path file) {
		return file + " is a model of your own, not a download, so it is not deleted from here; remove the file yourself if you want it gone.";
	}

	public static String cannotDelete(final Path file, final String why) {
		return "Could not delete " + file + ": " + why + ".";
	}
}
