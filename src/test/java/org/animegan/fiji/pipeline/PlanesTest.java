package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

import java.awt.Color;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which planes the tool reads from each kind of image, and that it reads them as displayed. */
class PlanesTest {

	static final int W = 24, H = 16;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	/** A plane whose values vary across it and from plane to plane. */
	static int value(final int k, final int x, final int y) {
		return (x * 7 + y * 3 + 37 * k) & 0xff;
	}

	static ByteProcessor bytes(final int k) {
		final ByteProcessor bp = new ByteProcessor(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				bp.set(x, y, value(k, x, y));
		return bp;
	}

	static ImagePlus composite(final int mode, final LUT... luts) {
		final ImageStack stack = new ImageStack(W, H);
		for (int c = 0; c < luts.length; c++)
			stack.addSlice("c" + c, bytes(c));
		final ImagePlus imp = new ImagePlus("composite", stack);
		imp.setDimensions(luts.length, 1, 1);
		final CompositeImage ci = new CompositeImage(imp, mode);
		ci.setLuts(luts);
		ci.updateImage();
		return ci;
	}

	private static ColorProcessor read(final ImagePlus imp, final int i) throws AnimeGanException {
		return PlaneConverter.toRgb(AnimeGan.Planes.of(imp).read(i));
	}

	@Test
	void eightBitWithALutIsReadInColour() throws Exception {
		final ImagePlus imp = new ImagePlus("red", bytes(0));
		imp.setLut(LUT.createLutFromColor(Color.red));
		final RgbImage img = AnimeGan.Planes.of(imp).read(0);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				assertEquals(value(0, x, y), img.get(0, x, y), 0);
				assertEquals(0, img.get(1, x, y), 0);
				assertEquals(0, img.get(2, x, y), 0);
			}
	}

	@Test
	void eightBitWithADisplayRangeIsReadAsShown() throws Exception {
		final ImagePlus imp = new ImagePlus("narrow", bytes(1));
		imp.setDisplayRange(60, 180);
		final ColorProcessor shown = imp.getProcessor().convertToColorProcessor();
		assertEquals(0, Fixtures.maxAbsDiff(shown, read(imp, 0)));
	}

	@Test
	void sixteenBitReadsLikeItsEightBitVersion() throws Exception {
		final ShortProcessor sp = new ShortProcessor(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				sp.set(x, y, 1000 + Math.round(value(2, x, y) * 1000f / 255));
		final ImagePlus imp = new ImagePlus("16-bit", sp);
		imp.setDisplayRange(1000, 2000);
		final ImagePlus eight = new ImagePlus("8-bit", sp.convertToByteProcessor(true));
		assertEquals(0, Fixtures.maxAbsDiff(read(eight, 0), read(imp, 0)));
		// And that 8-bit version is the original ramp within a level of rounding.
		final ColorProcessor expected = bytes(2).convertToColorProcessor();
		assertTrue(Fixtures.maxAbsDiff(expected, read(imp, 0)) <= 1);
	}

	@Test
	void thirtyTwoBitIsMappedThroughTheDisplayRange() throws Exception {
		final FloatProcessor fp = new FloatProcessor(W, H);
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++)
				fp.setf(x, y, value(3, x, y) / 255f);
		final ImagePlus imp = new ImagePlus("32-bit", fp);
		imp.setDisplayRange(0, 1);
		assertEquals(0, Fixtures.maxAbsDiff(bytes(3).convertToColorProcessor(), read(imp, 0)));
	}

	@Test
	void rgbIsReadAsIs() throws Exception {
		final ColorProcessor cp = (ColorProcessor) Fixtures.open("astronaut_128x96.png")
			.getProcessor();
		assertEquals(0, Fixtures.maxAbsDiff(cp, read(new ImagePlus("rgb", cp), 0)));
	}

