package org.animegan.fiji.command;

import ij.Macro;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.gui.MultiLineLabel;

import java.awt.AWTEvent;
import java.awt.Choice;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;

/**
 * The ImageJ 1.x dialog, built from {@link Settings#PARAMS}: the parameters under the headings of
 * their sections, {@code model} as a list with the chosen model's licence line under it, and a Help
 * button. Labels are the macro keys in words ("Input_size" shows "Input size"): ImageJ 1.x takes a
 * field's macro key from the first word of its label, so a label cannot say more than its key.
 */
final class PlugInDialog implements DialogListener {

	/** Lines of the licence line: fixed, so that the dialog keeps its size when the model changes. */
	private static final int LICENCE_LINES = 4;
	private static final int LICENCE_WIDTH = 72;

	private final ModelChoices choices;
	/** What each model item shows, mapped to the value recorded for it. */
	private final Map<String, String> items;
	private final GenericDialog gd;
	private final boolean macro;
	private Choice model;
	private MultiLineLabel licence;
	private Map<String, String> values;

	PlugInDialog(final ModelChoices choices) {
		this.choices = choices;
		this.items = choices.items();
		this.macro = Macro.getOptions() != null;
		gd = new GenericDialog(CommandMessages.TITLE);
		Param.Section section = null;
		for (final Param p : ordered()) {
			if (p.section() != section) {
				section = p.section();
				gd.addMessage(section.heading(), new Font("SansSerif", Font.BOLD, 12));
			}
			add(p);
		}
		gd.addHelp(CommandMessages.HELP_URL);
		gd.addDialogListener(this);
	}

	/** The parameters in dialog order: by section, in table order within each. */
	static List<Param> ordered() {
		final List<Param> ordered = new ArrayList<>();
		for (final Param.Section s : Param.Section.values())
			for (final Param p : Settings.PARAMS)
				if (p.section() == s) ordered.add(p);
		return ordered;
	}

	/**
	 * The label of a parameter: its key with a capital and upper-case abbreviations. ImageJ shows
	 * underscores as spaces and, lower-cased, keeps the label's first word as the macro key.
	 */
	static String label(final Param p) {
		final StringBuilder sb = new StringBuilder();
		for (final String word : p.key().split("_")) {
			if (sb.length() > 0) sb.append('_');
			if (word.equals("lut") || word.equals("tta")) sb.append(word.toUpperCase(Locale.ROOT));
			else sb.append(sb.length() == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1)
				: word);
		}
		return sb.toString();
	}

	private void add(final Param p) {
		final String label = label(p);
		switch (p.kind()) {
			case CHOICE:
				gd.addChoice(label, p.choices().toArray(new String[0]), p.defaultValue());
				break;
			case INTEGER:
				gd.addNumericField(label, Double.parseDouble(p.defaultValue()), 0);
				break;
			case NUMBER:
				gd.addNumericField(label, Double.parseDouble(p.defaultValue()), 3);
				break;
			case BOOLEAN:
				gd.addCheckbox(label, Boolean.parseBoolean(p.defaultValue()));
				break;
			case FILE:
				gd.addFileField(label, p.defaultValue());
				break;
			default:
				if (p.key().equals(Settings.MODEL)) addModel(label, p.defaultValue());
				else gd.addStringField(label, p.defaultValue(), 30);
		}
	}

	private void addModel(final String label, final String defaultModel) {
		final String first = choices.itemOf(defaultModel);
		gd.addChoice(label, items.keySet().toArray(new String[0]), first);
		model = (Choice) gd.getChoices().lastElement();
		gd.addMessage(wrap(choices.licenceOf(value(model.getSelectedItem()))));
		licence = (MultiLineLabel) gd.getMessage();
	}

	/** Shows the dialog (in a macro: reads its options); the values by key, or null if cancelled. */
	Map<String, String> show() {
		gd.showDialog();
		return gd.wasCanceled() ? null : values;
	}

	/**
	 * Updates the licence line when the model changes. Called with no event after OK, and in a
	 * macro: then it reads every field, as ImageJ records them only during this first call.
	 */
	@Override
	public boolean dialogItemChanged(final GenericDialog dialog, final AWTEvent e) {
		if (e == null) values = read();
		else if (e.getSource() == model) {
			licence.setText(wrap(choices.licenceOf(value(model.getSelectedItem()))));
			gd.pack();
		}
		return true;
	}

	private Map<String, String> read() {
		final Map<String, String> v = new LinkedHashMap<>();
		for (final Param p : ordered()) {
			switch (p.kind()) {
				case CHOICE:
					v.put(p.key(), gd.getNextChoice());
					break;
				case INTEGER:
				case NUMBER:
					v.put(p.key(), Double.toString(gd.getNextNumber()));
					break;
				case BOOLEAN:
					v.put(p.key(), Boolean.toString(gd.getNextBoolean()));
					break;
				default:
					if (p.key().equals(Settings.MODEL)) v.put(p.key(), readModel());
					else v.put(p.key(), gd.getNextString());
			}
		}
		return v;
	}

	/**
	 * The model's value. A macro's value is taken as given (ImageJ does not restrict a choice to its
	 * items), so paths, URLs and names still work. From the dialog, the list holds only the chosen
	 * item's value when it is read, so that the recorder writes {@code model=paprika}, not what the
	 * item shows.
	 */
	private String readModel() {
		if (!macro) {
			final String chosen = value(model.getSelectedItem());
			model.removeAll();
			model.add(chosen);
			model.select(0);
		}
		return value(gd.getNextChoice());
	}

	/** The value of a list item; other text (a macro's path, URL or name) as it is. */
	private String value(final String item) {
		return items.getOrDefault(item, item);
	}

	/** The text in lines of at most {@value #LICENCE_WIDTH} characters, always {@value #LICENCE_LINES}. */
	static String wrap(final String text) {
		final List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (final String word : text.split(" ")) {
			if (line.length() > 0 && line.length() + 1 + word.length() > LICENCE_WIDTH) {
				lines.add(line.toString());
				line = new StringBuilder();
			}
			if (line.length() > 0) line.append(' ');
			line.append(word);
		}
		lines.add(line.toString());
		while (lines.size() < LICENCE_LINES)
			lines.add(" ");
		return String.join("\n", lines);
	}
}
