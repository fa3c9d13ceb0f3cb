package org.animegan.fiji.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.Param.Section;

/**
 * The parameters of one run, by macro key. Immutable; every value is checked when it is set, so the
 * tool never sees an invalid setting.
 */
public final class Settings {

	// The keys: the macro API and the command-line options. Keep them stable.
	public static final String MODEL = "model";
	public static final String MODEL_FILE = "model_file";
	public static final String INPUT_SIZE = "input_size";
	public static final String MAX_BATCH_SIZE = "max_batch_size";
	public static final String THREADS = "threads";
	public static final String TILE_SIZE = "tile_size";
	public static final String MEMORY_MODE = "memory_mode";
	public static final String PRECISION = "precision";
	public static final String DEVICE = "device";
	public static final String STYLE_WEIGHT = "style_weight";
	public static final String BLEND_ORIGINAL = "blend_original";
	public static final String COLOR_SHIFT = "color_shift";
	public static final String LUT_FILE = "lut_file";
	public static final String BRIGHTNESS_MATCH = "brightness_match";
	public static final String SHARPEN_FACTOR = "sharpen_factor";
	public static final String DENOISE = "denoise";
	public static final String TTA_ENABLED = "tta_enabled";
	public static final String FACE_ENHANCE = "face_enhance";
	public static final String FACE_MODEL = "face_model";
	public static final String TEMPORAL_SMOOTHING = "temporal_smoothing";
	public static final String TEMPORAL_AXIS = "temporal_axis";
	public static final String TEMPORAL_BLEND = "temporal_blend";

	/** Allowed values of {@code input_size}; "native" keeps the image's own size. */
	public static final List<String> INPUT_SIZES =
		List.of("256", "384", "512", "640", "768", "1024", "native");

	/**
	 * The model used when none is given: a catalog scene model whose download address is confirmed
	 * by its upstream project and whose file is pinned by checksum.
	 */
	public static final String DEFAULT_MODEL = "paprika";

	/** The catalog's portrait model, used for faces unless {@code face_model} names another. */
	public static final String DEFAULT_FACE_MODEL = "face_paint_512_v2";

	/** Default tile side in model pixels, chosen by measurement (docs/performance.md). */
	public static final int DEFAULT_TILE = 1024;

	/**
	 * Every parameter, in dialog order: the single source of keys, kinds, ranges, defaults and
	 * descriptions. The command line, both dialogs and the README table are made from it.
	 */
	public static final List<Param> PARAMS = List.of( //
		Param.text(MODEL, DEFAULT_MODEL,
			"Model: a catalog name, a path or http(s) URL of an .onnx or .pt file, the name of a model in the models folder, or 'Custom file...'."), //
		Param.file(MODEL_FILE, "",
			"The .onnx or .pt file used when model is 'Custom file...'."), //
		Param.choice(INPUT_SIZE, "512", INPUT_SIZES,
			"The long side is scaled to this many pixels before stylizing; native keeps the size."), //
		Param.integer(MAX_BATCH_SIZE, 4, 1, 64,
			"Planes of a stack sent to the model together.").in(Section.PERFORMANCE), //
		Param.integer(THREADS, defaultThreads(), 1, 256,
			"CPU threads for ONNX Runtime; defaults to the number of cores.").in(Section.PERFORMANCE), //
		Param.integer(TILE_SIZE, DEFAULT_TILE, 0, 8192,
			"Larger images are stylized in overlapping tiles of this many pixels (model input; 0 = whole image unless memory is short).") //
			.in(Section.PERFORMANCE), //
		Param.choice(MEMORY_MODE, "fast", Choices.keys(RuntimeOptions.MemoryMode.values()),
			"fast reuses ONNX Runtime's memory between runs; low keeps one 512x512 photo at about 400 MB but takes longer.") //
			.in(Section.PERFORMANCE), //
		Param.choice(PRECISION, "fp32", Choices.keys(RuntimeOptions.Precision.values()),
			"int8 runs a quantized copy of the model (made once, next to it): faster on the CPU, close to fp32; fp16 is for GPUs and refused on the CPU.") //
			.in(Section.PERFORMANCE), //
		Param.choice(DEVICE, "auto", Choices.keys(RuntimeOptions.Device.values()),
			"auto runs on an NVIDIA GPU when the GPU build of ONNX Runtime finds one, else on the CPU; gpu refuses to run without one.") //
			.in(Section.PERFORMANCE), //
		// Style controls, applied in the order documented in style.StyleSteps.
		Param.number(STYLE_WEIGHT, 1, 0, 1.5,
			"Style strength: 0 keeps the photo, 1 is the model's result, above 1 exaggerates it.").in(Section.STYLE), //
		Param.number(BLEND_ORIGINAL, 0, 0, 1,
			"Fraction of the original photo mixed back into the result.").in(Section.STYLE), //
		Param.choice(COLOR_SHIFT, "none", Choices.keys(StyleOptions.ColorShift.values()),
			"Colour correction of the result: histogram keeps the photo's colour balance, lut applies lut_file.").in(Section.STYLE), //
		Param.file(LUT_FILE, "", "A .cube 3D colour LUT, used when color_shift is lut.") //
			.labelled("LUT file (.cube)").in(Section.STYLE), //
		Param.bool(BRIGHTNESS_MATCH, false,
			"Scale the result so that its mean luma equals the photo's.") //
			.labelled("Match brightness").in(Section.STYLE), //
		Param.number(SHARPEN_FACTOR, 0, 0, 5,
			"Unsharp-mask amount applied to the result (0 = off).").labelled("Sharpen").in(Section.STYLE), //
		Param.choice(DENOISE, "off", Choices.keys(StyleOptions.Denoise.values()),
			"Edge-preserving pre-filter for noisy photos: light is a 3x3 median.").in(Section.STYLE), //
		Param.bool(TTA_ENABLED, false,
			"Average the result with that of the mirrored photo; takes twice the time.") //
			.labelled("Mirror averaging (TTA)").in(Section.STYLE), //
		Param.choice(FACE_ENHANCE, "off", Choices.keys(FaceOptions.Mode.values()),
			"Faces: crop stylizes a centre square at 512 px, detect stylizes every detected face with face_model.").in(Section.FACES), //
		Param.text(FACE_MODEL, DEFAULT_FACE_MODEL,
			"Model for faces (face_enhance): a path or a model name.").in(Section.FACES), //
		Param.choice(TEMPORAL_SMOOTHING, "off", Choices.keys(TemporalOptions.Smoothing.values()),
			"Smoothing over time: tones keeps each frame's colour mean and spread, and its coarse tones, close to a running average of the frames before it; flow blends in the previous result moved along the optical flow where the motion is sure.") //
			.in(Section.STYLE), //
		Param.choice(TEMPORAL_AXIS, "auto", Choices.keys(TemporalOptions.Axis.values()),
			"The axis that is time: auto is T when the image has more than one frame, else Z for a stack with a frame rate or interval (an AVI opened in ImageJ), else no smoothing; z a plain stack of video frames.") //
			.in(Section.STYLE), //
		Param.number(TEMPORAL_BLEND, TemporalOptions.DEFAULT_BLEND, 0, 0.95,
			"With flow: the weight of the previous result, moved along the flow, against the current frame.") //
			.in(Section.STYLE));

