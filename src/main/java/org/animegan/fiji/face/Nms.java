package org.animegan.fiji.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Hard non-maximum suppression, as in the UltraFace demo: keep the best box, drop its overlaps. */
public final class Nms {

	private Nms() {}

	/**
	 * @param iouThreshold boxes overlapping a kept box by more than this are dropped
	 * @param candidates only the best this many boxes are considered
	 */
	public static List<FaceBox> hard(final List<FaceBox> boxes, final float iouThreshold,
		final int candidates)
	{
		final List<FaceBox> sorted = new ArrayList<>(boxes);
		sorted.sort(Comparator.comparingDouble((FaceBox b) -> b.score).reversed());
		final List<FaceBox> rest = new ArrayList<>(sorted.subList(0, Math.min(candidates, sorted
			.size())));
		final List<FaceBox> kept = new ArrayList<>();
		while (!rest.isEmpty()) {
			final FaceBox best = rest.remove(0);
			kept.add(best);
			rest.removeIf(b -> b.iou(best) > iouThreshold);
		}
		return kept;
	}
}
