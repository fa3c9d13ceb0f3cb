package org.animegan.fiji.style;

import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.animegan.fiji.style.StyleFixtures.laplacianEnergy;
import static org.animegan.fiji.style.StyleFixtures.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single steps on the astronaut photo itself, without a model. */
class StyleStepsTest {

	@TempDir
	Path tmp;

	@Test
	void lightDenoiseRemovesNoiseAndKeepsEdges() {
		final RgbImage clean = astronaut(128);
		final RgbImage noisy = clean.copy();
		final Random rnd = new Random(42);
		for (int i = 0; i < noisy.data().length; i++)
			noisy.data()[i] = Mix.clamp(noisy.data()[i] + (float) (20 * rnd.nextGaussian()));
		final double before = rms(noisy, clean), after = rms(Denoise.light(noisy), clean);
		// A step edge survives a median unchanged (a blur would smear it).
		final RgbImage step = new RgbImage(32, 32);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 32; y++)
				for (int x = 16; x < 32; x++)
					step.set(c, x, y, 200);
		System.out.printf(Locale.ROOT, "denoise light: RMS error to the clean photo %.2f -> %.2f%n",
			before, after);
		assertTrue(after < 0.75 * before);
		assertEquals(0, maxAbsDiff(Denoise.light(step), step));
	}

	@Test
	void sharpenRaisesHighFrequencyEnergyOfThePhoto() {
		final RgbImage photo = astronaut(128);
		final double e0 = laplacianEnergy(photo), e1 = laplacianEnergy(Sharpen.apply(photo, 1));
		System.out.printf(Locale.ROOT, "sharpen 1 on the photo: Laplacian energy %.1f -> %.1f%n", e0,
			e1);
		assertTrue(e1 > 1.5 * e0);
		assertTrue(Sharpen.apply(photo, 0) == photo);
	}

	@Test
	void histogramMatchOfDifferentSizes() {
		final RgbImage photo = astronaut(96);
		final RgbImage other = new RgbImage(50, 40);
		for (int i = 0; i < other.data().length; i++)
			other.data()[i] = i % 251;
		final RgbImage m = HistogramMatch.match(other, photo);
		for (int c = 0; c < 3; c++) {
			assertEquals(StyleFixtures.mean(photo, c), StyleFixtures.mean(m, c), 2);
			assertEquals(StyleFixtures.std(photo, c), StyleFixtures.std(m, c), 2);
		}
	}

	@Test
	void cubeLutInterpolatesTrilinearly() throws IOException, AnimeGanException {
		// A 2-point LUT that maps to the channel's square would be wrong at 0.5; a linear map is exact.
		final Path file = StyleControlsTest.cube(tmp.resolve("id.cube"), 2, false);
		final CubeLut lut = CubeLut.read(file);
		final float[] rgb = new float[3];
		lut.lookup(0.25f, 0.5f, 0.9f, rgb);
		assertEquals(0.25f, rgb[0], 1e-6);
		assertEquals(0.5f, rgb[1], 1e-6);
		assertEquals(0.9f, rgb[2], 1e-6);
		// Red fastest: the second data row is red=1, green=0, blue=0.
		Files.write(tmp.resolve("red.cube"), ("LUT_3D_SIZE 2\n" + "0 0 0\n1 0 0\n0 1 0\n1 1 0\n" +
			"0 0 1\n1 0 1\n0 1 1\n1 1 1\n").getBytes());
		CubeLut.read(tmp.resolve("red.cube")).lookup(1, 0, 0, rgb);
		assertEquals(1f, rgb[0]);
		assertEquals(0f, rgb[1]);
	}

	@Test
	void badCubeFilesGiveOneClearSentence() throws IOException {
		Files.write(tmp.resolve("short.cube"), "LUT_3D_SIZE 2\n0 0 0\n1 1 1\n".getBytes());
		Files.write(tmp.resolve("1d.cube"), "LUT_1D_SIZE 2\n0 0 0\n1 1 1\n".getBytes());
		Files.write(tmp.resolve("text.cube"), "LUT_3D_SIZE 2\n0 x 0\n".getBytes());
		for (final String name : new String[] { "short.cube", "1d.cube", "text.cube", "absent.cube" }) {
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> CubeLut.read(tmp
				.resolve(name)));
			assertTrue(e.getMessage().contains(name), e.getMessage());
			assertTrue(e.getMessage().endsWith("."), e.getMessage());
		}
		assertThrows(AnimeGanException.class, () -> CubeLut.read(null));
	}

	private static double rms(final RgbImage a, final RgbImage b) {
		double s = 0;
		for (int i = 0; i < a.data().length; i++) {
			final double d = a.data()[i] - b.data()[i];
			s += d * d;
		}
		return Math.sqrt(s / a.data().length);
	}
}
