package org.animegan.fiji.style;

import static org.animegan.fiji.style.StyleFixtures.FAST_MODEL;
import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.animegan.fiji.style.StyleFixtures.image;
import static org.animegan.fiji.style.StyleFixtures.laplacianEnergy;
import static org.animegan.fiji.style.StyleFixtures.maxAbsDiff;
import static org.animegan.fiji.style.StyleFixtures.mean;
import static org.animegan.fiji.style.StyleFixtures.meanAbsDiff;
import static org.animegan.fiji.style.StyleFixtures.plane;
import static org.animegan.fiji.style.StyleFixtures.rounded;
import static org.animegan.fiji.style.StyleFixtures.std;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.Flip;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each style control measured on a real photo (the astronaut, 128x128) through the whole tool,
 * with the tiny v3 test generator at native size.
 */
class StyleControlsTest {

	private static ModelCache cache;
	private static AnimeGan tool;
	private static RgbImage photo;
	private static RgbImage plain;

	@TempDir
	Path tmp;

	@BeforeAll
	static void setUp() throws AnimeGanException {
		cache = new ModelCache();
		tool = new AnimeGan(cache, new ModelLocator(StyleFixtures.FIXTURES));
		photo = rounded(astronaut(128));
		plain = run();
	}

	@AfterAll
	static void tearDown() {
		cache.close();
	}

	/** The photo stylized with the given settings on top of the defaults. */
	static RgbImage run(final String... keyValues) throws AnimeGanException {
		return run(image("astronaut", photo), keyValues);
	}

	static RgbImage run(final ImagePlus input, final String... keyValues)
		throws AnimeGanException
	{
		final List<String> kv = new ArrayList<>(List.of("model", FAST_MODEL.toAbsolutePath()
			.toString(), "input_size", "native", "threads", "2"));
		kv.addAll(List.of(keyValues));
		final ImagePlus out = tool.stylize(input, Settings.of(kv.toArray(new String[0])),
			Progress.NONE);
		return plane(out);
	}

	@Test
	void styleWeightZeroReturnsThePhoto() throws AnimeGanException {
		final RgbImage zero = run("style_weight", "0");
		final RgbImage half = run("style_weight", "0.5");
		final double full = meanAbsDiff(plain, photo), mid = meanAbsDiff(half, photo);
		System.out.printf(Locale.ROOT,
			"style_weight: max |w=0 - photo| = %.1f; mean |result - photo| w=1: %.2f, w=0.5: %.2f%n",
			maxAbsDiff(zero, photo), full, mid);
		assertTrue(maxAbsDiff(zero, photo) <= 1);
		assertTrue(full > 10, "the test model must change the photo for this test to mean anything");
		// Linear in w (up to clamping and rounding): half the weight, about half the change.
		assertEquals(full / 2, mid, 0.1 * full);
	}

	@Test
	void blendOriginalOneReturnsThePhoto() throws AnimeGanException {
		final RgbImage one = run("blend_original", "1");
		final RgbImage quarter = run("blend_original", "0.25");
		System.out.printf(Locale.ROOT,
			"blend_original: max |b=1 - photo| = %.1f; mean |result - photo| b=0: %.2f, b=0.25: %.2f%n",
			maxAbsDiff(one, photo), meanAbsDiff(plain, photo), meanAbsDiff(quarter, photo));
		assertTrue(maxAbsDiff(one, photo) <= 1);
		assertEquals(0.75 * meanAbsDiff(plain, photo), meanAbsDiff(quarter, photo), 0.05 *
			meanAbsDiff(plain, photo));
	}

	@Test
	void histogramKeepsThePhotosChannelStatistics() throws AnimeGanException {
		final RgbImage matched = run("color_shift", "histogram");
		double worstBefore = 0;
		for (int c = 0; c < 3; c++) {
			System.out.printf(Locale.ROOT,
				"histogram: channel %d mean photo %.2f plain %.2f matched %.2f; std photo %.2f plain %.2f matched %.2f%n",
				c, mean(photo, c), mean(plain, c), mean(matched, c), std(photo, c), std(plain, c), std(
					matched, c));
			assertEquals(mean(photo, c), mean(matched, c), 1);
			assertEquals(std(photo, c), std(matched, c), 1);
			worstBefore = Math.max(worstBefore, Math.max(Math.abs(mean(photo, c) - mean(plain, c)), Math
				.abs(std(photo, c) - std(plain, c))));
		}
		assertTrue(worstBefore > 2, "without matching the statistics differ");
		// It is a colour correction, not the photo itself: the stylized structure stays.
		assertTrue(meanAbsDiff(matched, photo) > 5);
	}

