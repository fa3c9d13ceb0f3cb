package org.animegan.fiji.face;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.frame.RoiManager;

import java.awt.GraphicsEnvironment;
import java.util.List;

/**
 * The faces found in detect mode, kept on the output image as a property so that the command can
 * put them in the ROI Manager and the command line can count them.
 */
public final class FaceRois {

	/** Output image property holding a {@code Roi[]} of the faces. */
	public static final String PROPERTY = "animegan.faces";

	private FaceRois() {}

	/** A rectangle roi for a face, on plane {@code position} (1-based) of a stack, 0 for all. */
	public static Roi roi(final FaceBox f, final int position) {
		final Roi roi = new Roi(f.bounds());
		roi.setName(String.format(java.util.Locale.ROOT, "face %.2f", f.score));
		if (position > 0) roi.setPosition(position);
		return roi;
	}

	public static void attach(final ImagePlus output, final List<Roi> faces) {
		output.setProperty(PROPERTY, faces.toArray(new Roi[0]));
	}

	/** The faces attached to an output, or null if face detection did not run. */
	public static Roi[] of(final ImagePlus output) {
		final Object p = output.getProperty(PROPERTY);
		return p instanceof Roi[] ? (Roi[]) p : null;
	}

	/** Adds the output's faces to the ROI Manager; does nothing headless or without faces. */
	public static void addToManager(final ImagePlus output) {
		final Roi[] faces = output == null ? null : of(output);
		if (faces == null || faces.length == 0 || GraphicsEnvironment.isHeadless()) return;
		final RoiManager rm = RoiManager.getRoiManager();
		for (final Roi r : faces)
			rm.addRoi((Roi) r.clone());
	}
}
