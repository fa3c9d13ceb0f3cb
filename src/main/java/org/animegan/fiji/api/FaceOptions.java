package org.animegan.fiji.api;

/** Face mode and the model used for faces, typed. */
public final class FaceOptions {

	/** Values of {@code face_enhance}. */
	public enum Mode {
		/** No special treatment of faces. */
		OFF,
		/** face2paint: the centre square stylized at the face model's size. */
		CROP,
		/** Every detected face stylized with the face model and pasted back. */
		DETECT
	}

	private final Mode mode;
	private final ModelChoice model;

	FaceOptions(final Mode mode, final ModelChoice model) {
		this.mode = mode;
		this.model = model;
	}

	public Mode mode() {
		return mode;
	}

	/** The model for faces ({@code face_model}). */
	public ModelChoice model() {
		return model;
	}
}
