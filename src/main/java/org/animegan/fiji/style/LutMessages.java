package org.animegan.fiji.style;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Sentences about {@code .cube} LUT files that were added with their limits. The older LUT
 * sentences ({@code noLutFile}, {@code lutNotFound}, {@code badLut}) are in {@code core.Messages};
 * the reasons here fill the parenthesis of {@code badLut}.
 */
final class LutMessages {

	private LutMessages() {}

	static String tooLarge(final Path file, final long bytes, final long limit) {
		return String.format(Locale.ROOT,
			"The LUT file %s is %d MB; .cube LUTs over %d MB are refused.", file, bytes >> 20,
			limit >> 20);
	}

	static String notText() {
		return "not a text file";
	}

	static String lineTooLong(final int limit) {
		return "a line longer than " + limit + " characters";
	}

	static String unexpectedText() {
		return "neither a keyword nor three numbers";
	}

	static String sizeRange(final int min, final int max) {
		return "LUT_3D_SIZE must be between " + min + " and " + max;
	}

	static String secondSize() {
		return "a second LUT_3D_SIZE line";
	}

	static String fileTooShort(final int size) {
		return "LUT_3D_SIZE " + size + " needs " + size + "^3 data lines, more than the file can hold";
	}

	static String valueRange(final double limit) {
		return String.format(Locale.ROOT, "expected a number between %s and %s", fmt(-limit), fmt(
			limit));
	}

	static String domainOrder() {
		return "DOMAIN_MAX must be above DOMAIN_MIN";
	}

	private static String fmt(final double v) {
		return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
	}
}
