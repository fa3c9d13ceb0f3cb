package org.animegan.fiji.face;

import java.util.ArrayList;
import java.util.List;

/**
 * Faces over time, for one sequence of frames given in order: each detected box is matched to the
 * face of the frame before that it overlaps most, and its corners are averaged with that face's, so a
 * pasted face does not jitter with the detector's few pixels of noise; a face the detector misses in
 * one frame is kept where it was, so it does not blink. A face missed twice is dropped; a new one
 * is taken at once. Keeps only the faces of the last frame.
 */
public final class FaceTrack {

	/** Boxes overlapping at least this much (intersection over union) are the same face. */
	static final float SAME_FACE = 0.3f;
	/** Weight of the face's previous corners against the new detection. */
	static final float WEIGHT = 0.5f;
	/** Frames a face may be missed in a row and still be kept. */
	static final int KEPT_MISSES = 1;

	private static final class Face {
		final FaceBox box;
		final int missed;

		Face(final FaceBox box, final int missed) {
			this.box = box;
			this.missed = missed;
		}
	}

	private List<Face> faces = new ArrayList<>();

	/** The faces to use in the next frame, given what the detector found in it. */
	public List<FaceBox> next(final List<FaceBox> detected) {
		final List<Face> previous = new ArrayList<>(faces);
		final List<Face> now = new ArrayList<>();
		for (final FaceBox d : detected) {
			Face best = null;
			float bestIou = SAME_FACE;
			for (final Face f : previous) {
				final float iou = f.box.iou(d);
				if (iou >= bestIou) {
					best = f;
					bestIou = iou;
				}
			}
			if (best == null) now.add(new Face(d, 0));
			else {
				previous.remove(best);
				now.add(new Face(average(best.box, d), 0));
			}
		}
		for (final Face f : previous)
			if (f.missed < KEPT_MISSES) now.add(new Face(f.box, f.missed + 1));
		faces = now;
		final List<FaceBox> boxes = new ArrayList<>(now.size());
		for (final Face f : now)
			boxes.add(f.box);
		return boxes;
	}

	private static FaceBox average(final FaceBox old, final FaceBox d) {
		final float k = 1 - WEIGHT;
		return new FaceBox(old.x1 + k * (d.x1 - old.x1), old.y1 + k * (d.y1 - old.y1), old.x2 + k *
			(d.x2 - old.x2), old.y2 + k * (d.y2 - old.y2), d.score);
	}
}
