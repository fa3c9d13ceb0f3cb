package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

import java.awt.Color;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every plane of stacks, hyperstacks and time-lapses is stylized, in order. Each input plane is
 * different, and output plane i must equal the result of stylizing input plane i on its own.
 */
class AnimeGanStacksTest {

	private static ModelCache models;
	private static AnimeGan tool;
	private static Settings settings;

	@BeforeAll
	static void open() throws Exception {
		Fixtures.headless();
		models = new ModelCache();
		tool = new AnimeGan(models);
		// Batches of 5 over 12 planes: full batches and a short last one.
		settings = Fixtures.v3().with("max_batch_size", 5);
	}

	@AfterAll
	static void close() {
		models.close();
	}

	private static ImagePlus stylize(final ImagePlus imp) throws AnimeGanException {
		final Fixtures.Snapshot before = new Fixtures.Snapshot(imp);
		final ImagePlus out = tool.stylize(imp, settings, Progress.NONE);
		before.assertUnchanged();
		assertEquals(imp.getWidth(), out.getWidth());
		assertEquals(imp.getHeight(), out.getHeight());
		assertArrayEquals(new int[] { imp.getNChannels(), imp.getNSlices(), imp.getNFrames() },
			new int[] { out.getNChannels(), out.getNSlices(), out.getNFrames() }, "C, Z, T");
		assertEquals(imp.getStackSize(), out.getStackSize());
		for (int i = 1; i <= imp.getStackSize(); i++)
			assertEquals(imp.getStack().getSliceLabel(i), out.getStack().getSliceLabel(i), "label " + i);
		assertEquals(imp.getCalibration().pixelWidth, out.getCalibration().pixelWidth);
		assertEquals(imp.getCalibration().getUnit(), out.getCalibration().getUnit());
		assertEquals(imp.getCalibration().frameInterval, out.getCalibration().frameInterval);
		return out;
	}

	/** One plane with the display settings it has in its stack, stylized alone. */
	private static ColorProcessor alone(final ImageProcessor plane, final LUT lut, final double min,
		final double max) throws AnimeGanException
	{
		final ImageProcessor ip = plane.duplicate();
		if (!(ip instanceof ColorProcessor)) {
			ip.setLut(lut);
			ip.setMinAndMax(min, max);
		}
		return (ColorProcessor) tool.stylize(new ImagePlus("one", ip), settings, Progress.NONE)
			.getProcessor();
	}

	/** Output plane i is plane i's own result, and results of different planes differ. */
	private static void assertInOrder(final ImagePlus out, final ColorProcessor[] expected) {
		for (int i = 0; i < expected.length; i++) {
			final ColorProcessor got = (ColorProcessor) out.getStack().getProcessor(i + 1);
			assertTrue(Fixtures.maxAbsDiff(expected[i], got) <= 1, "plane " + (i + 1));
			if (i > 0) assertTrue(Fixtures.maxAbsDiff(expected[i - 1], got) > 3,
				"planes " + i + " and " + (i + 1) + " should differ");
		}
	}

	private static ImageStack distinctStack(final int n, final int bitDepth) {
		final ImageStack stack = new ImageStack(PlanesTest.W, PlanesTest.H);
		for (int k = 0; k < n; k++) {
			final ImageProcessor ip = PlanesTest.bytes(k);
			final ImageProcessor typed = bitDepth == 16 ? ip.convertToShort(false) : bitDepth == 24 ? ip
				.convertToRGB() : ip;
			if (bitDepth == 24) ((ColorProcessor) typed).setChannel(1, PlanesTest.bytes(k + 5));
			stack.addSlice("plane " + (k + 1), typed);
		}
		return stack;
	}

	private static Calibration calibration() {
		final Calibration cal = new Calibration();
		cal.pixelWidth = 0.25;
		cal.pixelHeight = 0.25;
		cal.setUnit("um");
		cal.frameInterval = 2.5;
		return cal;
	}

	@Test
	void zStack() throws Exception {
		final ImagePlus imp = new ImagePlus("stack", distinctStack(4, 8));
		imp.setCalibration(calibration());
		final ImagePlus out = stylize(imp);
		assertEquals("stack-anime", out.getTitle());
		final ColorProcessor[] expected = new ColorProcessor[4];
		for (int i = 0; i < 4; i++)
			expected[i] = alone(imp.getStack().getProcessor(i + 1), imp.getProcessor().getLut(), 0, 255);
		assertInOrder(out, expected);
	}

	@Test
	void timeLapse() throws Exception {
		final ImagePlus imp = new ImagePlus("movie.tif", distinctStack(4, 24));
		imp.setDimensions(1, 1, 4);
		imp.setCalibration(calibration());
		final ImagePlus out = stylize(imp);
		assertEquals("movie-anime", out.getTitle());
		assertEquals(4, out.getNFrames());
		final ColorProcessor[] expected = new ColorProcessor[4];
		for (int i = 0; i < 4; i++)
			expected[i] = alone(imp.getStack().getProcessor(i + 1), null, 0, 0);
		assertInOrder(out, expected);
	}

