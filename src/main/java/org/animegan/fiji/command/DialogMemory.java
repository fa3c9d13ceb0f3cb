package org.animegan.fiji.command;

import ij.Prefs;

import java.util.Map;

import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;

/**
 * The ImageJ 1.x dialog's last used values, kept in ImageJ's preferences (IJ_Prefs.txt, under
 * {@value #PREFIX}key) as ImageJ's own dialogs keep theirs. Only the dialog reads them: a macro's
 * missing keys always take the table's defaults, so that a macro line gives the same result for
 * everyone.
 */
final class DialogMemory {

	static final String PREFIX = "animegan.";

	private DialogMemory() {}

	/** The value last used for a parameter, or its default. */
	static String value(final Param p) {
		return Prefs.get(PREFIX + p.key(), p.defaultValue());
	}

	static void remember(final Map<String, String> values) {
		for (final Map.Entry<String, String> v : values.entrySet())
			Prefs.set(PREFIX + v.getKey(), v.getValue());
	}

	/** Back to the table's defaults. */
	static void forget() {
		for (final Param p : Settings.PARAMS)
			Prefs.set(PREFIX + p.key(), (String) null);
	}
}
