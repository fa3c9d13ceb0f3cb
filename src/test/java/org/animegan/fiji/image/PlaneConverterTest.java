package org.animegan.fiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

import java.awt.Color;

import org.animegan.fiji.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planes are read as ImageJ displays them. Besides hand-worked values, ImageJ's own rendering
 * ({@link ImageProcessor#convertToColorProcessor()}, which applies the LUT and display range) is the
 * reference.
 */
class PlaneConverterTest {

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	@Test
	void rgbIsReadAsIs() {
		final ColorProcessor cp = new ColorProcessor(2, 1, new int[] { 0x102030, 0xfffe00 });
		final RgbImage img = PlaneConverter.fromRgb(cp);
		assertEquals(0x10, img.get(0, 0, 0), 0);
		assertEquals(0x20, img.get(1, 0, 0), 0);
		assertEquals(0x30, img.get(2, 0, 0), 0);
		assertEquals(0xff, img.get(0, 1, 0), 0);
		assertEquals(0xfe, img.get(1, 1, 0), 0);
		assertEquals(0, img.get(2, 1, 0), 0);
	}

	@Test
	void greyEightBitGivesEqualChannels() {
		final ByteProcessor bp = ramp8();
		final RgbImage img = read(bp);
		for (int v = 0; v < 256; v++)
			for (int c = 0; c < 3; c++)
				assertEquals(v, img.get(c, v, 0), 0);
	}

	@Test
	void aColourLutIsApplied() {
		final ByteProcessor red = ramp8();
		red.setLut(LUT.createLutFromColor(Color.red));
		final RgbImage img = read(red);
		for (int v = 0; v < 256; v++) {
			assertEquals(v, img.get(0, v, 0), 0);
			assertEquals(0, img.get(1, v, 0), 0);
			assertEquals(0, img.get(2, v, 0), 0);
		}
		final ByteProcessor inverted = ramp8();
		inverted.invertLut();
		final RgbImage inv = read(inverted);
		for (int v = 0; v < 256; v++)
			assertEquals(255 - v, inv.get(1, v, 0), 0);
	}

	@Test
	void eightBitMatchesImageJsDisplayWithLutsAndRanges() {
		final ByteProcessor fire = ramp8();
		fire.setLut(LUT.createLutFromColor(Color.orange));
		assertDisplayed(fire);
		final ByteProcessor narrowed = ramp8();
		narrowed.setMinAndMax(50, 100);
		assertDisplayed(narrowed);
		// A display range changed by Brightness & Contrast (not applied) shows in the result.
		final RgbImage img = read(narrowed);
		assertEquals(0, img.get(0, 40, 0), 0);
		assertEquals(255, img.get(0, 200, 0), 0);
		assertEquals(128, img.get(0, 75, 0), 1);
		final ByteProcessor cyan = ramp8();
		cyan.setLut(LUT.createLutFromColor(Color.cyan));
		cyan.setMinAndMax(20, 220);
		assertDisplayed(cyan);
	}

	@Test
	void sixteenBitIsMappedThroughTheDisplayRange() {
		// 1000..2000 shown over 1000..2000 reads like the same ramp in 8-bit.
		final ShortProcessor sp = new ShortProcessor(1001, 1);
		for (int x = 0; x <= 1000; x++)
			sp.set(x, 0, 1000 + x);
		sp.setMinAndMax(1000, 2000);
		final RgbImage img = read(sp);
		assertEquals(0, img.get(0, 0, 0), 0);
		assertEquals(255, img.get(0, 1000, 0), 0);
		assertEquals(128, img.get(1, 500, 0), 1);
		final ImageProcessor eight = sp.convertToByteProcessor(true);
		for (int x = 0; x <= 1000; x++)
			assertEquals(eight.get(x, 0), img.get(2, x, 0), 0, "x=" + x);
		assertDisplayed(sp);
		// Values outside the range are clipped like ImageJ shows them.
		sp.setMinAndMax(1200, 1400);
		assertDisplayed(sp);
		sp.setLut(LUT.createLutFromColor(Color.magenta));
		assertDisplayed(sp);
	}

	@Test
	void thirtyTwoBitIsMappedThroughTheDisplayRange() {
		final FloatProcessor fp = new FloatProcessor(101, 1);
		for (int x = 0; x <= 100; x++)
			fp.setf(x, 0, -1f + x * 0.02f);
		fp.setMinAndMax(-1, 1);
		final RgbImage img = read(fp);
		assertEquals(0, img.get(0, 0, 0), 0);
		assertEquals(255, img.get(0, 100, 0), 0);
		assertEquals(128, img.get(0, 50, 0), 1);
		assertDisplayed(fp);
		fp.setMinAndMax(-0.5, 0.25);
		assertDisplayed(fp);
	}

	@Test
	void addingClampsLikeACompositeDisplay() {
		// Yellow (R+G) plus green: the green sum exceeds 255 and must show as 255, not more.
		final ByteProcessor a = new ByteProcessor(1, 1, new byte[] { (byte) 200 });
		final ByteProcessor b = new ByteProcessor(1, 1, new byte[] { (byte) 100 });
		final RgbImage acc = new RgbImage(1, 1);
		PlaneConverter.addIndexed(a, LUT.createLutFromColor(Color.yellow), 0, 255, acc);
		PlaneConverter.addIndexed(b, LUT.createLutFromColor(Color.green), 0, 255, acc);
		PlaneConverter.clamp(acc);
		assertEquals(200, acc.get(0, 0, 0), 0);
		assertEquals(255, acc.get(1, 0, 0), 0);
		assertEquals(0, acc.get(2, 0, 0), 0);
	}

	@Test
	void resultsAreRoundedAndClamped() {
		final RgbImage img = new RgbImage(3, 1, new float[] { -4f, 127.5f, 300f, 0.49f, 254.6f, 12f,
			1f, 2f, 3f });
		final ColorProcessor cp = PlaneConverter.toRgb(img);
		assertEquals(0x000001, cp.get(0) & 0xffffff);
		assertEquals(0x80ff02, cp.get(1) & 0xffffff);
		assertEquals(0xff0c03, cp.get(2) & 0xffffff);
		assertEquals(255, PlaneConverter.toByte(img, 1).get(1));
	}

	@Test
	void findsNonFiniteValues() {
		final FloatProcessor fp = new FloatProcessor(3, 3);
		assertFalse(PlaneConverter.hasNonFinite(fp));
		fp.setf(4, Float.NaN);
		assertTrue(PlaneConverter.hasNonFinite(fp));
		fp.setf(4, Float.NEGATIVE_INFINITY);
		assertTrue(PlaneConverter.hasNonFinite(fp));
		assertFalse(PlaneConverter.hasNonFinite(ramp8()), "8-bit has no NaN");
	}

	private static ByteProcessor ramp8() {
		final ByteProcessor bp = new ByteProcessor(256, 1);
		for (int v = 0; v < 256; v++)
			bp.set(v, 0, v);
		return bp;
	}

	private static RgbImage read(final ImageProcessor ip) {
		return PlaneConverter.fromIndexed(ip, ip.getLut(), ip.getMin(), ip.getMax());
	}

	/** Our reading equals ImageJ's own rendering of the plane, pixel for pixel. */
	private static void assertDisplayed(final ImageProcessor ip) {
		final ColorProcessor shown = ip.convertToColorProcessor();
		final int diff = Fixtures.maxAbsDiff(shown, PlaneConverter.toRgb(read(ip)));
		assertEquals(0, diff, "difference from ImageJ's display of " + ip);
	}
}
