package org.animegan.fiji.it;

import ij.IJ;
import ij.ImageJ;
import ij.WindowManager;
import ij.text.TextPanel;
import ij.text.TextWindow;

import java.awt.Button;
import java.awt.EventQueue;
import java.awt.event.ActionEvent;

/**
 * Opens Plugins › AnimeGAN › Models..., prints its table ({@code RESULT line<i>=}), then selects the
 * row whose name is the first argument, presses "Delete from cache" and prints the table again
 * ({@code RESULT after<i>=}).
 */
public final class ModelsProbe {

	private ModelsProbe() {}

	public static void main(final String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		IJ.run("Models...");
		final TextWindow window = (TextWindow) WindowManager.getWindow("AnimeGAN models");
		final TextPanel table = window.getTextPanel();
		System.out.println("RESULT headings=" + table.getColumnHeadings());
		print(table, "line");
		int row = -1;
		for (int i = 0; i < table.getLineCount(); i++)
			if (table.getLine(i).startsWith(args[0] + "\t")) row = i;
		final int selected = row;
		final String before = table.getLine(row);
		EventQueue.invokeAndWait(() -> {
			table.setSelection(selected, selected);
			final Button delete = Ij1Launcher.button(window, "Delete from cache");
			delete.getActionListeners()[0].actionPerformed(new ActionEvent(delete,
				ActionEvent.ACTION_PERFORMED, delete.getLabel()));
		});
		for (int i = 0; i < 100 && table.getLine(selected).equals(before); i++)
			Thread.sleep(100);
		print(table, "after");
		System.exit(0);
	}

	private static void print(final TextPanel table, final String key) {
		for (int i = 0; i < table.getLineCount(); i++)
			System.out.println("RESULT " + key + i + "=" + table.getLine(i));
	}
}
