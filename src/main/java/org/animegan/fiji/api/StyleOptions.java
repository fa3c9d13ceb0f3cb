package org.animegan.fiji.api;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The style controls around the model (order in {@code style.StyleSteps}), typed. */
public final class StyleOptions {

	/** Values of {@code color_shift}. */
	public enum ColorShift {
		NONE, HISTOGRAM, LUT
	}

	/** Values of {@code denoise}. */
	public enum Denoise {
		OFF, LIGHT
	}

	private final double styleWeight;
	private final double blendOriginal;
	private final ColorShift colorShift;
	private final Path lutFile;
	private final boolean brightnessMatch;
	private final double sharpenFactor;
	private final Denoise denoise;
	private final boolean tta;

	StyleOptions(final Settings s) {
		styleWeight = s.getDouble(Settings.STYLE_WEIGHT);
		blendOriginal = s.getDouble(Settings.BLEND_ORIGINAL);
		colorShift = Choices.parse(ColorShift.class, s.get(Settings.COLOR_SHIFT));
		final String lut = s.get(Settings.LUT_FILE);
		lutFile = lut.isEmpty() ? null : Paths.get(lut);
		brightnessMatch = s.getBoolean(Settings.BRIGHTNESS_MATCH);
		sharpenFactor = s.getDouble(Settings.SHARPEN_FACTOR);
		denoise = Choices.parse(Denoise.class, s.get(Settings.DENOISE));
		tta = s.getBoolean(Settings.TTA_ENABLED);
	}

	/** 0 keeps the photo, 1 is the model's result, above 1 exaggerates it. */
	public double styleWeight() {
		return styleWeight;
	}

	public double blendOriginal() {
		return blendOriginal;
	}

	public ColorShift colorShift() {
		return colorShift;
	}

	/** The .cube file for {@link ColorShift#LUT}, or null if none was given. */
	public Path lutFile() {
		return lutFile;
	}

	public boolean brightnessMatch() {
		return brightnessMatch;
	}

	public double sharpenFactor() {
		return sharpenFactor;
	}

	public Denoise denoise() {
		return denoise;
	}

	/** Average with the mirrored photo's result. */
	public boolean tta() {
		return tta;
	}
}
