package org.animegan.fiji.command;

import ij.IJ;
import ij.Macro;
import ij.gui.DialogListener;
import ij.gui.GenericDialog;
import ij.gui.MultiLineLabel;
import ij.util.Tools;

import java.awt.AWTEvent;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Font;
import java.awt.TextField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;

/**
 * The ImageJ 1.x dialog, built from {@link Settings#PARAMS}: the parameters under the headings of
 * their sections, {@code model} as a list with the chosen model's licence line under it, and a Help
 * button. Labels are the macro keys in words ("Input_size" shows "Input size"): ImageJ 1.x takes a
 * field's macro key from the first word of its label, so a label cannot say more than its key.
 * Shown to a user, it starts from the last used values ({@link DialogMemory}), has "Reset to
 * defaults", and a Preview checkbox; neither is ever recorded (only fields read by
 * {@code getNext...} after OK are), so a recorded line replays the same run.
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
	/** Null in a macro, where there is no preview, and in Batch Folder. */
	private final PreviewWindow preview;
	/** The field of each parameter, for the preview and Reset (read without recording). */
	private final Map<Param, Component> fields = new HashMap<>();
	private Choice model;
	private MultiLineLabel licence;
	private Checkbox previewBox;
	private Map<String, String> values;
	private final Leading leading;

	/** Fields a dialog shows before the parameters (Batch Folder's folders); read before them. */
	interface Leading {

		/** Adds the fields; {@code macro}: the dialog only reads a macro's options. */
		void add(GenericDialog gd, boolean macro);

		/** Reads the fields with {@code getNext...}, which records them. */
		void read(GenericDialog gd);
	}

	/** @param preview the preview of the image the dialog is for, or null for none (a macro) */
	PlugInDialog(final ModelChoices choices, final PreviewWindow preview) {
		this(CommandMessages.TITLE, choices, preview, null);
	}

	/**
	 * @param preview the preview of the image the dialog is for, or null for none
	 * @param leading fields before the parameters, or null
	 */
	PlugInDialog(final String title, final ModelChoices choices, final PreviewWindow preview,
		final Leading leading)
	{
		this.choices = choices;
		this.items = choices.items();
		this.macro = Macro.getOptions() != null;
		this.preview = preview;
		this.leading = leading;
		gd = new GenericDialog(title);
		if (leading != null) leading.add(gd, macro);
		Param.Section section = null;
		for (final Param p : ordered()) {
			if (p.section() != section) {
				section = p.section();
				gd.addMessage(section.heading(), new Font("SansSerif", Font.BOLD, 12));
			}
			add(p, macro ? p.defaultValue() : DialogMemory.value(p));
		}
		if (!macro) gd.addButton(CommandMessages.RESET, e -> reset());
		if (this.preview != null) {
			gd.addCheckbox(CommandMessages.PREVIEW, false);
			previewBox = (Checkbox) gd.getCheckboxes().lastElement();
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

	private void add(final Param p, final String value) {
		final String label = label(p);
		switch (p.kind()) {
			case CHOICE:
				gd.addChoice(label, p.choices().toArray(new String[0]), p.choices().contains(value) ? value
					: p.defaultValue());
				fields.put(p, (Component) gd.getChoices().lastElement());
				break;
			case INTEGER:
			case NUMBER:
				gd.addNumericField(label, number(value, p), p.kind() == Param.Kind.INTEGER ? 0 : 3);
				fields.put(p, (Component) gd.getNumericFields().lastElement());
				break;
			case BOOLEAN:
				gd.addCheckbox(label, Boolean.parseBoolean(value));
				fields.put(p, (Component) gd.getCheckboxes().lastElement());
				break;
			case FILE:
				gd.addFileField(label, value);
				fields.put(p, (Component) gd.getStringFields().lastElement());
				break;
			default:
				if (p.key().equals(Settings.MODEL)) addModel(label, value);
				else gd.addStringField(label, value, 30);
				fields.put(p, p.key().equals(Settings.MODEL) ? model : (Component) gd.getStringFields()
					.lastElement());
		}
	}

	/** A remembered number, or the default if it is not one. */
	private static double number(final String value, final Param p) {
		final double d = Tools.parseDouble(value);
		return Double.isNaN(d) ? Double.parseDouble(p.defaultValue()) : d;
	}

	private void addModel(final String label, final String value) {
		final String remembered = choices.itemOf(value);
		final String first = remembered != null ? remembered : choices.itemOf(Settings.DEFAULT_MODEL);
		gd.addChoice(label, items.keySet().toArray(new String[0]), first);
		model = (Choice) gd.getChoices().lastElement();
		gd.addMessage(wrap(choices.licenceOf(value(model.getSelectedItem()))));
		licence = (MultiLineLabel) gd.getMessage();
	}

	/** Shows the dialog (in a macro: reads its options); the values by key, or null if cancelled. */
	Map<String, String> show() {
		try {
			gd.showDialog();
		}
		finally {
			if (preview != null) preview.close();
		}
		if (gd.wasCanceled()) return null;
		if (!macro) DialogMemory.remember(values);
		return values;
	}

	/**
	 * Updates the licence line when the model changes, and the preview when anything changes. Called
	 * with no event after OK, and in a macro: then it reads every field, as ImageJ records them only
	 * during this first call.
	 */
	@Override
	public boolean dialogItemChanged(final GenericDialog dialog, final AWTEvent e) {
		if (e == null) {
			values = read();
			return true;
		}
		if (e.getSource() == model) showLicence();
		if (previewBox != null) {
			if (!previewBox.getState()) preview.hide();
			else updatePreview();
		}
		return true;
	}

	private void showLicence() {
		licence.setText(wrap(choices.licenceOf(value(model.getSelectedItem()))));
		gd.pack();
	}

	private void updatePreview() {
		try {
			preview.update(Settings.of(current()));
		}
		catch (final AnimeGanException e) {
			IJ.showStatus(e.getMessage()); // a value being typed; the preview waits for a valid one
		}
	}

	/** The values the fields show now, read without recording them. */
	Map<String, String> current() {
		final Map<String, String> v = new LinkedHashMap<>();
		for (final Param p : ordered()) {
			final Component c = fields.get(p);
			if (c == model) v.put(p.key(), value(model.getSelectedItem()));
			else if (c instanceof Choice) v.put(p.key(), ((Choice) c).getSelectedItem());
			else if (c instanceof Checkbox) v.put(p.key(), Boolean.toString(((Checkbox) c).getState()));
			else v.put(p.key(), ((TextField) c).getText().trim());
		}
		return v;
	}

	/** Every field back to the table's default, and the remembered values forgotten. */
	void reset() {
		DialogMemory.forget();
		for (final Param p : ordered()) {
			final Component c = fields.get(p);
			if (c == model) model.select(choices.itemOf(Settings.DEFAULT_MODEL));
			else if (c instanceof Choice) ((Choice) c).select(p.defaultValue());
			else if (c instanceof Checkbox) ((Checkbox) c).setState(Boolean.parseBoolean(p
				.defaultValue()));
			else if (p.kind() == Param.Kind.INTEGER || p.kind() == Param.Kind.NUMBER) ((TextField) c)
				.setText(IJ.d2s(Double.parseDouble(p.defaultValue()), p.kind() == Param.Kind.INTEGER ? 0
					: 3));
			else ((TextField) c).setText(p.defaultValue());
		}
		showLicence();
		if (previewBox != null && previewBox.getState()) updatePreview();
	}

	private Map<String, String> read() {
		if (leading != null) leading.read(gd);
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