	@Test
	void hyperstackKeepsCzt() throws Exception {
		final ImagePlus imp = new ImagePlus("hyper", distinctStack(12, 16));
		imp.setDimensions(2, 3, 2);
		imp.setOpenAsHyperStack(true);
		imp.setDisplayRange(20, 230);
		imp.setCalibration(calibration());
		final ImagePlus out = stylize(imp);
		assertTrue(out.isHyperStack());
		final ColorProcessor[] expected = new ColorProcessor[12];
		for (int i = 0; i < 12; i++)
			expected[i] = alone(imp.getStack().getProcessor(i + 1), imp.getProcessor().getLut(), 20, 230);
		assertInOrder(out, expected);
	}

	@Test
	void compositeHyperstackInColourModeKeepsEachChannelsColour() throws Exception {
		final ImagePlus base = new ImagePlus("hyper", distinctStack(12, 16));
		base.setDimensions(2, 3, 2);
		final CompositeImage ci = new CompositeImage(base, IJ.COLOR);
		final LUT magenta = LUT.createLutFromColor(Color.magenta), green = LUT.createLutFromColor(
			Color.green);
		magenta.min = green.min = 0;
		magenta.max = green.max = 255;
		ci.setLuts(new LUT[] { magenta, green });
		final ImagePlus out = stylize(ci);
		final ColorProcessor[] expected = new ColorProcessor[12];
		for (int i = 0; i < 12; i++)
			expected[i] = alone(ci.getStack().getProcessor(i + 1), i % 2 == 0 ? magenta : green, 0, 255);
		assertInOrder(out, expected);
	}

	@Test
	void threeChannelCompositeComesBackAsAnRgbComposite() throws Exception {
		final ImageStack stack = distinctStack(6, 8);
		final ImagePlus base = new ImagePlus("cells", stack);
		base.setDimensions(3, 2, 1);
		final CompositeImage ci = new CompositeImage(base, IJ.COMPOSITE);
		ci.setCalibration(calibration());
		final ImagePlus out = stylize(ci);
		assertTrue(out.isComposite());
		assertEquals(IJ.COMPOSITE, ((CompositeImage) out).getMode());
		assertEquals(8, out.getBitDepth());
		final Color[] colours = { Color.red, Color.green, Color.blue };
		for (int c = 0; c < 3; c++)
			assertEquals(colours[c].getRGB(), ((CompositeImage) out).getChannelLut(c + 1).getRGB(255));
		// Each z is the merged picture as shown, stylized; its R, G and B go to channels 1, 2 and 3.
		for (int z = 1; z <= 2; z++) {
			final ImageStack channels = new ImageStack(ci.getWidth(), ci.getHeight());
			for (int c = 1; c <= 3; c++)
				channels.addSlice(stack.getProcessor(ci.getStackIndex(c, z, 1)));
			final ImagePlus one = new ImagePlus("z", channels);
			one.setDimensions(3, 1, 1);
			final ImagePlus shown = new ImagePlus("z", new CompositeImage(one, IJ.COMPOSITE).flatten()
				.getProcessor());
			final ColorProcessor expected = (ColorProcessor) tool.stylize(shown, settings,
				Progress.NONE).getProcessor();
			final ImageStack rgb = new ImageStack(ci.getWidth(), ci.getHeight());
			for (int c = 1; c <= 3; c++)
				rgb.addSlice(out.getStack().getProcessor(out.getStackIndex(c, z, 1)));
			final ColorProcessor got = new ColorProcessor(ci.getWidth(), ci.getHeight());
			got.setRGB((byte[]) rgb.getPixels(1), (byte[]) rgb.getPixels(2), (byte[]) rgb.getPixels(3));
			assertTrue(Fixtures.maxAbsDiff(expected, got) <= 1, "z=" + z);
		}
	}

	@Test
	void compositeInGreyscaleModeIsStylizedPerChannel() throws Exception {
		final ImagePlus base = new ImagePlus("grey", distinctStack(3, 8));
		base.setDimensions(3, 1, 1);
		final CompositeImage ci = new CompositeImage(base, IJ.GRAYSCALE);
		final ImagePlus out = stylize(ci);
		assertEquals(24, out.getBitDepth());
		final ColorProcessor[] expected = new ColorProcessor[3];
		for (int i = 0; i < 3; i++)
			expected[i] = alone(ci.getStack().getProcessor(i + 1), LUT.createLutFromColor(Color.white),
				0, 255);
		assertInOrder(out, expected);
	}

	@Test
	void sizesThatAreNotMultiplesOfTheStrideComeBackUnchanged() throws Exception {
		final ShortProcessor sp = new ShortProcessor(70, 45);
		for (int i = 0; i < sp.getPixelCount(); i++)
			sp.set(i, i % 997);
		final ImagePlus imp = new ImagePlus("odd", sp);
		final ImagePlus v3 = stylize(imp);
		assertEquals(70, v3.getWidth());
		assertEquals(45, v3.getHeight());
		final ImagePlus v2 = tool.stylize(imp, Fixtures.nativeSettings("generator_nchw.onnx"),
			Progress.NONE);
		assertEquals(70, v2.getWidth());
		assertEquals(45, v2.getHeight());
	}
}
