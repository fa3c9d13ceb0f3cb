package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.util.HashSet;
import java.util.Set;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.TemporalOptions;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which planes of a hyperstack form a sequence over time, and smoothing through the whole tool. */
class TemporalSmoothingTest {

	private static ModelCache models;
	private static AnimeGan tool;

	@BeforeAll
	static void open() {
		Fixtures.headless();
		models = new ModelCache();
		tool = new AnimeGan(models);
	}

	@AfterAll
	static void close() {
		models.close();
	}

	private static TemporalOptions options(final String smoothing, final String axis)
		throws AnimeGanException
	{
		return Settings.of("temporal_smoothing", smoothing, "temporal_axis", axis).temporal();
	}

	@Test
	void autoIsTWhenThereAreFramesAndNothingOtherwise() throws AnimeGanException {
		assertEquals(TemporalOptions.Axis.T, TemporalSmoothing.of(options("tones", "auto"), 1, 3, 4, false)
			.axis());
		assertNull(TemporalSmoothing.of(options("tones", "auto"), 1, 3, 1, false));
		assertEquals(TemporalOptions.Axis.Z, TemporalSmoothing.of(options("tones", "z"), 1, 3, 1, false)
			.axis());
		assertNull(TemporalSmoothing.of(options("off", "t"), 1, 3, 4, false));
		assertEquals("off", Settings.defaults().get(Settings.TEMPORAL_SMOOTHING));
		assertEquals("auto", Settings.defaults().get(Settings.TEMPORAL_AXIS));
	}

	/** C=2, Z=3, T=4 in C/Z/T order: along T each (c, z) is one sequence, along Z each (c, t). */
	@Test
	void sequencesFollowTheChosenAxis() throws AnimeGanException {
		final int channels = 2, slices = 3, frames = 4;
		final TemporalSmoothing alongT = TemporalSmoothing.of(options("tones", "t"), channels, slices,
			frames, false);
		final TemporalSmoothing alongZ = TemporalSmoothing.of(options("tones", "z"), channels, slices,
			frames, false);
		final Set<Integer> keysT = new HashSet<>(), keysZ = new HashSet<>();
		for (int t = 0; t < frames; t++)
			for (int z = 0; z < slices; z++)
				for (int c = 0; c < channels; c++) {
					final int i = c + channels * (z + slices * t);
					assertEquals(alongT.sequence(c + channels * z), alongT.sequence(i), "T: plane " + i);
					assertEquals(alongZ.sequence(c + channels * slices * t), alongZ.sequence(i), "Z: plane " +
						i);
					keysT.add(alongT.sequence(i));
					keysZ.add(alongZ.sequence(i));
				}
		assertEquals(channels * slices, keysT.size());
		assertEquals(channels * frames, keysZ.size());
	}

	/** A merged 3-channel composite gives one plane per (z, t): every frame is in one sequence. */
	@Test
	void aMergedCompositeIsOneSequencePerSlice() throws AnimeGanException {
		final ImageStack stack = new ImageStack(16, 16);
		for (int i = 0; i < 3 * 4; i++)
			stack.addSlice(new ij.process.ByteProcessor(16, 16));
		final ImagePlus imp = new ImagePlus("composite", stack);
		imp.setDimensions(3, 1, 4);
		final ImagePlus ci = new ij.CompositeImage(imp, ij.IJ.COMPOSITE);
		final AnimeGan.Planes planes = AnimeGan.Planes.of(ci);
		assertEquals(4, planes.count());
		final TemporalSmoothing s = planes.smoothing(options("tones", "auto"));
		assertEquals(TemporalOptions.Axis.T, s.axis());
		for (int i = 0; i < 4; i++)
			assertEquals(s.sequence(0), s.sequence(i), "frame " + i);
	}

