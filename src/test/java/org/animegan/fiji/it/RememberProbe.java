package org.animegan.fiji.it;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.WindowEvent;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens Photo to Anime from the menu twice. The first time it chooses the model of
 * {@code -Dlauncher.model}, types 0.7 as style weight and presses OK; the second time it prints what
 * the dialog shows ({@code RESULT second_model=, second_weight=}), presses Reset to defaults, prints
 * again ({@code RESULT reset_model=, reset_weight=}) and cancels.
 */
public final class RememberProbe {

	private RememberProbe() {}

	public static void main(final String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		final ImagePlus input = IJ.createImage("photo", "RGB ramp", 48, 32, 1);
		input.show();
		IJ.wait(300);
		final AtomicInteger opened = new AtomicInteger();
		Toolkit.getDefaultToolkit().addAWTEventListener(event -> {
			if (event.getID() == WindowEvent.WINDOW_OPENED && event
				.getSource() instanceof GenericDialog) {
				final GenericDialog gd = (GenericDialog) event.getSource();
				final int n = opened.incrementAndGet();
				EventQueue.invokeLater(() -> answer(gd, n));
			}
		}, AWTEvent.WINDOW_EVENT_MASK);
		RecorderProbe.runFromMenu("Photo to Anime...", input);
		RecorderProbe.runFromMenu("Photo to Anime...", input);
		System.exit(0);
	}

	private static void answer(final GenericDialog gd, final int n) {
		final Choice model = (Choice) gd.getChoices().get(0);
		@SuppressWarnings("unchecked")
		final Vector<TextField> numbers = gd.getNumericFields();
		final TextField weight = numbers.get(0); // the first number of the Style section
		if (n == 1) {
			Ij1Launcher.chooseModel(gd, System.getProperty("launcher.model"));
			weight.setText("0.7");
			press(gd, gd.getButtons()[0]);
			return;
		}
		System.out.println("RESULT second_model=" + model.getSelectedItem());
		System.out.println("RESULT second_weight=" + weight.getText());
		press(gd, Ij1Launcher.button(gd, "Reset to defaults"));
		System.out.println("RESULT reset_model=" + model.getSelectedItem());
		System.out.println("RESULT reset_weight=" + weight.getText());
		press(gd, gd.getButtons()[1]);
	}

	private static void press(final GenericDialog gd, final Button b) {
		final ActionEvent e = new ActionEvent(b, ActionEvent.ACTION_PERFORMED, b.getLabel());
		if (b.getActionListeners().length > 0 && b.getActionListeners()[0] != gd) b
			.getActionListeners()[0].actionPerformed(e);
		else gd.actionPerformed(e);
	}
}
