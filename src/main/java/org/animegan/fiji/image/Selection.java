package org.animegan.fiji.image;

import ij.gui.Roi;

import java.awt.Rectangle;

/**
 * An area selection on the input: only its bounding box is processed, and the result goes back
 * into a copy of the full plane. Non-rectangular selections are blended along their edge with a
 * {@link FeatherMask}, which keeps every pixel outside the selection exactly as it was.
 */
public final class Selection {

	/** Gaussian sigma of the edge blend, in pixels. */
	public static final double FEATHER = 2.0;

	private final Rectangle bounds;
	private final float[] mask;

	private Selection(final Rectangle bounds, final float[] mask) {
		this.bounds = bounds;
		this.mask = mask;
	}

	/** The selection of {@code roi} on a width x height plane; null if there is no area to restrict to. */
	public static Selection of(final Roi roi, final int width, final int height) {
		if (roi == null || !roi.isArea()) return null;
		final Rectangle b = roi.getBounds().intersection(new Rectangle(width, height));
		if (b.isEmpty() || b.width == width && b.height == height && roi.getType() == Roi.RECTANGLE &&
			roi.getCornerDiameter() == 0) return null;
		return new Selection(b, FeatherMask.of(roi, b, FEATHER));
	}

	public Rectangle bounds() {
		return new Rectangle(bounds);
	}

	/** The part of a plane that is processed. */
	public RgbImage crop(final RgbImage plane) {
		return plane.crop(bounds.x, bounds.y, bounds.width, bounds.height);
	}

	/** A copy of {@code plane} with the processed crop pasted back. */
	public RgbImage paste(final RgbImage plane, final RgbImage result) {
		final RgbImage out = plane.copy();
		Paste.into(out, result, bounds.x, bounds.y, mask);
		return out;
	}
}
