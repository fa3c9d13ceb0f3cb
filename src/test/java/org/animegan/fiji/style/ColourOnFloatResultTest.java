package org.animegan.fiji.style;

import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.animegan.fiji.style.StyleFixtures.mean;
import static org.animegan.fiji.style.StyleFixtures.rounded;
import static org.animegan.fiji.style.StyleFixtures.std;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;

/**
 * The colour controls' promises on model results with few distinct values (a saturated generator
 * gives such results): each step runs on the float result, and the output is rounded to 8 bits
 * once, as the tool writes it.
 */
class ColourOnFloatResultTest {

	/** A "model result" with only the given values, in a different pattern in each channel. */
	static RgbImage fewValues(final int w, final int h, final float... values) {
		final RgbImage g = new RgbImage(w, h);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++)
					g.set(c, x, y, values[((x >> (2 + c)) + (y >> 3)) % values.length]);
		return g;
	}

	/** A dark photo with a long bright tail, like a night scene: most pixels near 40. */
	static RgbImage darkPhoto() {
		final RgbImage p = astronaut(128);
		final float[] d = p.data();
		for (int i = 0; i < d.length; i++)
			d[i] = (float) (255 * Math.pow(d[i] / 255.0, 2.2));
		return rounded(p);
	}

	static RgbImage after(final RgbImage photo, final RgbImage generated, final String... kv)
		throws AnimeGanException
	{
		return rounded(new StyleSteps(Settings.of(kv).style()).after(photo, generated));
	}

	static float[] sortedChannel(final RgbImage img, final int c) {
		final float[] v = Arrays.copyOfRange(img.data(), c * img.area(), (c + 1) * img.area());
		Arrays.sort(v);
		return v;
	}

	static long distinct(final RgbImage img, final int c) {
		final float[] v = sortedChannel(img, c);
		long n = 1;
		for (int i = 1; i < v.length; i++)
			if (v[i] != v[i - 1]) n++;
		return n;
	}

	/** Histogram matching gives each channel exactly the photo's values: the means and spreads too. */
	static void assertPhotoStatistics(final String what, final RgbImage photo, final RgbImage out) {
		for (int c = 0; c < 3; c++) {
			System.out.printf(Locale.ROOT,
				"%s: channel %d mean photo %.2f result %.2f; std photo %.2f result %.2f; distinct values %d%n",
				what, c, mean(photo, c), mean(out, c), std(photo, c), std(out, c), distinct(out, c));
			assertEquals(mean(photo, c), mean(out, c), 1, what + " mean");
			assertEquals(std(photo, c), std(out, c), 1, what + " spread");
			assertArrayEquals(sortedChannel(photo, c), sortedChannel(out, c), what + " histogram");
		}
	}

	@Test
	void histogramMatchingIsExactOnAResultWithThreeValues() throws AnimeGanException {
		for (final RgbImage photo : new RgbImage[] { rounded(astronaut(128)), darkPhoto() }) {
			final RgbImage generated = fewValues(128, 128, 10, 128, 240);
			assertEquals(3, distinct(generated, 0));
			final RgbImage out = after(photo, generated, "color_shift", "histogram");
			assertPhotoStatistics("3 values", photo, out);
			// Ties were broken: the three values became many (a value-to-value mapping keeps three).
			assertTrue(distinct(out, 0) > 50, distinct(out, 0) + " values");
		}
	}

	@Test
	void histogramMatchingIsExactOnAConstantResult() throws AnimeGanException {
		final RgbImage photo = darkPhoto();
		final RgbImage out = after(photo, fewValues(128, 128, 255), "color_shift", "histogram");
		assertPhotoStatistics("constant", photo, out);
	}

	@Test
	void histogramMatchingKeepsTheModelsOrder() {
		final RgbImage photo = rounded(astronaut(64));
		final RgbImage generated = fewValues(64, 64, 0, 100, 200);
		final RgbImage out = HistogramMatch.match(generated, photo);
		final int n = photo.area();
		// A brighter result pixel never gets a darker value than a dimmer one.
		float maxOf0 = 0, minOf200 = 255;
		for (int i = 0; i < n; i++) {
			if (generated.data()[i] == 0) maxOf0 = Math.max(maxOf0, out.data()[i]);
			if (generated.data()[i] == 200) minOf200 = Math.min(minOf200, out.data()[i]);
		}
		assertTrue(maxOf0 <= minOf200, maxOf0 + " <= " + minOf200);
	}

	@Test
	void brightnessMatchReachesThePhotoDespiteClamping() throws AnimeGanException {
		// A bright photo and a result that is half white already: scaling alone clips at white.
		final RgbImage photo = rounded(astronaut(128));
		final float[] p = photo.data();
		for (int i = 0; i < p.length; i++)
			p[i] = Math.min(255, p[i] + 90);
		final RgbImage generated = fewValues(128, 128, 40, 255, 120, 255);
		final double target = BrightnessMatch.meanLuma(photo);
		final double plainFactor = target / BrightnessMatch.meanLuma(generated);
		final RgbImage scaledOnly = generated.copy();
		for (int i = 0; i < scaledOnly.data().length; i++)
			scaledOnly.data()[i] = Mix.clamp((float) (scaledOnly.data()[i] * plainFactor));
		final RgbImage out = after(photo, generated, "brightness_match", "true");
		System.out.printf(Locale.ROOT,
			"brightness_match, 4 values: mean luma photo %.2f result %.2f (scaling alone %.2f)%n",
			target, BrightnessMatch.meanLuma(out), BrightnessMatch.meanLuma(scaledOnly));
		assertTrue(target - BrightnessMatch.meanLuma(scaledOnly) > 5, "clamping matters here");
		assertEquals(target, BrightnessMatch.meanLuma(out), 0.5);
	}

	@Test
	void histogramThenBrightnessKeepsThePhotoStatistics() throws AnimeGanException {
		final RgbImage photo = darkPhoto();
		final RgbImage out = after(photo, fewValues(128, 128, 0, 255, 255), "color_shift",
			"histogram", "brightness_match", "true");
		for (int c = 0; c < 3; c++) {
			assertEquals(mean(photo, c), mean(out, c), 1);
			assertEquals(std(photo, c), std(out, c), 1);
		}
		assertEquals(BrightnessMatch.meanLuma(photo), BrightnessMatch.meanLuma(out), 0.5);
	}
}