	@Test
	void brightnessMatchEqualsThePhotosMeanLuma() throws AnimeGanException {
		final RgbImage matched = run("brightness_match", "true");
		final double target = BrightnessMatch.meanLuma(photo);
		System.out.printf(Locale.ROOT, "brightness_match: mean luma photo %.2f plain %.2f matched %.2f%n",
			target, BrightnessMatch.meanLuma(plain), BrightnessMatch.meanLuma(matched));
		assertEquals(target, BrightnessMatch.meanLuma(matched), 1);
		assertTrue(Math.abs(target - BrightnessMatch.meanLuma(plain)) > 1);
	}

	@Test
	void sharpenRaisesHighFrequencyEnergy() throws AnimeGanException {
		final RgbImage sharp = run("sharpen_factor", "1");
		final RgbImage sharper = run("sharpen_factor", "3");
		final double e0 = laplacianEnergy(plain), e1 = laplacianEnergy(sharp), e3 = laplacianEnergy(
			sharper);
		System.out.printf(Locale.ROOT,
			"sharpen_factor: mean squared Laplacian 0: %.1f, 1: %.1f, 3: %.1f%n", e0, e1, e3);
		assertTrue(e1 > 1.5 * e0);
		assertTrue(e3 > e1);
		// Low frequencies stay: the mean colour hardly moves.
		for (int c = 0; c < 3; c++)
			assertEquals(mean(plain, c), mean(sharp, c), 2);
	}

	@Test
	void ttaIsEquivariantUnderHorizontalFlip() throws AnimeGanException {
		// A width that is not a multiple of the stride, so padding (on the right only) breaks symmetry.
		final RgbImage wide = rounded(org.animegan.fiji.image.Resampler.resize(photo, 131, 100));
		final RgbImage mirrored = Flip.horizontal(wide);
		final RgbImage a = run(image("a", wide), "tta_enabled", "true");
		final RgbImage b = run(image("b", mirrored), "tta_enabled", "true");
		final RgbImage c = run(image("a", wide));
		final RgbImage d = run(image("b", mirrored));
		final double with = maxAbsDiff(Flip.horizontal(b), a), without = meanAbsDiff(Flip.horizontal(
			d), c);
		System.out.printf(Locale.ROOT,
			"tta_enabled: max |T(flip x) - flip T(x)| = %.1f; without TTA mean = %.2f, max = %.1f%n",
			with, without, maxAbsDiff(Flip.horizontal(d), c));
		assertTrue(with <= 1);
		assertTrue(meanAbsDiff(a, c) > 0.1, "TTA changes the result");
	}

	@Test
	void identityLutChangesNothingAndInvertingLutInverts() throws AnimeGanException, IOException {
		final Path identity = cube(tmp.resolve("identity.cube"), 17, false);
		final Path invert = cube(tmp.resolve("invert.cube"), 2, true);
		final RgbImage same = run("color_shift", "lut", "lut_file", identity.toString());
		final RgbImage inverted = run("color_shift", "lut", "lut_file", invert.toString());
		final RgbImage expected = plain.copy();
		for (int i = 0; i < expected.data().length; i++)
			expected.data()[i] = 255 - expected.data()[i];
		System.out.printf(Locale.ROOT, "lut: identity max diff %.1f, inverting max diff %.1f%n",
			maxAbsDiff(same, plain), maxAbsDiff(inverted, expected));
		assertTrue(maxAbsDiff(same, plain) <= 1);
		assertTrue(maxAbsDiff(inverted, expected) <= 1);
	}

	@Test
	void denoiseRunsBeforeTheModel() throws AnimeGanException {
		final RgbImage denoised = run("denoise", "light");
		System.out.printf(Locale.ROOT, "denoise: mean |light - off| = %.2f%n", meanAbsDiff(denoised,
			plain));
		assertTrue(meanAbsDiff(denoised, plain) > 0.1);
		// The photo the later steps see is the original: with weight 0 the output is the photo.
		assertTrue(maxAbsDiff(run("denoise", "light", "style_weight", "0"), photo) <= 1);
	}

	/**
	 * Writes a .cube LUT: identity, or inverting. Red changes fastest, as the format requires; the
	 * comments, title and domain lines exercise the parser.
	 */
	static Path cube(final Path file, final int n, final boolean invert) throws IOException {
		final StringBuilder sb = new StringBuilder();
		sb.append("# generated by StyleControlsTest\nTITLE \"").append(invert ? "invert" : "identity")
			.append("\"\n\nLUT_3D_SIZE ").append(n).append("\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1.0 1.0 1.0\n");
		for (int b = 0; b < n; b++)
			for (int g = 0; g < n; g++)
				for (int r = 0; r < n; r++) {
					final double[] v = { r / (n - 1.0), g / (n - 1.0), b / (n - 1.0) };
					for (int c = 0; c < 3; c++)
						sb.append(String.format(Locale.ROOT, "%.6f", invert ? 1 - v[c] : v[c])).append(c < 2
							? " " : "  # row\n");
				}
		Files.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
		return file;
	}
}
