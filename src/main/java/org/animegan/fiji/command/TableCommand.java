package org.animegan.fiji.command;

import ij.IJ;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.DynamicCommand;
import org.scijava.command.DynamicCommandInfo;
import org.scijava.log.LogService;
import org.scijava.module.DefaultMutableModuleItem;
import org.scijava.module.ModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.service.Service;
import org.scijava.widget.Button;

/**
 * A command whose inputs, after its own declared ones, are made from the parameter table
 * ({@link Settings#PARAMS}): one per row, named by the macro key, with the chosen model's licence
 * line under the model. Photo to Anime and Batch Folder share it, so a row is declared once.
 */
abstract class TableCommand extends DynamicCommand {

	/** The input that shows the chosen model's licence line under the model. */
	static final String LICENCE = "licence";

	/** Names of the section headings' inputs: this, then the section in lower case. */
	static final String HEADING = "heading_";

	/** The name of a section heading's input. */
	static String headingName(final Param.Section section) {
		return HEADING + section.name().toLowerCase(Locale.ROOT);
	}

	/** The Fiji dialog's reset button. */
	static final String RESET = "reset_to_defaults";

	@Parameter
	LogService log;

	private DynamicCommandInfo info;
	private ModelChoices choices;

	/**
	 * The inputs: the declared ones, then the table's rows by section as in the ImageJ 1.x dialog, each
	 * section under its heading, with the licence line under the model.
	 */
	@Override
	public DynamicCommandInfo getInfo() {
		if (info == null) {
			final DynamicCommandInfo i = super.getInfo();
			info = i; // first: setInput below asks for the info again
			choices = ModelChoices.standard();
			Param.Section section = null;
			for (final Param p : PlugInDialog.ordered()) {
				if (p.section() != section) {
					section = p.section();
					addMessage(i, headingName(section), section.heading());
				}
				addItem(i, p);
				if (p.key().equals(Settings.MODEL)) addMessage(i, LICENCE, "");
			}
			addResetButton(i);
			addInputs(i);
		}
		return info;
	}

	/** A line of text in the dialog (a section heading, the licence line), never a parameter. */
	private void addMessage(final DynamicCommandInfo i, final String name, final String text) {
		final DefaultMutableModuleItem<String> message = new DefaultMutableModuleItem<>(i, name,
			String.class);
		message.setVisibility(ItemVisibility.MESSAGE);
		message.setRequired(false);
		message.setPersisted(false);
		i.addInput(message);
		setInput(name, text);
	}

	/** SciJava remembers the last values by itself; this button is the way back to the table's. */
	private void addResetButton(final DynamicCommandInfo i) {
		final DefaultMutableModuleItem<Button> reset = new DefaultMutableModuleItem<>(i, RESET,
			Button.class);
		reset.setLabel(CommandMessages.RESET);
		reset.setCallback("resetToDefaults");
		reset.setRequired(false);
		reset.setPersisted(false);
		i.addInput(reset);
	}

	/** Every table input back to its default, as if the dialog were opened for the first time. */
	protected void resetToDefaults() {
		for (final Param p : Settings.PARAMS)
			setInput(p.key(), getInfo().getInput(p.key()).getDefaultValue());
		modelChanged();
	}

	/** Inputs of this command after the table's; none by default. */
	protected void addInputs(final DynamicCommandInfo i) {}

	private void addItem(final DynamicCommandInfo i, final Param p) {
		final DefaultMutableModuleItem<?> item;
		switch (p.kind()) {
			case INTEGER: {
				final DefaultMutableModuleItem<Integer> n = new DefaultMutableModuleItem<>(i, p.key(),
					Integer.class);
				n.setMinimumValue((int) p.min());
				n.setMaximumValue((int) p.max());
				n.setDefaultValue(Integer.valueOf(p.defaultValue()));
				item = n;
				break;
			}
			case NUMBER: {
				final DefaultMutableModuleItem<Double> n = new DefaultMutableModuleItem<>(i, p.key(),
					Double.class);
				n.setMinimumValue(p.min());
				n.setMaximumValue(p.max());
				n.setStepSize(p.max() - p.min() > 2 ? 0.1 : 0.05);
				n.setDefaultValue(Double.valueOf(p.defaultValue()));
				item = n;
				break;
			}
			case BOOLEAN: {
				final DefaultMutableModuleItem<Boolean> b = new DefaultMutableModuleItem<>(i, p.key(),
					Boolean.class);
				b.setDefaultValue(Boolean.valueOf(p.defaultValue()));
				item = b;
				break;
			}
			case FILE: {
				final DefaultMutableModuleItem<File> f = new DefaultMutableModuleItem<>(i, p.key(),
					File.class);
				f.setRequired(false);
				f.setPersisted(false);
				if (p.key().equals(Settings.LUT_FILE)) f.setWidgetStyle("extensions:cube");
				item = f;
				break;
			}
			default: {
				final DefaultMutableModuleItem<String> t = new DefaultMutableModuleItem<>(i, p.key(),
					String.class);
				if (p.kind() == Param.Kind.CHOICE) t.setChoices(p.choices());
				t.setDefaultValue(p.defaultValue());
				if (p.key().equals(Settings.MODEL)) {
					// SciJava checks choices only in the dialog: a macro may still give any path, URL,
					// catalog id or models-folder name.
					t.setChoices(choices.names());
					// The list shows catalog models by name; the table's default is the catalog id.
					t.setDefaultValue(choices.nameOf(p.defaultValue()));
					t.setInitializer("modelChanged");
					t.setCallback("modelChanged");
				}
				item = t;
			}
		}
		item.setLabel(p.label());
		item.setDescription(p.description());
		i.addInput(item);
		setInput(p.key(), item.getDefaultValue());
	}

	/** Shows the chosen model's licence line, and whether it is cached. */
	protected void modelChanged() {
		final Object model = getInput(Settings.MODEL);
		setInput(LICENCE, choices.lineOf(model == null ? "" : model.toString()));
	}

	/** The settings from the inputs named like the table's keys. */
	Settings settings() throws AnimeGanException {
		getInfo();
		final Map<String, String> v = new LinkedHashMap<>();
		for (final Param p : Settings.PARAMS) {
			final Object value = getInput(p.key());
			v.put(p.key(), value == null ? "" : value instanceof File ? ((File) value).getPath() : String
				.valueOf(value));
		}
		return Settings.of(v);
	}

	/** The names of the inputs a user or macro gives (services left out), in order. */
	List<String> parameterNames() {
		final List<String> names = new ArrayList<>();
		for (final ModuleItem<?> item : getInfo().inputs())
			if (!Service.class.isAssignableFrom(item.getType()) && item.getType() != Context.class)
				names.add(item.getName());
		return names;
	}

	void report(final String message) {
		cancel(message);
		log.error(message);
		if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) {
			IJ.error(getInfo().getLabel(), message); // the menu entry's name
		}
	}
}
