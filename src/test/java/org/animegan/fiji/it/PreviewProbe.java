package org.animegan.fiji.it;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.Checkbox;
import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.ItemEvent;
import java.awt.event.WindowEvent;
import java.util.Arrays;
import java.util.Vector;

/**
 * Opens Photo to Anime from the menu as a user would, chooses the model given as
 * {@code -Dlauncher.model}, ticks Preview, waits for the preview window, and then presses the
 * button given as the first argument (Cancel, or OK). Prints the image list before, with the
 * preview, and after, as {@code RESULT} lines.
 */
public final class PreviewProbe {

	private PreviewProbe() {}

	public static void main(final String[] args) throws Exception {
		final boolean ok = args.length > 0 && args[0].equals("OK");
		new ImageJ(ImageJ.NO_SHOW); // image windows as a user has them (without, show() keeps them hidden)
		final ImagePlus input = IJ.createImage("photo", "RGB ramp", 96, 64, 1);
		input.show();
		IJ.wait(300);
		System.out.println("RESULT before=" + titles());
		Toolkit.getDefaultToolkit().addAWTEventListener(event -> {
			if (event.getID() == WindowEvent.WINDOW_OPENED && event
				.getSource() instanceof GenericDialog) new Thread(() -> drive((GenericDialog) event
					.getSource(), ok)).start();
		}, AWTEvent.WINDOW_EVENT_MASK);
		RecorderProbe.runFromMenu("Photo to Anime...", input);
		IJ.wait(500);
		System.out.println("RESULT after=" + titles());
		System.exit(0);
	}

	private static void drive(final GenericDialog gd, final boolean ok) {
		try {
			EventQueue.invokeAndWait(() -> Ij1Launcher.chooseModel(gd, System.getProperty(
				"launcher.model")));
			@SuppressWarnings("unchecked")
			final Vector<Checkbox> boxes = gd.getCheckboxes();
			final Checkbox preview = boxes.lastElement();
			System.out.println("RESULT checkbox=" + preview.getLabel());
			EventQueue.invokeAndWait(() -> {
				preview.setState(true);
				gd.itemStateChanged(new ItemEvent(preview, ItemEvent.ITEM_STATE_CHANGED, preview,
					ItemEvent.SELECTED));
			});
			for (int i = 0; i < 600 && WindowManager.getImageCount() < 2; i++)
				Thread.sleep(100);
			System.out.println("RESULT during=" + titles());
			final Button button = gd.getButtons()[ok ? 0 : 1];
			EventQueue.invokeAndWait(() -> gd.actionPerformed(new ActionEvent(button,
				ActionEvent.ACTION_PERFORMED, button.getLabel())));
		}
		catch (final Exception e) {
			e.printStackTrace();
		}
	}

	private static String titles() {
		final int[] ids = WindowManager.getIDList();
		if (ids == null) return "[]";
		final String[] t = new String[ids.length];
		for (int i = 0; i < ids.length; i++)
			t[i] = WindowManager.getImage(ids[i]).getTitle();
		return Arrays.toString(t);
	}
}
