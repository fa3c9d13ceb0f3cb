package org.animegan.fiji.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.junit.jupiter.api.Test;

/**
 * README.md's parameter table is {@link Settings#PARAMS} written out, so it cannot drift: add a
 * parameter and this test fails with the table to paste between the markers.
 */
class ReadmeParametersTest {

	static final String START = "<!-- parameters:start (generated from Settings.PARAMS; checked by ReadmeParametersTest) -->";
	static final String END = "<!-- parameters:end -->";

	@Test
	void readmeTableMatchesSettings() throws IOException {
		final Path readme = Paths.get(System.getProperty("animegan.basedir", ".")).resolve("README.md");
		final String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
		final int start = text.indexOf(START), end = text.indexOf(END);
		assertTrue(start >= 0 && end > start, "README.md needs the markers " + START + " and " + END);
		final String actual = text.substring(start + START.length(), end).trim();
		assertEquals(table(), actual, "Paste this table into README.md between the markers:\n" +
			table() + "\n");
	}

	/** The Markdown table of all parameters. */
	static String table() {
		final StringBuilder sb = new StringBuilder();
		sb.append("| Key (macro) | Option (command line) | Values | Default | Meaning |\n");
		sb.append("|---|---|---|---|---|\n");
		for (final Param p : Settings.PARAMS) {
			sb.append("| `").append(p.key()).append("` | `").append(p.option()).append("` | ").append(
				values(p)).append(" | ").append(defaultValue(p)).append(" | ").append(p.description())
				.append(" |\n");
		}
		return sb.toString().trim();
	}

	private static String values(final Param p) {
		switch (p.kind()) {
			case CHOICE:
				return String.join(", ", p.choices());
			case INTEGER:
				return String.format(Locale.ROOT, "whole number %d to %d", (long) p.min(), (long) p.max());
			case NUMBER:
				return "number " + plain(p.min()) + " to " + plain(p.max());
			case BOOLEAN:
				return "true, false";
			case FILE:
				return "file path";
			default:
				return "text";
		}
	}

	private static String defaultValue(final Param p) {
		// The only default that depends on the machine; the table shows what it means.
		if (p.key().equals("threads")) return "number of cores";
		return p.defaultValue().isEmpty() ? "(none)" : "`" + p.defaultValue() + "`";
	}

	private static String plain(final double d) {
		return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
	}
}
