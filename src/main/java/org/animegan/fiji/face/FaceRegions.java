package org.animegan.fiji.face;

import java.awt.Rectangle;

/** Where faces are cut out of an image: squares, so they can be stylized at 512x512. */
public final class FaceRegions {

	/** The side the face model works at (the PyTorch port's face2paint size). */
	public static final int FACE_SIZE = 512;
	/** The square around a detected face is this many times the box's longer side. */
	public static final double MARGIN = 1.6;

	private FaceRegions() {}

	/** face2paint's crop: the largest centred square. */
	public static Rectangle centreSquare(final int width, final int height) {
		final int s = Math.min(width, height);
		return new Rectangle((width - s) / 2, (height - s) / 2, s, s);
	}

	/**
	 * A square around a face with a margin for hair and chin, moved (and if need be shrunk) to lie
	 * inside the image.
	 */
	public static Rectangle around(final FaceBox face, final int width, final int height) {
		final int side = (int) Math.min(Math.round(MARGIN * Math.max(face.width(), face.height())),
			Math.min(width, height));
		final int s = Math.max(side, 1);
		final double cx = (face.x1 + face.x2) / 2.0, cy = (face.y1 + face.y2) / 2.0;
		final int x = clamp((int) Math.round(cx - s / 2.0), width - s);
		final int y = clamp((int) Math.round(cy - s / 2.0), height - s);
		return new Rectangle(x, y, s, s);
	}

	private static int clamp(final int v, final int max) {
		return v < 0 ? 0 : v > max ? max : v;
	}
}
