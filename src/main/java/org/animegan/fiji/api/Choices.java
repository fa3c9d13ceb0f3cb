package org.animegan.fiji.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Enum constants as the parameter table writes them: lower case, so that macro values stay stable. */
final class Choices {

	private Choices() {}

	static String key(final Enum<?> e) {
		return e.name().toLowerCase(Locale.ROOT);
	}

	static List<String> keys(final Enum<?>[] values) {
		final List<String> keys = new ArrayList<>(values.length);
		for (final Enum<?> e : values)
			keys.add(key(e));
		return keys;
	}

	/** The constant for a value the table has already checked. */
	static <E extends Enum<E>> E parse(final Class<E> type, final String value) {
		return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
	}
}
