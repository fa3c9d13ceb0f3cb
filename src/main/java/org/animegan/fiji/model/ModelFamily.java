package org.animegan.fiji.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What a generator family needs: layout, stride, minimum side, how a plane is fitted to the stride,
 * and the value range of its input (all known families take RGB in [-1, 1] and end in a tanh). The
 * catalog's {@code family} field names one; for other files it is guessed from the graph, and the
 * Log says so.
 */
public enum ModelFamily {

	/** The official AnimeGANv2 TensorFlow exports: NHWC, sides a multiple of 32. */
	ANIMEGAN2_TF("animegan2-tf", Layout.NHWC, 32, 0, Fit.PAD, false),
	/**
	 * The PyTorch port (bryandlee/animegan2-pytorch): NCHW, upsampling with align_corners=True; its
	 * .pt checkpoints are converted by {@code model.pt.PtConverter}.
	 */
	ANIMEGAN2_PT("animegan2-pt", Layout.NCHW, 32, 0, Fit.PAD, true),
	/**
	 * AnimeGANv3 ONNX exports: NHWC; as its official ONNX test script does, each side is rounded down
	 * to a multiple of 8, and a side under 256 is raised to 256 (the plane is resized to that).
	 */
	ANIMEGAN3("animegan3", Layout.NHWC, 8, 256, Fit.RESIZE, false),
	/** The "tiny" AnimeGANv3 exports: as {@link #ANIMEGAN3} with multiples of 16. */
	ANIMEGAN3_TINY("animegan3-tiny", Layout.NHWC, 16, 256, Fit.RESIZE, false);

	/** How a plane is brought to the family's stride. */
	public enum Fit {
		/** Padded by reflection up to a multiple of the stride, cropped afterwards: never stretched. */
		PAD,
		/** Resized to sides rounded down to the stride (at least the minimum side), then back. */
		RESIZE
	}

	/** The input value range of every family: RGB 0..255 maps to [-1, 1]; outputs come from a tanh. */
	public static final float INPUT_MIN = -1f, INPUT_MAX = 1f;

	private final String id;
	private final Layout layout;
	private final int stride;
	private final int minSide;
	private final Fit fit;
	private final boolean ptImport;

	ModelFamily(final String id, final Layout layout, final int stride, final int minSide,
		final Fit fit, final boolean ptImport)
	{
		this.id = id;
		this.layout = layout;
		this.stride = stride;
		this.minSide = minSide;
		this.fit = fit;
		this.ptImport = ptImport;
	}

	/** The name used by the catalog's {@code family} field. */
	public String id() {
		return id;
	}

	/** The layout of the family's exports (the graph's own shape decides for a given file). */
	public Layout layout() {
		return layout;
	}

	public int stride() {
		return stride;
	}

	/** Sides under this are raised to it ({@link Fit#RESIZE}); 0 for none. */
	public int minSide() {
		return minSide;
	}

	public Fit fit() {
		return fit;
	}

	/** Whether PyTorch .pt checkpoints of this family can be imported. */
	public boolean ptImport() {
		return ptImport;
	}

	/** The family with this catalog id, if any. */
	public static Optional<ModelFamily> byId(final String id) {
		if (id == null) return Optional.empty();
		for (final ModelFamily f : values())
			if (f.id.equalsIgnoreCase(id.trim())) return Optional.of(f);
		return Optional.empty();
	}

	/**
	 * The fallback for a file no catalog entry describes: AnimeGANv3 exports name their input
	 * "AnimeGANv3_input" (tiny ones have "tiny" in the file name); otherwise the layout tells the
	 * TensorFlow export from the PyTorch port.
	 */
	public static ModelFamily guess(final Layout layout, final String inputName,
		final String fileName)
	{
		if (inputName.toLowerCase(Locale.ROOT).contains("animeganv3")) {
			return fileName.toLowerCase(Locale.ROOT).contains("tiny") ? ANIMEGAN3_TINY : ANIMEGAN3;
		}
		return layout == Layout.NCHW ? ANIMEGAN2_PT : ANIMEGAN2_TF;
	}

	@Override
	public String toString() {
		return id;
	}
}