	@Test
	void threeChannelCompositeIsMergedAsDisplayed() throws Exception {
		// Yellow + green overflow the green channel: the display clamps it, and so must we.
		final ImagePlus ci = composite(IJ.COMPOSITE, LUT.createLutFromColor(Color.yellow), LUT
			.createLutFromColor(Color.green), LUT.createLutFromColor(Color.blue));
		assertEquals(1, AnimeGan.Planes.of(ci).count());
		final ColorProcessor shown = (ColorProcessor) ci.flatten().getProcessor();
		assertEquals(0, Fixtures.maxAbsDiff(shown, read(ci, 0)));
		// The model must see the clamped values too, not sums above 255.
		float highest = 0;
		for (final float v : AnimeGan.Planes.of(ci).read(0).data())
			highest = Math.max(highest, v);
		assertEquals(255, highest, 0);
	}

	@Test
	void sixteenBitCompositeUsesEachChannelsDisplayRange() throws Exception {
		final ImageStack stack = new ImageStack(W, H);
		for (int c = 0; c < 3; c++) {
			final ShortProcessor sp = new ShortProcessor(W, H);
			for (int y = 0; y < H; y++)
				for (int x = 0; x < W; x++)
					sp.set(x, y, 1000 + 4 * value(c, x, y));
			stack.addSlice(sp);
		}
		final ImagePlus imp = new ImagePlus("16-bit composite", stack);
		imp.setDimensions(3, 1, 1);
		final CompositeImage ci = new CompositeImage(imp, IJ.COMPOSITE);
		// Brightness & Contrast on the second channel only.
		ci.setC(2);
		ci.setDisplayRange(1000, 1500);
		ci.setC(1);
		ci.updateImage();
		final ColorProcessor shown = (ColorProcessor) ci.flatten().getProcessor();
		assertEquals(0, Fixtures.maxAbsDiff(shown, read(ci, 0)));
	}

	@Test
	void hiddenChannelsOfACompositeAreLeftOut() throws Exception {
		final CompositeImage ci = (CompositeImage) composite(IJ.COMPOSITE, LUT.createLutFromColor(
			Color.red), LUT.createLutFromColor(Color.green), LUT.createLutFromColor(Color.blue));
		ci.setActiveChannels("101");
		ci.updateImage();
		final RgbImage img = AnimeGan.Planes.of(ci).read(0);
		assertEquals(0, img.get(1, 5, 5), 0, "green is switched off");
		assertEquals(value(0, 5, 5), img.get(0, 5, 5), 0);
		assertEquals(value(2, 5, 5), img.get(2, 5, 5), 0);
	}

	@Test
	void compositeInColourModeGivesOnePlanePerChannelInItsColour() throws Exception {
		final ImagePlus ci = composite(IJ.COLOR, LUT.createLutFromColor(Color.magenta), LUT
			.createLutFromColor(Color.cyan), LUT.createLutFromColor(Color.white));
		assertEquals(3, AnimeGan.Planes.of(ci).count());
		for (int c = 0; c < 3; c++) {
			final ImageProcessor alone = bytes(c);
			alone.setLut(((CompositeImage) ci).getChannelLut(c + 1));
			assertEquals(0, Fixtures.maxAbsDiff(alone.convertToColorProcessor(), read(ci, c)),
				"channel " + c);
		}
	}

	@Test
	void compositeInGreyscaleModeIsReadInGrey() throws Exception {
		final ImagePlus ci = composite(IJ.GRAYSCALE, LUT.createLutFromColor(Color.red), LUT
			.createLutFromColor(Color.green), LUT.createLutFromColor(Color.blue));
		assertEquals(3, AnimeGan.Planes.of(ci).count());
		for (int c = 0; c < 3; c++)
			assertEquals(0, Fixtures.maxAbsDiff(bytes(c).convertToColorProcessor(), read(ci, c)));
	}

	@Test
	void twoChannelCompositeIsNotMerged() throws Exception {
		final ImagePlus ci = composite(IJ.COMPOSITE, LUT.createLutFromColor(Color.red), LUT
			.createLutFromColor(Color.green));
		assertEquals(2, AnimeGan.Planes.of(ci).count());
		final RgbImage green = AnimeGan.Planes.of(ci).read(1);
		assertEquals(0, green.get(0, 3, 3), 0);
		assertEquals(value(1, 3, 3), green.get(1, 3, 3), 0);
	}
}
