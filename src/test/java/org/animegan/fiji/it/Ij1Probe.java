package org.animegan.fiji.it;

import ij.IJ;
import ij.Menus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Questions about a running ImageJ 1.x, asked from a macro with {@code call("org.animegan.fiji.it.Ij1Probe.x", ...)}
 * (ImageJ's call() takes and returns strings).
 */
public final class Ij1Probe {

	private Ij1Probe() {}

	/** Prints to the process' stdout (a macro's print() goes to the Log window when ImageJ has a GUI). */
	public static String out(final String line) {
		System.out.println(line);
		System.out.flush();
		return line;
	}

	/** Every menu path under which an item with this label sits, joined by " | ". */
	public static String menuPaths(final String label) {
		final MenuBar bar = Menus.getMenuBar();
		if (bar == null) return "<no menu bar>";
		final List<String> found = new ArrayList<>();
		for (int i = 0; i < bar.getMenuCount(); i++)
			find(bar.getMenu(i), bar.getMenu(i).getLabel(), label, found);
		return String.join(" | ", found);
	}

	private static void find(final Menu menu, final String path, final String label,
		final List<String> found)
	{
		for (int i = 0; i < menu.getItemCount(); i++) {
			final MenuItem item = menu.getItem(i);
			if (item instanceof Menu) find((Menu) item, path + ">" + item.getLabel(), label, found);
			else if (label.equals(item.getLabel())) found.add(path + ">" + item.getLabel());
		}
	}

	/** The class ImageJ's command table runs for a label. */
	public static String commandClass(final String label) {
		return String.valueOf(Menus.getCommands().get(label));
	}

	/** The file name of the jar (or folder) a class is loaded from by ImageJ's plugin class loader. */
	public static String loadedFrom(final String className) throws Exception {
		final Class<?> c = Class.forName(className, false, IJ.getClassLoader());
		return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName()
			.toString();
	}

	/** Whether the ROI Manager window exists and is showing on the screen. */
	public static String roiManagerShown() {
		final RoiManager rm = RoiManager.getInstance();
		return String.valueOf(rm != null && rm.isShowing());
	}

	/** The bounding boxes of the ROI Manager's rois as {@code x,y,w,h} joined by ";" (empty if none). */
	public static String roiManagerBoxes() {
		final RoiManager rm = RoiManager.getInstance();
		if (rm == null) return "";
		final List<String> boxes = new ArrayList<>();
		for (final Roi roi : rm.getRoisAsArray()) {
			final Rectangle b = roi.getBounds();
			boxes.add(b.x + "," + b.y + "," + b.width + "," + b.height);
		}
		return String.join(";", boxes);
	}
}
