package org.animegan.fiji.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Faces over time: boxes that do not jitter, and a face missed for one frame kept. */
class FaceTrackTest {

	private static FaceBox box(final float x, final float y, final float side) {
		return new FaceBox(x, y, x + side, y + side, 0.9f);
	}

	private static float cornerMove(final FaceBox a, final FaceBox b) {
		return Math.abs(a.x1 - b.x1) + Math.abs(a.y1 - b.y1) + Math.abs(a.x2 - b.x2) + Math.abs(a.y2 -
			b.y2);
	}

	/** A still face whose detections jitter by up to 3 pixels: the boxes used move much less. */
	@Test
	void jitterIsSmoothed() {
		final FaceTrack track = new FaceTrack();
		final Random random = new Random(3);
		FaceBox prevIn = null, prevOut = null;
		double in = 0, out = 0;
		for (int k = 0; k < 30; k++) {
			final FaceBox d = box(100 + 3 * (2 * random.nextFloat() - 1), 80 + 3 * (2 * random
				.nextFloat() - 1), 60 + 3 * (2 * random.nextFloat() - 1));
			final List<FaceBox> used = track.next(List.of(d));
			assertEquals(1, used.size());
			if (prevIn != null) {
				in += cornerMove(prevIn, d);
				out += cornerMove(prevOut, used.get(0));
			}
			prevIn = d;
			prevOut = used.get(0);
		}
		assertTrue(out < 0.7 * in, "boxes moved " + out + " against detections " + in);
	}

	/** A face that moves is followed: after a few frames the box is within a pixel of it. */
	@Test
	void aMovingFaceIsFollowed() {
		final FaceTrack track = new FaceTrack();
		List<FaceBox> used = null;
		for (int k = 0; k < 12; k++)
			used = track.next(List.of(box(50 + 2 * k, 40, 60)));
		assertEquals(1, used.size());
		// Exponential smoothing of a steady motion lags by (weight / (1 - weight)) steps: 2 pixels.
		assertEquals(50 + 2 * 11, used.get(0).x1, 2.1);
	}

	@Test
	void aFaceMissedForOneFrameIsKeptAndDroppedAfterTwo() {
		final FaceTrack track = new FaceTrack();
		final FaceBox face = box(100, 80, 60);
		track.next(List.of(face));
		final List<FaceBox> missedOnce = track.next(List.of());
		assertEquals(1, missedOnce.size(), "kept for one frame");
		assertEquals(face.x1, missedOnce.get(0).x1, 1e-6);
		assertEquals(1, track.next(List.of(face)).size(), "found again");
		assertEquals(1, track.next(List.of()).size());
		assertEquals(0, track.next(List.of()).size(), "missed twice: gone");
	}

	/** Two faces stay two; a new face far from both is taken at once, unsmoothed. */
	@Test
	void facesAreMatchedByOverlap() {
		final FaceTrack track = new FaceTrack();
		track.next(List.of(box(10, 10, 40), box(200, 10, 40)));
		final List<FaceBox> used = track.next(List.of(box(202, 10, 40), box(12, 10, 40), box(100, 150,
			30)));
		assertEquals(3, used.size());
		assertEquals(201, used.get(0).x1, 1e-4);
		assertEquals(11, used.get(1).x1, 1e-4);
		assertEquals(100, used.get(2).x1, 1e-4);
	}
}