	/**
	 * ImageJ's AVI reader opens a video as slices with a frame rate: auto follows them. A plain
	 * stack without a frame rate or interval is a Z-stack, and a hyperstack with frames follows T.
	 */
	@Test
	void autoFollowsTheSlicesOfAVideoOpenedAsAStack() throws AnimeGanException {
		final ImageStack stack = new ImageStack(16, 16);
		for (int i = 0; i < 4; i++)
			stack.addSlice(new ColorProcessor(16, 16));
		final ImagePlus imp = new ImagePlus("clip.avi", stack);
		assertNull(AnimeGan.Planes.of(imp).smoothing(options("flow", "auto")));
		imp.getCalibration().fps = 7;
		assertEquals(TemporalOptions.Axis.Z, AnimeGan.Planes.of(imp).smoothing(options("flow",
			"auto")).axis());
		assertNull(AnimeGan.Planes.of(imp).smoothing(options("off", "auto")));
		imp.getCalibration().fps = 0;
		imp.getCalibration().frameInterval = 0.5;
		assertEquals(TemporalOptions.Axis.Z, AnimeGan.Planes.of(imp).smoothing(options("tones",
			"auto")).axis());
		imp.setDimensions(1, 2, 2);
		assertEquals(TemporalOptions.Axis.T, AnimeGan.Planes.of(imp).smoothing(options("tones",
			"auto")).axis());
	}

	/** Z=2 different slices, each still over T=3 frames. */
	private static ImagePlus stillOverTime() {
		final ColorProcessor a = (ColorProcessor) Fixtures.open("astronaut_128x96.png").getProcessor()
			.convertToRGB();
		final ColorProcessor b = (ColorProcessor) a.duplicate();
		b.multiply(0.4);
		final ImageStack stack = new ImageStack(a.getWidth(), a.getHeight());
		for (int t = 0; t < 3; t++) {
			stack.addSlice("a" + t, a.duplicate());
			stack.addSlice("b" + t, b.duplicate());
		}
		final ImagePlus imp = new ImagePlus("hyper", stack);
		imp.setDimensions(1, 2, 3);
		imp.setOpenAsHyperStack(true);
		return imp;
	}

	private static ImagePlus stylize(final ImagePlus imp, final String smoothing, final String axis)
		throws AnimeGanException
	{
		// Batches of 4 over 6 planes: a sequence continues across batches.
		return tool.stylize(imp, Fixtures.v3().with("temporal_smoothing", smoothing).with(
			"temporal_axis", axis), Progress.NONE);
	}

	private static int maxDiff(final ImagePlus a, final ImagePlus b, final int plane) {
		return Fixtures.maxAbsDiff((ColorProcessor) a.getStack().getProcessor(plane),
			(ColorProcessor) b.getStack().getProcessor(plane));
	}

	@Test
	void aStillSequenceGivesTheSameFramesAsOff() throws AnimeGanException {
		final ImagePlus imp = stillOverTime();
		final ImagePlus off = stylize(imp, "off", "auto");
		for (final String mode : new String[] { "tones", "flow" })
			for (final String axis : new String[] { "auto", "t" }) {
				final ImagePlus smoothed = stylize(imp, mode, axis);
				for (int i = 1; i <= imp.getStackSize(); i++)
					assertTrue(maxDiff(off, smoothed, i) <= 1, mode + ", " + axis + ": plane " + i);
			}
	}

	/**
	 * Flow along Z on the same stack: each frame's second slice is the first one darkened, so the
	 * previous result moved along the (zero) flow is no match and the mask keeps it out; along T
	 * nothing moves and nothing changes either. Smoothing never invents change.
	 */
	@Test
	void flowAlongZBlendsNothingThatDoesNotMatch() throws AnimeGanException {
		final ImagePlus imp = stillOverTime();
		final ImagePlus off = stylize(imp, "off", "auto");
		final ImagePlus flow = stylize(imp, "flow", "z");
		for (int i = 1; i <= imp.getStackSize(); i++)
			assertTrue(maxDiff(off, flow, i) <= 1, "plane " + i + ": " + maxDiff(off, flow, i));
	}

	@Test
	void alongZTheSlicesAreSmoothedInstead() throws AnimeGanException {
		final ImagePlus imp = stillOverTime();
		final ImagePlus off = stylize(imp, "off", "auto");
		final ImagePlus tones = stylize(imp, "tones", "z");
		// The first slice of each frame starts its sequence; the darker second one is pulled toward it.
		for (int t = 0; t < 3; t++) {
			assertTrue(maxDiff(off, tones, 2 * t + 1) <= 1, "frame " + t + ", z=1");
			assertTrue(maxDiff(off, tones, 2 * t + 2) > 10, "frame " + t + ", z=2: " + maxDiff(off, tones, 2 * t + 2));
		}
	}
}
