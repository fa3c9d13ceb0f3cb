package org.animegan.fiji.api;

/**
 * Which model to use, as the user named it: a catalog name, a path or URL, a name in the models
 * folder, or "Custom file..." with a file. Resolved to a file by {@code model.ModelLibrary}.
 */
public final class ModelChoice {

	private final String model;
	private final String modelFile;

	public ModelChoice(final String model, final String modelFile) {
		this.model = model == null ? "" : model;
		this.modelFile = modelFile == null ? "" : modelFile;
	}

	/** A model given by name, path or URL alone. */
	public static ModelChoice of(final String model) {
		return new ModelChoice(model, "");
	}

	public String model() {
		return model;
	}

	/** The file for "Custom file...", or empty. */
	public String modelFile() {
		return modelFile;
	}

	public boolean isEmpty() {
		return model.isEmpty();
	}

	@Override
	public String toString() {
		return modelFile.isEmpty() ? model : model + " (" + modelFile + ")";
	}
}