	private final Map<String, String> values;
	/**
	 * Session options that are not parameters: the benchmark's optimisation level, and how many images
	 * a run stylizes at once. Its thread count and memory mode are not used.
	 */
	private final RuntimeOptions tuning;

	private Settings(final Map<String, String> values, final RuntimeOptions tuning) {
		this.values = values;
		this.tuning = tuning;
	}

	public static int defaultThreads() {
		return Runtime.getRuntime().availableProcessors();
	}

	/** All defaults. */
	public static Settings defaults() {
		final Map<String, String> v = new LinkedHashMap<>();
		for (final Param p : PARAMS)
			v.put(p.key(), p.defaultValue());
		return new Settings(v, RuntimeOptions.threads(1));
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
		return new Settings(v, tuning);
	}

	/** The checked value of a key, as text: for dialogs and the command line. */
	public String get(final String key) {
		final String v = values.get(key);
		if (v == null) throw new IllegalArgumentException("No parameter " + key);
		return v;
	}

	int getInt(final String key) {
		return Integer.parseInt(get(key));
	}

	double getDouble(final String key) {
		return Double.parseDouble(get(key));
	}

	boolean getBoolean(final String key) {
		return Boolean.parseBoolean(get(key));
	}

	// -- typed option groups: what the code below the command reads --

	/** The model the user named. */
	public ModelChoice model() {
		return new ModelChoice(get(MODEL), get(MODEL_FILE));
	}

	/** The long side in pixels, or 0 for native size. */
	public int inputSize() {
		final String s = get(INPUT_SIZE);
		return "native".equals(s) ? 0 : Integer.parseInt(s);
	}

	public int maxBatchSize() {
		return getInt(MAX_BATCH_SIZE);
	}

	/**
	 * Session options: the threads, memory mode, device and precision given; all optimisations unless
	 * {@link #withOptLevel}, one run at a time unless {@link #withConcurrentRuns}.
	 */
	public RuntimeOptions runtime() {
		return RuntimeOptions.threads(getInt(THREADS)).withMemory(Choices.parse(
			RuntimeOptions.MemoryMode.class, get(MEMORY_MODE))).withDevice(Choices.parse(
				RuntimeOptions.Device.class, get(DEVICE))).withOptLevel(tuning.optLevel())
			.withPrecision(Choices.parse(RuntimeOptions.Precision.class, get(PRECISION)))
			.withConcurrentRuns(tuning.concurrentRuns());
	}

	/**
	 * A copy whose sessions run {@code runs} images at once, sharing the threads among them
	 * ({@link RuntimeOptions#intraOpThreads}); chosen by the pipeline, not a parameter.
	 */
	public Settings withConcurrentRuns(final int runs) {
		return new Settings(values, tuning.withConcurrentRuns(runs));
	}

	/** A copy whose sessions use another graph optimisation level (for measurements). */
	public Settings withOptLevel(final RuntimeOptions.OptLevel o) {
		return new Settings(values, tuning.withOptLevel(o));
	}

	public TilingOptions tiling() {
		return TilingOptions.tileSize(getInt(TILE_SIZE));
	}

	public StyleOptions style() {
		return new StyleOptions(this);
	}

	public FaceOptions face() {
		return new FaceOptions(Choices.parse(FaceOptions.Mode.class, get(FACE_ENHANCE)), ModelChoice
			.of(get(FACE_MODEL)));
	}

	public TemporalOptions temporal() {
		return new TemporalOptions(Choices.parse(TemporalOptions.Smoothing.class, get(
			TEMPORAL_SMOOTHING)), Choices.parse(TemporalOptions.Axis.class, get(TEMPORAL_AXIS)),
			getDouble(TEMPORAL_BLEND));
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
