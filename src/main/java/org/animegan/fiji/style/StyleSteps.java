package org.animegan.fiji.style;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.StyleOptions.ColorShift;
import org.animegan.fiji.api.StyleOptions;
import org.animegan.fiji.image.RgbImage;

/**
 * The style controls around the model, in one fixed order:
 * <ol>
 * <li>{@code denoise} on the photo, before the model (noise would otherwise become texture);</li>
 * <li>the model, with {@code tta_enabled} averaging (in {@code PlaneStylizer});</li>
 * <li>{@code style_weight}: photo + w (result - photo), so 0 gives the photo back;</li>
 * <li>{@code color_shift}: histogram matching to the photo, or a .cube LUT;</li>
 * <li>{@code brightness_match}: mean luma scaled to the photo's (after colour, which changes it);</li>
 * <li>{@code blend_original}: a fraction of the untouched photo mixed back, so 1 gives the photo;</li>
 * <li>{@code sharpen_factor}: unsharp mask last, so nothing after it softens the edges again.</li>
 * </ol>
 * "The photo" is always the original plane, never the denoised one. Every step works on the
 * model's float result ({@link RgbImage}, 0..255 unrounded); the result is rounded to 8 bits only
 * once, when the output plane is made ({@code image.PlaneConverter}), so histogram matching and
 * brightness matching keep their promises (see those classes) up to that one rounding.
 */
public final class StyleSteps {

	private final StyleOptions options;
	private CubeLut lut;

	/** Reads the LUT, if the options ask for one, when it is first needed. */
	public StyleSteps(final StyleOptions options) {
		this(options, null);
	}

	/**
	 * @param lut the LUT already read and checked for these options (see {@link LutCache}), or null
	 *          to read it when first needed
	 */
	public StyleSteps(final StyleOptions options, final CubeLut lut) {
		this.options = options;
		this.lut = lut;
	}

	/** Steps before the model. */
	public RgbImage before(final RgbImage photo) {
		return options.denoise() == StyleOptions.Denoise.LIGHT ? Denoise.light(photo) : photo;
	}

	public boolean tta() {
		return options.tta();
	}

	/** Steps after the model: {@code generated} is the model's result at the photo's size. */
	public RgbImage after(final RgbImage photo, final RgbImage generated) throws AnimeGanException {
		return after(photo, generated, null);
	}

	/**
	 * The same, with the photo's histogram reference made once for many results (the live
	 * preview), or null to make it when needed.
	 */
	public RgbImage after(final RgbImage photo, final RgbImage generated,
		final HistogramMatch.Reference reference) throws AnimeGanException
	{
		RgbImage r = generated;
		final double w = options.styleWeight();
		if (w != 1) r = Mix.lerp(photo, r, w);
		if (options.colorShift() == ColorShift.HISTOGRAM) r = HistogramMatch.match(r,
			reference != null ? reference : HistogramMatch.reference(photo));
		else if (options.colorShift() == ColorShift.LUT) r = lut().apply(r);
		if (options.brightnessMatch()) r = BrightnessMatch.match(r, photo);
		final double blend = options.blendOriginal();
		if (blend > 0) r = Mix.lerp(r, photo, blend);
		return Sharpen.apply(r, options.sharpenFactor());
	}

	/**
	 * The LUT given, or else the LUT file read once (on first use, so settings without a LUT never
	 * touch the disk).
	 */
	public synchronized CubeLut lut() throws AnimeGanException {
		if (lut == null) {
			lut = CubeLut.read(options.lutFile());
		}
		return lut;
	}
}
