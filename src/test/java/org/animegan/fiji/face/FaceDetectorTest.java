package org.animegan.fiji.face;

import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.image.Flip;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.style.StyleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UltraFace RFB-640 on real portraits (from ../shared/models; skipped when it is absent). */
class FaceDetectorTest {

	@TempDir
	Path tmp;

	/** astronaut.png and its mirror side by side, 1024x512: two portraits. */
	static RgbImage twoFaces() {
		final RgbImage a = astronaut();
		final RgbImage m = Flip.horizontal(a);
		final RgbImage out = new RgbImage(1024, 512);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 512; y++)
				for (int x = 0; x < 512; x++) {
					out.set(c, x, y, a.get(c, x, y));
					out.set(c, 512 + x, y, m.get(c, x, y));
				}
		return out;
	}

	@Test
	void findsTheOneFaceInAPortrait() throws AnimeGanException {
		final Path models = StyleFixtures.sharedModels();
		try (FaceDetector d = FaceDetector.open(FaceDetector.locate(new ModelLocator(models)), 2)) {
			final List<FaceBox> faces = d.detect(astronaut());
			System.out.println("astronaut.png: " + faces);
			assertEquals(1, faces.size());
			final FaceBox f = faces.get(0);
			// Her face is in the upper middle of the photo, roughly 100 px wide.
			assertTrue(f.x1 > 100 && f.x2 < 350 && f.y1 > 30 && f.y2 < 280, f.toString());
			assertTrue(f.width() > 60 && f.width() < 200, f.toString());
			assertTrue(f.score > FaceDetector.THRESHOLD);
		}
	}

	@Test
	void findsBothFacesSideBySide() throws AnimeGanException {
		final Path models = StyleFixtures.sharedModels();
		try (FaceDetector d = FaceDetector.open(FaceDetector.locate(new ModelLocator(models)), 2)) {
			final List<FaceBox> faces = d.detect(twoFaces());
			System.out.println("two portraits: " + faces);
			assertEquals(2, faces.size());
			final FaceBox left = faces.get(0).x1 < faces.get(1).x1 ? faces.get(0) : faces.get(1);
			final FaceBox right = left == faces.get(0) ? faces.get(1) : faces.get(0);
			assertTrue(left.x2 < 512 && right.x1 > 512);
			// Mirror images: the boxes mirror each other within a few pixels.
			assertEquals(1024 - left.x2, right.x1, 8);
			assertEquals(left.y1, right.y1, 8);
		}
	}

	@Test
	void aMissingDetectorSaysWhereToPutIt() {
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> FaceDetector.locate(
			new ModelLocator(tmp)));
		assertTrue(e.getMessage().contains(FaceDetector.FILE_NAME), e.getMessage());
		assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
		assertTrue(e.getMessage().contains("https://"), e.getMessage());
	}

	@Test
	void hardNmsKeepsTheBestOfOverlappingBoxes() {
		final List<FaceBox> kept = Nms.hard(List.of(new FaceBox(0, 0, 10, 10, 0.8f), new FaceBox(1, 1,
			11, 11, 0.9f), new FaceBox(20, 20, 30, 30, 0.75f)), 0.3f, 200);
		assertEquals(2, kept.size());
		assertEquals(0.9f, kept.get(0).score);
		assertEquals(0.75f, kept.get(1).score);
	}
}
