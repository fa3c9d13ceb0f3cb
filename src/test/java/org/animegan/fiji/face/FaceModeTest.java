package org.animegan.fiji.face;

import static org.animegan.fiji.style.StyleFixtures.FAST_MODEL;
import static org.animegan.fiji.style.StyleFixtures.V2_MODEL;
import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.animegan.fiji.style.StyleFixtures.image;
import static org.animegan.fiji.style.StyleFixtures.maxAbsDiff;
import static org.animegan.fiji.style.StyleFixtures.meanAbsDiff;
import static org.animegan.fiji.style.StyleFixtures.plane;
import static org.animegan.fiji.style.StyleFixtures.rounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.style.StyleFixtures;
import org.animegan.fiji.stylize.PlaneStylizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** face_enhance on real portraits: what changes, what stays the scene model's. */
@Tag("slow")
class FaceModeTest {

	private static ModelCache cache;

	@BeforeAll
	static void setUp() {
		cache = new ModelCache();
	}

	@AfterAll
	static void tearDown() {
		cache.close();
	}

	private static Settings settings(final String... more) throws AnimeGanException {
		return Settings.of("model", FAST_MODEL.toAbsolutePath().toString(), "face_model", FAST_MODEL
			.toAbsolutePath().toString(), "input_size", "native", "threads", "2").with("face_enhance",
				"off").with(more.length > 0 ? more[0] : "face_enhance", more.length > 1 ? more[1]
					: "off");
	}

	@Test
	void aSecondDetectRunLoadsNoModelAgain() throws AnimeGanException {
		try (ModelCache own = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(own, new ModelLocator(StyleFixtures.sharedModels()));
			final ImagePlus input = image("astronaut", rounded(astronaut(128)));
			final Settings s = settings("face_enhance", "detect");
			tool.stylize(input, s, Progress.NONE);
			// One generator (scene and face model are the same file here) and the detector.
			assertEquals(2, own.loads());
			final ImagePlus again = tool.stylize(input, s, Progress.NONE);
			assertEquals(2, own.loads(), "the second run opens nothing");
			assertEquals(2, own.size());
			assertNotNull(FaceRois.of(again));
		}
	}

	@Test
	void detectPastesEveryFaceAndLeavesTheRestToTheSceneModel() throws AnimeGanException {
		final Path models = StyleFixtures.sharedModels();
		final AnimeGan tool = new AnimeGan(cache, new ModelLocator(models));
		final ImagePlus input = image("two portraits", rounded(FaceDetectorTest.twoFaces()));
		final List<String> lines = new ArrayList<>();
		final Progress log = Progress.logTo(lines::add);
		// Scene: the v2 test generator at 256 px; faces: the v3 one at 512 px, so they look different.
		final Settings scenic = settings("face_enhance", "detect").with("model", V2_MODEL
			.toAbsolutePath().toString()).with("input_size", "256");
		final ImagePlus faces = tool.stylize(input, scenic, log);
		final ImagePlus scene = tool.stylize(input, scenic.with("face_enhance", "off"), Progress.NONE);
		final Roi[] rois = FaceRois.of(faces);
		assertNotNull(rois);
		assertEquals(2, rois.length);
		assertNull(FaceRois.of(scene), "no face list when faces are not looked for");
		assertTrue(lines.stream().anyMatch(l -> l.contains("2 faces")), lines.toString());

		final RgbImage withFaces = plane(faces), sceneOnly = plane(scene);
		final List<Roi> masks = new ArrayList<>();
		for (final Roi r : rois) {
			final Rectangle b = r.getBounds();
			final Rectangle sq = FaceRegions.around(new FaceBox(b.x, b.y, b.x + b.width, b.y + b.height,
				1), 1024, 512);
			masks.add(new OvalRoi(sq.x, sq.y, sq.width, sq.height));
		}
		int outside = 0;
		for (int y = 0; y < 512; y++)
			for (int x = 0; x < 1024; x++) {
				boolean in = false;
				for (final Roi m : masks)
					in |= m.contains(x, y);
				if (in) continue;
				outside++;
				for (int c = 0; c < 3; c++)
					assertEquals(sceneOnly.get(c, x, y), withFaces.get(c, x, y), 0f, "pixel " + x + "," + y);
			}
		// Inside, the centre of each face is the face model's result on the 512x512 face square.
		final PlaneStylizer faceModel = new PlaneStylizer(tool.generator(settings().with("input_size",
			"512")), settings());
		final RgbImage photo = StyleFixtures.plane(input);
		final StringBuilder centres = new StringBuilder();
		for (final Roi m : masks) {
			final Rectangle sq = m.getBounds();
			final RgbImage big = Resampler.resize(photo.crop(sq.x, sq.y, sq.width, sq.height), 512, 512,
				Resampler.Filter.LANCZOS3);
			final RgbImage expected = rounded(Resampler.resize(faceModel.generate(List.of(big)).get(0),
				sq.width, sq.height, Resampler.Filter.LANCZOS3));
			final int q = sq.width / 4;
			final RgbImage centre = withFaces.crop(sq.x + q, sq.y + q, 2 * q, 2 * q);
			final double d = maxAbsDiff(centre, expected.crop(q, q, 2 * q, 2 * q));
			final double s = meanAbsDiff(sceneOnly.crop(sq.x + q, sq.y + q, 2 * q, 2 * q), expected.crop(
				q, q, 2 * q, 2 * q));
			centres.append(String.format(Locale.ROOT, " %.1f (scene result differs by %.2f on average)", d,
				s));
			assertTrue(d <= 1, "face centre is the face model's result: " + d);
		}
		System.out.printf(Locale.ROOT,
			"face detect: %d pixels outside the face masks equal the scene result; face centres vs face model max diff:%s%n",
			outside, centres);
	}

