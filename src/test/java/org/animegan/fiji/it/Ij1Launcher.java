package org.animegan.fiji.it;

import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.TextComponent;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.WindowEvent;
import java.lang.reflect.Field;
import java.util.Vector;

/**
 * Starts plain ImageJ 1.x ({@code ij.ImageJ.main}) the way a user would, plus a stand-in for the
 * user at the screen: every dialog that opens is printed as one {@code DIALOG title: text} line
 * (labels, fields, checkboxes, buttons, every item of each list) and answered with OK, so a test
 * sees what a user would see instead of hanging on a modal window.
 * With {@code -Dlauncher.model=NAME}, the Photo to Anime dialog gets that model chosen first (a
 * name from its model list, or a path as a custom file).
 */
public final class Ij1Launcher {

	private Ij1Launcher() {}

	public static void main(final String[] args) {
		installResponder();
		ij.ImageJ.main(args);
	}

	static void installResponder() {
		Toolkit.getDefaultToolkit().addAWTEventListener(event -> {
			if (event.getID() == WindowEvent.WINDOW_OPENED && event.getSource() instanceof Dialog) {
				answer((Dialog) event.getSource());
			}
		}, AWTEvent.WINDOW_EVENT_MASK);
	}

	private static void answer(final Dialog dialog) {
		final String model = System.getProperty("launcher.model");
		if (model != null && dialog instanceof GenericDialog && "Photo to Anime".equals(dialog
			.getTitle())) chooseModel((GenericDialog) dialog, model);
		final StringBuilder text = new StringBuilder();
		collect(dialog, text);
		System.out.println("DIALOG " + dialog.getTitle() + ":" + text);
		System.out.flush();
		EventQueue.invokeLater(() -> {
			if (dialog instanceof GenericDialog) {
				final GenericDialog gd = (GenericDialog) dialog;
				final Button[] buttons = gd.getButtons();
				if (buttons != null && buttons[0] != null) {
					gd.actionPerformed(new ActionEvent(buttons[0], ActionEvent.ACTION_PERFORMED, buttons[0]
						.getLabel()));
					return;
				}
			}
			dialog.dispose();
		});
	}

	/**
	 * Picks the model as a user would: the item of the model list (the first list) that shows this
	 * name, else "Custom file..." with the name typed into the file field (the first text field).
	 */
	static void chooseModel(final GenericDialog gd, final String model) {
		final Choice list = (Choice) gd.getChoices().get(0);
		String item = null;
		for (int i = 0; i < list.getItemCount(); i++)
			if (item == null && (list.getItem(i).equals(model) || list.getItem(i).startsWith(model +
				" "))) item = list.getItem(i);
		if (item == null) {
			item = "Custom file...";
			@SuppressWarnings("unchecked")
			final Vector<TextField> fields = gd.getStringFields();
			fields.get(0).setText(model);
		}
		list.select(item);
		// What a click does besides selecting: the dialog hears of the change.
		gd.itemStateChanged(new ItemEvent(list, ItemEvent.ITEM_STATE_CHANGED, item,
			ItemEvent.SELECTED));
	}

	/** The visible text of a dialog, on one line. */
	static void collect(final Component c, final StringBuilder text) {
		String s = null;
		if (c instanceof Label) s = ((Label) c).getText();
		else if (c instanceof TextComponent) s = ((TextComponent) c).getText();
		else if (c instanceof Checkbox) s = ((Checkbox) c).getLabel();
		else if (c instanceof Button) s = ((Button) c).getLabel();
		else if (c instanceof Choice) s = items((Choice) c);
		else if (c.getClass().getName().equals("ij.gui.MultiLineLabel")) s = multiLine(c);
		if (s != null && !s.isBlank()) text.append(' ').append(s.replaceAll("\\s+", " ").trim());
		if (c instanceof Container) {
			for (final Component child : ((Container) c).getComponents())
				collect(child, text);
		}
	}

	/** A list's items, between brackets and separated by bars. */
	private static String items(final Choice list) {
		final StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < list.getItemCount(); i++)
			sb.append(i == 0 ? "" : " | ").append(list.getItem(i));
		return sb.append(']').toString();
	}

	/** ij.gui.MultiLineLabel keeps its lines in a package-private field. */
	private static String multiLine(final Component label) {
		try {
			final Field f = label.getClass().getDeclaredField("lines");
			f.setAccessible(true);
			final String[] lines = (String[]) f.get(label);
			return lines == null ? null : String.join(" ", lines);
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			return "<unreadable " + e + ">";
		}
	}

	/** The button with this label in a window, or null. */
	static Button button(final Component c, final String label) {
		if (c instanceof Button && ((Button) c).getLabel().equals(label)) return (Button) c;
		if (c instanceof Container) for (final Component child : ((Container) c).getComponents()) {
			final Button b = button(child, label);
			if (b != null) return b;
		}
		return null;
	}
}
