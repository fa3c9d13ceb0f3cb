package org.animegan.fiji.api;

/** Smoothing over time of stacks and time-lapses, typed. */
public final class TemporalOptions {

	/** Values of {@code temporal_smoothing}. */
	public enum Smoothing {
		/** Every plane stylized on its own. */
		OFF,
		/**
		 * Each frame's per-channel mean and spread, and its low-frequency version, follow a running
		 * average of the earlier frames.
		 */
		TONES,
		/**
		 * The previous result, moved along the optical flow between the input frames, is blended into
		 * each frame where forward and backward flow agree.
		 */
		FLOW
	}

	/** Values of {@code temporal_axis}. */
	public enum Axis {
		/**
		 * T when the image has more than one frame; else Z for a video opened as a plain stack (a
		 * frame rate, as ImageJ's AVI reader sets); otherwise no smoothing.
		 */
		AUTO,
		/** The time-lapse frames. */
		T,
		/** The slices: a plain stack of video frames, such as a multi-page TIFF. */
		Z
	}

	/** Default of {@code temporal_blend}: chosen by the flicker measure (docs/temporal.md). */
	public static final double DEFAULT_BLEND = 0.6;

	private final Smoothing smoothing;
	private final Axis axis;
	private final double blend;

	TemporalOptions(final Smoothing smoothing, final Axis axis, final double blend) {
		this.smoothing = smoothing;
		this.axis = axis;
		this.blend = blend;
	}

	public Smoothing smoothing() {
		return smoothing;
	}

	/** With {@link Smoothing#FLOW}: the weight of the moved previous result, 0 to 0.95. */
	public double blend() {
		return blend;
	}

	/** The axis as given; {@link #axisFor} resolves {@link Axis#AUTO}. */
	public Axis axis() {
		return axis;
	}

	/**
	 * The axis smoothing follows in an image with this many frames: {@link Axis#T} or
	 * {@link Axis#Z}, or null for no smoothing (off, or auto with a single frame that is no video).
	 *
	 * @param video whether the image is a plain stack of video frames: one frame, several slices
	 *          and a frame rate, which is how ImageJ's AVI reader opens a video
	 */
	public Axis axisFor(final int frames, final boolean video) {
		if (smoothing == Smoothing.OFF) return null;
		if (axis != Axis.AUTO) return axis;
		if (frames > 1) return Axis.T;
		return video ? Axis.Z : null;
	}
}