	@Test
	void cropIsFace2paintsCentreSquareAt512() throws AnimeGanException {
		final AnimeGan tool = new AnimeGan(cache, new ModelLocator(StyleFixtures.FIXTURES));
		// A landscape photo: the astronaut with a band added on the right.
		final RgbImage wide = rounded(Resampler.resize(astronaut(), 300, 200));
		final ImagePlus in = image("wide", wide);
		in.getCalibration().pixelWidth = 2;
		in.getCalibration().pixelHeight = 2;
		final ImagePlus same = tool.stylize(in, settings("face_enhance", "crop").with("style_weight",
			0), Progress.NONE);
		final ImagePlus styled = tool.stylize(in, settings("face_enhance", "crop"), Progress.NONE);
		assertEquals(512, same.getWidth());
		assertEquals(512, same.getHeight());
		final RgbImage expected = Resampler.resize(wide.crop(50, 0, 200, 200), 512, 512,
			Resampler.Filter.LANCZOS3);
		final double weight0 = maxAbsDiff(plane(same), rounded(expected));
		final double styledDiff = meanAbsDiff(plane(styled), rounded(expected));
		System.out.printf(Locale.ROOT,
			"face crop: style_weight 0 vs Lanczos centre square max diff %.1f; stylized mean diff %.1f%n",
			weight0, styledDiff);
		assertTrue(weight0 <= 1);
		assertTrue(styledDiff > 5);
		assertEquals(2 * 200 / 512.0, same.getCalibration().pixelWidth, 1e-9);
	}

	/**
	 * A time-lapse whose middle frame has no face (a flat grey frame): on its own the detector finds
	 * nothing there; with smoothing over time the face of the frame before is kept for that frame.
	 */
	@Test
	void withSmoothingOverTimeAFaceMissedForOneFrameIsKept() throws AnimeGanException {
		final AnimeGan tool = new AnimeGan(cache, new ModelLocator(StyleFixtures.sharedModels()));
		final RgbImage face = rounded(astronaut(128));
		final RgbImage grey = new RgbImage(128, 128);
		java.util.Arrays.fill(grey.data(), 128);
		final ij.ImageStack stack = new ij.ImageStack(128, 128);
		for (final RgbImage f : new RgbImage[] { face, grey, face })
			stack.addSlice(org.animegan.fiji.image.PlaneConverter.toRgb(f));
		final ImagePlus seq = new ImagePlus("blink", stack);
		seq.setDimensions(1, 1, 3);
		final Settings s = settings("face_enhance", "detect");
		final Roi[] off = FaceRois.of(tool.stylize(seq, s, Progress.NONE));
		final Roi[] tones = FaceRois.of(tool.stylize(seq, s.with("temporal_smoothing", "tones"),
			Progress.NONE));
		assertEquals(2, off.length, "frames 1 and 3 each on their own");
		assertEquals(3, tones.length, "the face kept in frame 2");
		assertEquals(2, tones[1].getPosition());
		assertEquals(tones[0].getBounds(), tones[1].getBounds(), "kept where it was");
		assertEquals(off[0].getBounds(), tones[0].getBounds(), "a first frame is not changed");
	}
}
