package org.animegan.fiji.command;

import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;

/** The inputs a {@link TableCommand} adds for the parameter table, in dialog order. */
final class TableInputs {

	private TableInputs() {}

	/**
	 * Each section's heading (a line of text that is no parameter) and its parameters, the licence
	 * line under the model, then the reset button.
	 */
	static List<String> expected() {
		final List<String> keys = new ArrayList<>();
		Param.Section section = null;
		for (final Param p : PlugInDialog.ordered()) {
			if (p.section() != section) {
				section = p.section();
				keys.add(TableCommand.headingName(section));
			}
			keys.add(p.key());
			if (p.key().equals(Settings.MODEL)) keys.add(TableCommand.LICENCE);
		}
		keys.add(TableCommand.RESET);
		return keys;
	}
}
