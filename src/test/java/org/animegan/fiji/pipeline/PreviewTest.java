package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ij.ImagePlus;
import ij.ImageStack;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.util.Arrays;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live preview's headless part: what it shows, and when it runs the model. */
class PreviewTest {

	private static ModelCache cache;
	private static AnimeGan tool;

	@BeforeAll
	static void start() {
		Fixtures.headless();
		cache = new ModelCache();
		tool = new AnimeGan(cache);
	}

	@AfterAll
	static void close() {
		cache.close();
	}

	@Test
	void aSmallPlaneShowsExactlyWhatTheRunGives() throws Exception {
		final ImagePlus photo = Fixtures.open("astronaut_128x96.png");
		final Settings s = Fixtures.v3().with(Settings.STYLE_WEIGHT, 0.6).with(Settings.SHARPEN_FACTOR,
			1).with(Settings.BLEND_ORIGINAL, 0.2);
		final Preview preview = new Preview(tool);
		for (final Settings t : new Settings[] { s, s.with(Settings.COLOR_SHIFT, "histogram") }) {
			final ColorProcessor shown = preview.render(photo, t, Progress.NONE);
			final ColorProcessor run = (ColorProcessor) tool.stylize(photo, t, Progress.NONE)
				.getProcessor();
			assertEquals(0, Fixtures.maxAbsDiff(run, shown), t.toString());
		}
	}

	@Test
	void cheapStepsReRenderFromTheCachedModelResult() throws Exception {
		final ImagePlus photo = Fixtures.open("astronaut_128x96.png");
		final Preview preview = new Preview(tool);
		final Settings first = Fixtures.v3();
		final int[] before = pixels(preview.render(photo, first, Progress.NONE));
		assertEquals(1, preview.modelRuns());
		Settings s = first;
		final Object[][] cheap = { { Settings.STYLE_WEIGHT, 0.5 }, { Settings.BLEND_ORIGINAL, 0.3 }, {
			Settings.COLOR_SHIFT, "histogram" }, { Settings.BRIGHTNESS_MATCH, true }, {
				Settings.SHARPEN_FACTOR, 2 } };
		for (final Object[] change : cheap) {
			s = s.with((String) change[0], change[1]);
			final int[] after = pixels(preview.render(photo, s, Progress.NONE));
			assertEquals(1, preview.modelRuns(), change[0] + " ran the model");
			assertFalse(Arrays.equals(before, after), change[0] + " changed nothing");
			// The same pixels as a preview that ran the model for these settings.
			final Preview fresh = new Preview(tool);
			assertArrayEquals(pixels(fresh.render(photo, s, Progress.NONE)), after, (String) change[0]);
			assertEquals(1, fresh.modelRuns());
		}
		// Size, model and face mode do run it again, once each.
		preview.render(photo, s.with(Settings.INPUT_SIZE, "256"), Progress.NONE);
		assertEquals(2, preview.modelRuns());
		preview.render(photo, s.with(Settings.INPUT_SIZE, "256").with(Settings.STYLE_WEIGHT, 0.9),
			Progress.NONE);
		assertEquals(2, preview.modelRuns());
		preview.render(photo, s.with(Settings.INPUT_SIZE, "256").with(Settings.MODEL, Fixtures.path(
			"generator_nchw.onnx").toString()), Progress.NONE);
		assertEquals(3, preview.modelRuns());
		preview.render(photo, s.with(Settings.FACE_ENHANCE, "crop").with(Settings.FACE_MODEL, Fixtures
			.path("generator_v3_nhwc.onnx").toString()), Progress.NONE);
		assertEquals(4, preview.modelRuns());
	}

	@Test
	void faceCropPreviewIsTheFaceSquare() throws Exception {
		final ImagePlus photo = Fixtures.open("astronaut_128x96.png");
		final Settings s = Fixtures.v3().with(Settings.FACE_ENHANCE, "crop").with(Settings.FACE_MODEL,
			Fixtures.path("generator_v3_nhwc.onnx").toString());
		final ColorProcessor preview = new Preview(tool).render(photo, s, Progress.NONE);
		final ColorProcessor run = (ColorProcessor) tool.stylize(photo, s, Progress.NONE)
			.getProcessor();
		assertEquals(0, Fixtures.maxAbsDiff(run, preview));
	}

	@Test
	void aLargePlaneIsShownWithItsLongSideAt512() throws Exception {
		final ImagePlus big = new ImagePlus("big", ramp(1000, 600, 0));
		final RgbImage plane = Preview.plane(big);
		assertEquals(512, plane.width());
		assertEquals(307, plane.height()); // 600 * 512 / 1000 = 307.2
	}

	@Test
	void theCurrentPlaneCutToTheSelection() throws Exception {
		final ImageStack stack = new ImageStack(60, 40);
		for (int k = 0; k < 3; k++)
			stack.addSlice(ramp(60, 40, 50 * k));
		final ImagePlus imp = new ImagePlus("stack", stack);
		imp.setSlice(3);
		imp.setRoi(new Roi(10, 5, 20, 12));
		final RgbImage plane = Preview.plane(imp);
		assertEquals(20, plane.width());
		assertEquals(12, plane.height());
		// Pixel (0, 0) of the preview is pixel (10, 5) of slice 3.
		assertEquals(value(10, 5, 100), plane.get(0, 0, 0), 0);
		assertEquals(value(29, 16, 100), plane.get(1, 19, 11), 0);
	}

	private static int value(final int x, final int y, final int offset) {
		return (x * 3 + y * 5 + offset) & 0xff;
	}

	private static ByteProcessor ramp(final int w, final int h, final int offset) {
		final ByteProcessor bp = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				bp.set(x, y, value(x, y, offset));
		return bp;
	}

	private static int[] pixels(final ColorProcessor cp) {
		return (int[]) cp.getPixels();
	}
}
