package org.animegan.fiji.face;

import java.awt.Rectangle;
import java.util.Locale;

/** A detected face: corners in pixels of the image it was found in, and the detector's score. */
public final class FaceBox {

	public final float x1, y1, x2, y2, score;

	public FaceBox(final float x1, final float y1, final float x2, final float y2,
		final float score)
	{
		this.x1 = x1;
		this.y1 = y1;
		this.x2 = x2;
		this.y2 = y2;
		this.score = score;
	}

	public float width() {
		return Math.max(0, x2 - x1);
	}

	public float height() {
		return Math.max(0, y2 - y1);
	}

	public float area() {
		return width() * height();
	}

	/** Intersection over union with another box. */
	public float iou(final FaceBox o) {
		final float w = Math.min(x2, o.x2) - Math.max(x1, o.x1);
		final float h = Math.min(y2, o.y2) - Math.max(y1, o.y1);
		if (w <= 0 || h <= 0) return 0;
		final float inter = w * h;
		return inter / (area() + o.area() - inter);
	}

	/** The same box shifted by (dx, dy), e.g. from a selection's crop to the whole image. */
	public FaceBox shift(final int dx, final int dy) {
		return new FaceBox(x1 + dx, y1 + dy, x2 + dx, y2 + dy, score);
	}

	public Rectangle bounds() {
		final int x = Math.round(x1), y = Math.round(y1);
		return new Rectangle(x, y, Math.max(1, Math.round(x2) - x), Math.max(1, Math.round(y2) - y));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "face(%.0f,%.0f)-(%.0f,%.0f) %.3f", x1, y1, x2, y2, score);
	}
}
