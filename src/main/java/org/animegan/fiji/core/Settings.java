package org.animegan.fiji.core;

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

	/** Default tile side in model pixels, chosen by measurement (README, "Large images and performance"). */
	public static final int DEFAULT_TILE = 1024;

	/**
	 * Every parameter, in dialog order. The keys are the macro API: keep them stable. The SciJava
	 * command declares a field of the same name for each (checked by a test).
	 */
	public static final List<Param> PARAMS = List.of( //
		Param.text("model", "",
			"Model: a path to an .onnx file, or the name of a model in the models folder."), //
		Param.choice("input_size", "512", INPUT_SIZES,
			"The long side is scaled to this many pixels before stylizing; native keeps the size."), //
		Param.integer("max_batch_size", 4, 1, 64,
			"Planes of a stack sent to the model together."), //
		Param.integer("threads", defaultThreads(), 1, 256,
			"CPU threads for ONNX Runtime; defaults to the number of cores."), //
		Param.integer("tile_size", DEFAULT_TILE, 0, 8192,
			"Larger images are stylized in overlapping tiles of this many pixels (model input; 0 = whole image unless memory is short)."));

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
		throw new AnimeGanException(Messages.unknownParameter(key));
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
