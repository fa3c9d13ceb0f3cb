package org.animegan.fiji.api;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One user-facing parameter: its macro key (the stable API), its kind, default and allowed values.
 * The command line, the ImageJ 1.x dialog and the README table are all derived from these.
 */
public final class Param {

	public enum Kind {
		CHOICE, INTEGER, NUMBER, BOOLEAN, TEXT, FILE
	}

	/** The dialog's groups, in the order the ImageJ 1.x dialog shows them under headings. */
	public enum Section {
		MODEL("Model"), STYLE("Style"), FACES("Faces"), PERFORMANCE("Performance");

		private final String heading;

		Section(final String heading) {
			this.heading = heading;
		}

		public String heading() {
			return heading;
		}
	}

	private final String key;
	private final Kind kind;
	private final String defaultValue;
	private final List<String> choices;
	private final double min;
	private final double max;
	private final String description;
	private final String label;
	private final Section section;

	private Param(final String key, final Kind kind, final String defaultValue,
		final List<String> choices, final double min, final double max, final String description)
	{
		this(key, kind, defaultValue, choices, min, max, description, defaultLabel(key),
			Section.MODEL);
	}

	private Param(final String key, final Kind kind, final String defaultValue,
		final List<String> choices, final double min, final double max, final String description,
		final String label, final Section section)
	{
		this.label = label;
		this.section = section;
		this.key = key;
		this.kind = kind;
		this.defaultValue = defaultValue;
		this.choices = choices;
		this.min = min;
		this.max = max;
		this.description = description;
	}

	public static Param choice(final String key, final String def, final List<String> choices,
		final String description)
	{
		return new Param(key, Kind.CHOICE, def, List.copyOf(choices), Double.NaN, Double.NaN,
			description);
	}

	public static Param integer(final String key, final int def, final int min, final int max,
		final String description)
	{
		return new Param(key, Kind.INTEGER, Integer.toString(def), Collections.emptyList(), min, max,
			description);
	}

	public static Param number(final String key, final double def, final double min,
		final double max, final String description)
	{
		return new Param(key, Kind.NUMBER, format(def), Collections.emptyList(), min, max,
			description);
	}

	public static Param bool(final String key, final boolean def, final String description) {
		return new Param(key, Kind.BOOLEAN, Boolean.toString(def), List.of("true", "false"),
			Double.NaN, Double.NaN, description);
	}

	public static Param text(final String key, final String def, final String description) {
		return new Param(key, Kind.TEXT, def, Collections.emptyList(), Double.NaN, Double.NaN,
			description);
	}

	public static Param file(final String key, final String def, final String description) {
		return new Param(key, Kind.FILE, def, Collections.emptyList(), Double.NaN, Double.NaN,
			description);
	}

	public String key() {
		return key;
	}

	/** A copy with the label the SciJava dialog shows (the key stays the macro key). */
	public Param labelled(final String newLabel) {
		return new Param(key, kind, defaultValue, choices, min, max, description, newLabel, section);
	}

	/** A copy in another section of the dialog (new parameters start in {@link Section#MODEL}). */
	public Param in(final Section newSection) {
		return new Param(key, kind, defaultValue, choices, min, max, description, label, newSection);
	}

	public Section section() {
		return section;
	}

	/** What the SciJava dialog shows; by default the key in words ("input_size": "Input size"). */
	public String label() {
		return label;
	}

	private static String defaultLabel(final String key) {
		final String words = key.replace('_', ' ');
		return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	/** The command-line option: the key with dashes. */
	public String option() {
		return "--" + key.replace('_', '-');
	}

	public Kind kind() {
		return kind;
	}

	public String defaultValue() {
		return defaultValue;
	}

	public List<String> choices() {
		return choices;
	}

	public double min() {
		return min;
	}

	public double max() {
		return max;
	}

	public String description() {
		return description;
	}

	/**
	 * Checks a raw value and returns it in canonical form.
	 *
	 * @throws AnimeGanException naming the key and what is allowed
	 */
	public String normalise(final String raw) throws AnimeGanException {
		final String v = raw == null ? "" : raw.trim();
		switch (kind) {
			case CHOICE:
				for (final String c : choices) {
					if (c.equalsIgnoreCase(v)) return c;
				}
				throw new AnimeGanException(SettingsMessages.badChoice(key, v, choices));
			case INTEGER: {
				final double d = parseNumber(v);
				if (d != Math.rint(d)) throw new AnimeGanException(SettingsMessages.notWhole(key, v));
				checkRange(d, v);
				return Long.toString((long) d);
			}
			case NUMBER: {
				final double d = parseNumber(v);
				checkRange(d, v);
				return format(d);
			}
			case BOOLEAN: {
				final String l = v.toLowerCase(Locale.ROOT);
				if (l.equals("true") || l.equals("on") || l.equals("yes") || l.equals("1")) return "true";
				if (l.equals("false") || l.equals("off") || l.equals("no") || l.equals("0")) return "false";
				throw new AnimeGanException(SettingsMessages.notBoolean(key, v));
			}
			default:
				return v;
		}
	}

	private double parseNumber(final String v) throws AnimeGanException {
		try {
			final double d = Double.parseDouble(v);
			if (!Double.isFinite(d)) throw new NumberFormatException(v);
			return d;
		}
		catch (final NumberFormatException e) {
			throw new AnimeGanException(SettingsMessages.notNumber(key, v), e);
		}
	}

	private void checkRange(final double d, final String raw) throws AnimeGanException {
		if (d < min || d > max) {
			throw new AnimeGanException(SettingsMessages.outOfRange(key, raw, format(min), format(max)));
		}
	}

	static String format(final double d) {
		if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
		return Double.toString(d);
	}
}
