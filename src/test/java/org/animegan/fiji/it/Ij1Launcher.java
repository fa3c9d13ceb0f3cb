package org.animegan.fiji.it;

import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.EventQueue;
import java.awt.Label;
import java.awt.TextComponent;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.WindowEvent;
import java.lang.reflect.Field;
import java.util.Vector;

/**
 * Starts plain ImageJ 1.x ({@code ij.ImageJ.main}) the way a user would, plus a stand-in for the
 * user at the screen: every dialog that opens is printed as one {@code DIALOG title: text} line and
 * answered with OK, so a test sees what a user would see instead of hanging on a modal window.
 * With {@code -Dlauncher.model=PATH}, the Photo to Anime dialog gets that model typed in first.
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
			.getTitle()))
		{
			@SuppressWarnings("unchecked")
			final Vector<TextField> fields = ((GenericDialog) dialog).getStringFields();
			if (fields != null && !fields.isEmpty()) fields.get(0).setText(model);
		}
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

	/** The visible text of a dialog, on one line. */
	private static void collect(final Component c, final StringBuilder text) {
		String s = null;
		if (c instanceof Label) s = ((Label) c).getText();
		else if (c instanceof TextComponent) s = ((TextComponent) c).getText();
		else if (c.getClass().getName().equals("ij.gui.MultiLineLabel")) s = multiLine(c);
		if (s != null && !s.isBlank()) text.append(' ').append(s.replaceAll("\\s+", " ").trim());
		if (c instanceof Container) {
			for (final Component child : ((Container) c).getComponents())
				collect(child, text);
		}
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
}
