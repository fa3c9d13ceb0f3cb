package org.animegan.fiji.style;

import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.animegan.fiji.style.StyleFixtures.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.hostile.LutCases;
import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .cube files as an attacker would write them, read in-process, and the limits' good side. */
class CubeLutTest {

	@TempDir
	Path tmp;

	@Test
	void everyHostileLutIsRefusedWithOneSentenceQuicklyAndSmall() throws IOException {
		int i = 0;
		for (final LutCases.LutFile f : LutCases.hostile()) {
			final Path file = tmp.resolve("hostile" + i++ + ".cube");
			f.writer.write(file);
			final long bytes0 = allocated(), t0 = System.nanoTime();
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> CubeLut.read(file),
				f.name);
			final long bytes = allocated() - bytes0, ms = (System.nanoTime() - t0) / 1000000;
			System.out.printf(Locale.ROOT, "%-34s %5d ms %6d KB  %s%n", f.name, ms, bytes >> 10, e
				.getMessage());
			assertTrue(e.getMessage().startsWith("The LUT file " + file), e.getMessage());
			assertTrue(e.getMessage().endsWith("."), e.getMessage());
			assertTrue(!e.getMessage().contains("\n"), e.getMessage());
			// Before: 20 LUT_3D_SIZE lines allocated 1.2 GB. Now nothing large is made for a bad file.
			assertTrue(bytes < 8 << 20, f.name + ": " + (bytes >> 20) + " MB allocated");
			assertTrue(ms < 5000, f.name + ": " + ms + " ms");
		}
	}

	@Test
	void eachLimitSaysWhatIsWrong() throws IOException {
		assertRefused("LUT_3D_SIZE 256\n".repeat(20), "LUT_3D_SIZE must be between 2 and 129");
		assertRefused("LUT_3D_SIZE 1\n0 0 0\n", "LUT_3D_SIZE must be between 2 and 129");
		assertRefused("LUT_3D_SIZE 33.5\n", "LUT_3D_SIZE must be between 2 and 129");
		assertRefused("LUT_3D_SIZE 64\n".repeat(20), "(line 1: LUT_3D_SIZE 64 needs 64^3 data lines");
		assertRefused("LUT_3D_SIZE 2\n" + LutCases.cube(2, "", 8), "(line 2: a second LUT_3D_SIZE");
		assertRefused(LutCases.cube(2, "", 7), "found 7 entries instead of 8");
		assertRefused(LutCases.cube(2, "", 9), "(line 10: more than LUT_3D_SIZE^3 entries");
		assertRefused(LutCases.cube(2, "DOMAIN_MIN -1e300 0 0\n", 8),
			"(line 1: expected a number between -1000 and 1000)");
		assertRefused(LutCases.cube(2, "DOMAIN_MAX 1 Infinity 1\n", 8),
			"expected a number between -1000 and 1000");
		assertRefused(LutCases.cube(2, "DOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 0 1\n", 8),
			"(DOMAIN_MAX must be above DOMAIN_MIN)");
		assertRefused(LutCases.cube(2, "", 8).replace("1 1 1", "1 NaN 1"),
			"(line 9: expected a number between -1000 and 1000)");
		assertRefused(LutCases.cube(2, "", 8).replace("1 1 1", "NaN 1 1"),
			"(line 9: expected a number between -1000 and 1000)");
		assertRefused(LutCases.cube(2, "", 8) + "\0\n", "(line 10: not a text file)");
		assertRefused("LUT_3D_SIZE 2\n" + "7".repeat(5000), "a line longer than 1024 characters");
		assertRefused(LutCases.cube(2, "", 8) + "<html>\n", "neither a keyword nor three numbers");
		assertRefused(LutCases.cube(2, "LUT_1D_SIZE 2\n", 8), "1D LUTs are not supported");
	}

	@Test
	void identityOfSizeTwoChangesNothing() throws IOException, AnimeGanException {
		final Path file = write(LutCases.cube(2, "TITLE \"id\"\nDOMAIN_MIN 0 0 0\nDOMAIN_MAX 1 1 1\n",
			8));
		final RgbImage photo = astronaut(96), generated = astronaut(96);
		for (int i = 0; i < generated.data().length; i++)
			generated.data()[i] = 255 - generated.data()[i] * 0.8f;
		final Settings none = Settings.of("model", "x", "color_shift", "none");
		final Settings lut = none.with("color_shift", "lut").with("lut_file", file.toString());
		final RgbImage without = new StyleSteps(none.style()).after(photo, generated);
		final RgbImage with = new StyleSteps(lut.style(), new LutCache().forOptions(lut.style())).after(photo,
			generated);
		System.out.printf(Locale.ROOT, "identity LUT of size 2: max diff to no LUT %.3f%n", maxAbsDiff(
			with, without));
		assertTrue(maxAbsDiff(with, without) <= 1);
	}

	@Test
	void valuesOutsideZeroOneAreKeptThenClampedAndTheDomainScales() throws IOException,
		AnimeGanException
	{
		final RgbImage grey = new RgbImage(2, 1);
		Arrays.fill(grey.data(), 204); // 0.8
		// Every corner 2 except black at -0.5: interpolation sees the real values, the result is clamped.
		final String high = "LUT_3D_SIZE 2\n-0.5 -0.5 -0.5\n" + "2 2 2\n".repeat(7);
		final RgbImage h = CubeLut.read(write(high)).apply(grey);
		assertEquals(255, h.data()[0]);
		final RgbImage zero = new RgbImage(2, 1);
		assertEquals(0, CubeLut.read(write(high)).apply(zero).data()[0]);
		// DOMAIN_MAX 2: 0.8 sits at 0.4 of the identity.
		final RgbImage d = CubeLut.read(write(LutCases.cube(2, "DOMAIN_MAX 2 2 2\n", 8))).apply(grey);
		assertEquals(0.4 * 255, d.data()[0], 0.01);
	}

	@Test
	void theCacheReadsOnceUntilTheFileChanges() throws IOException, AnimeGanException {
		final Path file = write(LutCases.cube(2, "", 8));
		final LutCache cache = new LutCache();
		final Settings s = Settings.of("model", "x", "color_shift", "lut", "lut_file", file
			.toString());
		final CubeLut first = cache.forOptions(s.style());
		assertSame(first, cache.forOptions(s.style()));
		Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file)
			.toMillis() - 60000));
		assertNotSame(first, cache.forOptions(s.style()));
		// Without color_shift=lut the file is not even looked at.
		assertNull(cache.forOptions(s.with("color_shift", "none").with("lut_file", tmp.resolve(
			"absent.cube").toString()).style()));
		assertThrows(AnimeGanException.class, () -> cache.forOptions(s.with("lut_file", "").style()));
	}

	private void assertRefused(final String text, final String part) throws IOException {
		final Path file = write(text);
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> CubeLut.read(file));
		assertTrue(e.getMessage().contains(part), e.getMessage() + " should contain " + part);
	}

	private Path write(final String text) throws IOException {
		final Path file = Files.createTempFile(tmp, "lut", ".cube");
		Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
		return file;
	}

	/** Bytes this thread has allocated so far (HotSpot). */
	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}
}
