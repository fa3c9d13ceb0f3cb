package org.animegan.fiji.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one run, by macro key. Immutable; every value is checked when it is set, so the
 * tool never sees an invalid setting.
 */
public final class Settings {

	/** Allowed values of {@code input_size}; "native" keeps the image's own size. */
	public static final List<String> INPUT_SIZES =
		List.of("256", "384", "512", "640", "768", "1024", "native");

	/** Allowed values of {@code color_shift}. */
	public static final List<String> COLOR_SHIFTS = List.of("none", "histogram", "lut");

	/** Allowed values of {@code denoise}. */
	public static final List<String> DENOISE = List.of("off", "light");

	/** Allowed values of {@code face_enhance}. */
	public static final List<String> FACE_MODES = List.of("off", "crop", "detect");

	/** The catalog's portrait model, used for faces unless {@code face_model} names another. */
	public static final String DEFAULT_FACE_MODEL = "face_paint_512_v2";

	/** Default tile side in model pixels, chosen by measurement (README, "Large images and performance"). */
	public static final int DEFAULT_TILE = 1024;

	/**
	 * Every parameter, in dialog order. The keys are the macro API: keep them stable. The SciJava
	 * command declares a field of the same name for each (checked by a test).
	 */
	public static final List<Param> PARAMS = List.of( //
		Param.text("model", "",
			"Model: a catalog name, a path or http(s) URL of an .onnx or .pt file, the name of a model in the models folder, or 'Custom file...'."), //
		Param.file("model_file", "",
			"The .onnx or .pt file used when model is 'Custom file...'."), //
		Param.choice("input_size", "512", INPUT_SIZES,
			"The long side is scaled to this many pixels before stylizing; native keeps the size."), //
		Param.integer("max_batch_size", 4, 1, 64,
			"Planes of a stack sent to the model together."), //
		Param.integer("threads", defaultThreads(), 1, 256,
			"CPU threads for ONNX Runtime; defaults to the number of cores."), //
		Param.integer("tile_size", DEFAULT_TILE, 0, 8192,
			"Larger images are stylized in overlapping tiles of this many pixels (model input; 0 = whole image unless memory is short)."), //
		// Style controls (issue 4); applied in the order documented in style.StyleSteps.
		Param.number("style_weight", 1, 0, 1.5,
			"Style strength: 0 keeps the photo, 1 is the model's result, above 1 exaggerates it."), //
		Param.number("blend_original", 0, 0, 1,
			"Fraction of the original photo mixed back into the result."), //
		Param.choice("color_shift", "none", COLOR_SHIFTS,
			"Colour correction of the result: histogram keeps the photo's colour balance, lut applies lut_file."), //
		Param.file("lut_file", "", "A .cube 3D colour LUT, used when color_shift is lut."), //
		Param.bool("brightness_match", false,
			"Scale the result so that its mean luma equals the photo's."), //
		Param.number("sharpen_factor", 0, 0, 5,
			"Unsharp-mask amount applied to the result (0 = off)."), //
		Param.choice("denoise", "off", DENOISE,
			"Edge-preserving pre-filter for noisy photos: light is a 3x3 median."), //
		Param.bool("tta_enabled", false,
			"Average the result with that of the mirrored photo; takes twice the time."), //
		Param.choice("face_enhance", "off", FACE_MODES,
			"Faces: crop stylizes a centre square at 512 px, detect stylizes every detected face with face_model."), //
		Param.text("face_model", DEFAULT_FACE_MODEL,
			"Model for faces (face_enhance): a path or a model name."));

	private final Map<String, String> values;

	private Settings(final Map<String, String> values) {
		this.values = values;
	}

	public static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	/** All defaults. */
	public static Settings defaults() {
		final Map<String, String> v = new LinkedHashMap<>();
		for (final Param p : PARAMS)
			v.put(p.key(), p.defaultValue());
		return new Settings(v);
	}

	/** Defaults overridden by the given keys; an unknown key is an error. */
	public static Settings of(final Map<String, String> given) throws AnimeGanException {
		Settings s = defaults();
		for (final Map.Entry<String, String> e : given.entrySet())
			s = s.with(e.getKey(), e.getValue());
		return s;
	}

	/** Convenience for scripts: {@code Settings.of("model", "x.onnx", "input_size", "native")}. */
	public static Settings of(final String... keyValues) throws AnimeGanException {
		if (keyValues.length % 2 != 0) throw new IllegalArgumentException(Arrays.toString(keyValues));
		Settings s = defaults();
		for (int i = 0; i < keyValues.length; i += 2)
			s = s.with(keyValues[i], keyValues[i + 1]);
		return s;
	}

	public static Param param(final String key) throws AnimeGanException {
		for (final Param p : PARAMS)
			if (p.key().equals(key)) return p;
		throw new AnimeGanException(SettingsMessages.unknownParameter(key));
	}

	/** A copy with one value changed. */
	public Settings with(final String key, final Object value) throws AnimeGanException {
		final Param p = param(key);
		final Map<String, String> v = new LinkedHashMap<>(values);
		v.put(key, p.normalise(value == null ? null : String.valueOf(value)));
		return new Settings(v);
	}

	public String get(final String key) {
		final String v = values.get(key);
		if (v == null) throw new IllegalArgumentException("No parameter " + key);
		return v;
	}

	public int getInt(final String key) {
		return Integer.parseInt(get(key));
	}

	public double getDouble(final String key) {
		return Double.parseDouble(get(key));
	}

	public boolean getBoolean(final String key) {
		return Boolean.parseBoolean(get(key));
	}

	public String model() {
		return get("model");
	}

	/** The long side in pixels, or 0 for native size. */
	public int inputSize() {
		final String s = get("input_size");
		return "native".equals(s) ? 0 : Integer.parseInt(s);
	}

	public int maxBatchSize() {
		return getInt("max_batch_size");
	}

	public int threads() {
		return getInt("threads");
	}

	/** Tile side in model pixels; 0 = whole image unless memory is short. */
	public int tileSize() {
		return getInt("tile_size");
	}

	/** Every value by key, in dialog order. */
	public Map<String, String> asMap() {
		return Collections.unmodifiableMap(values);
	}

	/** The options string of a macro {@code run("Photo to Anime...", "...")} line. */
	public String toMacroOptions() {
		final StringBuilder sb = new StringBuilder();
		for (final Map.Entry<String, String> e : values.entrySet()) {
			if (sb.length() > 0) sb.append(' ');
			final String v = e.getValue();
			sb.append(e.getKey()).append('=');
			sb.append(v.isEmpty() || v.contains(" ") ? "[" + v + "]" : v);
		}
		return sb.toString();
	}

	@Override
	public String toString() {
		return toMacroOptions();
	}
}
