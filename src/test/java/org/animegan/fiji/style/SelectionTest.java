package org.animegan.fiji.style;

import static org.animegan.fiji.style.StyleFixtures.FAST_MODEL;
import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.animegan.fiji.style.StyleFixtures.image;
import static org.animegan.fiji.style.StyleFixtures.plane;
import static org.animegan.fiji.style.StyleFixtures.rounded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.OvalRoi;
import ij.gui.Roi;

import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Only the selection is stylized; every pixel outside it stays exactly as in the input. */
class SelectionTest {

	private static ModelCache cache;
	private static AnimeGan tool;
	private static RgbImage photo;

	@BeforeAll
	static void setUp() {
		cache = new ModelCache();
		tool = new AnimeGan(cache, new ModelLocator(StyleFixtures.FIXTURES));
		photo = rounded(astronaut(128));
	}

	@AfterAll
	static void tearDown() {
		cache.close();
	}

	private static RgbImage stylize(final Roi roi) throws AnimeGanException {
		final ImagePlus imp = image("astronaut", photo);
		imp.setRoi(roi);
		final ImagePlus out = tool.stylize(imp, Settings.of("model", FAST_MODEL.toAbsolutePath()
			.toString(), "input_size", "native"), Progress.NONE);
		assertEquals(128, out.getWidth());
		assertEquals(128, out.getHeight());
		assertEquals(roi, imp.getRoi(), "the input keeps its selection");
		return plane(out);
	}

	@Test
	void rectangleChangesOnlyItsInside() throws AnimeGanException {
		final Roi roi = new Roi(20, 30, 60, 50);
		check(roi, stylize(roi), false);
	}

	@Test
	void ovalChangesOnlyItsInsideAndBlendsItsEdge() throws AnimeGanException {
		final Roi roi = new OvalRoi(30, 20, 70, 80);
		check(roi, stylize(roi), true);
	}

	/** Outside: identical; deep inside: stylized; with feathering, a band of in-between values. */
	private static void check(final Roi roi, final RgbImage out, final boolean feathered) {
		int outside = 0, changedInside = 0, inside = 0, partial = 0;
		final RgbImage full = stylizedWithoutSelection();
		for (int y = 0; y < 128; y++)
			for (int x = 0; x < 128; x++) {
				for (int c = 0; c < 3; c++) {
					final float o = out.get(c, x, y), p = photo.get(c, x, y);
					if (!roi.contains(x, y)) {
						assertEquals(p, o, 0f, "outside pixel " + x + "," + y + " changed");
						if (c == 0) outside++;
					}
					else if (c == 0) {
						inside++;
						if (Math.abs(o - p) > 2) changedInside++;
						final float s = full.get(c, x, y);
						if (Math.abs(o - p) > 2 && Math.abs(o - s) > 2) partial++;
					}
				}
			}
		System.out.printf(Locale.ROOT,
			"selection %s: %d pixels outside unchanged, %d of %d inside changed, %d differ from both photo and full-image result%n", roi
				.getTypeAsString(), outside, changedInside, inside, partial);
		assertTrue(changedInside > 0.8 * inside);
		if (feathered) assertTrue(partial > 0, "the edge is blended");
	}

	private static RgbImage stylizedWithoutSelection() {
		try {
			return plane(tool.stylize(image("astronaut", photo), Settings.of("model", FAST_MODEL
				.toAbsolutePath().toString(), "input_size", "native"), Progress.NONE));
		}
		catch (final AnimeGanException e) {
			throw new AssertionError(e);
		}
	}
}
