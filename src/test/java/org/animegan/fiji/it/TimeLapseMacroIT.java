package org.animegan.fiji.it;

import static org.animegan.fiji.it.ImageJ1MacroIT.assertClean;
import static org.animegan.fiji.it.ImageJ1MacroIT.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.plugin.filter.AVI_Writer;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time-lapses and AVIs as a user opens them in plain ImageJ 1.x, stylized through the real macro
 * command with {@code temporal_smoothing}: AVIs from ImageJ's AVI reader (a normal and a virtual
 * stack), hyperstacks with frames, and a plain Z-stack. The frames are a still photo, with or without
 * independent noise in each frame: with noise, smoothing must lower the change from frame to frame
 * (which shows it followed the right axis); without, it must give the frames of {@code off}.
 * Needs an X display, like {@link ImageJ1MacroIT}.
 */
@Tag("slow")
class TimeLapseMacroIT {

	private static final double FPS = 7;
	/** Noise of each frame, grey levels: as the flicker measure's still scene (docs/temporal.md). */
	private static final double SIGMA = 4;
	/** With noise, flow must leave at most this share of the frame-to-frame change of off. */
	private static final double FLOW_AT_MOST = 0.8;

	/**
	 * The macro's helpers: {@code stylize(title, options, name)} runs the command on an image and
	 * names the result; {@code report(key, title)} prints its dimensions, calibration and flicker.
	 */
	private static final String[] HELPERS = { //
		"model = getArgument();", //
		"function stylize(title, options, name) {", //
		"  selectImage(title);", //
		"  run('Photo to Anime...', 'model=[' + model + '] input_size=native threads=2 ' + options);", //
		"  rename(name);", //
		"  report(name, name);", //
		"  return name;", //
		"}", //
		"function report(key, title) {", //
		"  out(key, probe('describe', title));", //
		"  if (bitDepth() == 24) out(key + '.flicker', probe('flicker', title));", //
		"}", //
		"function probe(method, title) { return call('org.animegan.fiji.it.TimeLapseProbe.' + method, title); }", //
		"function difference(a, b) { return call('org.animegan.fiji.it.TimeLapseProbe.maxDifference', a, b); }", //
		"function out(key, value) { print('RESULT ' + key + '=' + value); }" };

	@TempDir
	Path tmp;

	@Test
	void anAviOpenedAsANormalOrAVirtualStackIsSmoothedAlongItsFramesAndKeepsItsFrameRate()
		throws Exception
	{
		final Path noisy = avi("noisy.avi", SIGMA);
		final Path still = avi("still.avi", 0);
		final ImageJ1 ij = new ImageJ1(tmp);
		final List<String> lines = new ArrayList<>(Arrays.asList(HELPERS));
		for (final String open : List.of("normal", "virtual")) {
			final String use = open.equals("virtual") ? " use" : "";
			lines.addAll(inThreeModes("run('AVI...', 'open=[" + noisy + "]" + use + "');", open));
			lines.addAll(inThreeModes("run('AVI...', 'open=[" + still + "]" + use + "');", "still." +
				open));
		}
		final Processes.Result r = ij.batch(ij.macro("avi.ijm", lines.toArray(new String[0])),
			Packaged.fixture("generator_v3_nhwc.onnx").toString());
		final Map<String, String> result = results(r);
		assertEquals(0, r.exit, r::toString);
		for (final String open : List.of("normal", "virtual")) {
			for (final String name : List.of(open, "still." + open)) {
				// ImageJ's AVI reader: the frames are slices, the frame rate is in the calibration.
				assertEquals(dims("c1 z6 t1 bits24 hyper=false", open.equals("virtual"), FPS, 0), result
					.get(name), r::toString);
				for (final String mode : List.of("off", "tones", "flow"))
					assertEquals(dims("c1 z6 t1 bits24 hyper=false", false, FPS, 0), result.get(name + "." +
						mode), name + " " + mode + ": " + r);
				assertEquals("1", result.get(name + ".unchanged"), r::toString);
			}
			assertFlowSmooths(result, open, r);
			assertEquals("0", result.get("still." + open + ".tones.vsOff"), r::toString);
			assertEquals("0", result.get("still." + open + ".flow.vsOff"), r::toString);
		}
		assertClean(r);
	}

	@Test
	void aHyperstackTimeLapseKeepsItsFramesAndFrameIntervalAndIsSmoothedAlongT() throws Exception {
		// C=2, Z=2, T=4 (8-bit, composite) with noise; C=1, Z=1, T=6 (RGB) still.
		final Path hyper = tiff("hyper.tif", false, 2, 2, 4, SIGMA);
		final Path frames = tiff("frames.tif", true, 1, 1, 6, 0);
		final ImageJ1 ij = new ImageJ1(tmp);
		final List<String> lines = new ArrayList<>(Arrays.asList(HELPERS));
		for (final String name : List.of("hyper", "frames"))
			lines.addAll(inThreeModes("open('" + tmp.resolve(name + ".tif") + "');", name));
		final Processes.Result r = ij.batch(ij.macro("hyper.ijm", lines.toArray(new String[0])),
			Packaged.fixture("generator_v3_nhwc.onnx").toString());
		final Map<String, String> result = results(r);
		assertEquals(0, r.exit, r::toString);
		assertTrue(hyper.toFile().isFile() && frames.toFile().isFile());
		assertEquals(dims("c2 z2 t4 bits8 hyper=true", false, 0, 0.5), result.get("hyper"), r
			::toString);
		assertEquals(dims("c1 z1 t6 bits24 hyper=false", false, 0, 0.5), result.get("frames"), r
			::toString);
		for (final String mode : List.of("off", "tones", "flow")) {
			// T stays T: the results have the input's channels, slices, frames and frame interval.
			assertEquals(dims("c2 z2 t4 bits24 hyper=true", false, 0, 0.5), result.get("hyper." + mode),
				mode + ": " + r);
			assertEquals(dims("c1 z1 t6 bits24 hyper=false", false, 0, 0.5), result.get("frames." +
				mode), mode + ": " + r);
		}
		assertFlowSmooths(result, "hyper", r);
		assertEquals("1", result.get("hyper.unchanged"), r::toString);
		assertEquals("1", result.get("frames.unchanged"), r::toString);
		// A still time-lapse: smoothing invents no change.
		assertEquals("0", result.get("frames.tones.vsOff"), r::toString);
		assertEquals("0", result.get("frames.flow.vsOff"), r::toString);
		assertClean(r);
	}

	@Test
	void aPlainZStackIsSmoothedAlongZOnlyWhenAsked() throws Exception {
		tiff("slices.tif", true, 1, 6, 1, SIGMA);
		final ImageJ1 ij = new ImageJ1(tmp);
		final List<String> lines = new ArrayList<>(Arrays.asList(HELPERS));
		lines.addAll(List.of( //
			"open('" + tmp.resolve("slices.tif") + "');", //
			"rename('slices');", //
			"report('slices', 'slices');", //
			"before = probe('checksum', 'slices');", //
			"stylize('slices', 'temporal_smoothing=off', 'slices.off');", //
			"stylize('slices', 'temporal_smoothing=flow temporal_axis=z', 'slices.flow');", //
			"stylize('slices', 'temporal_smoothing=flow temporal_axis=auto', 'slices.auto');", //
			"out('slices.unchanged', (before == probe('checksum', 'slices')));", //
			"out('slices.auto.vsOff', difference('slices.auto', 'slices.off'));"));
		final Processes.Result r = ij.batch(ij.macro("z.ijm", lines.toArray(new String[0])), Packaged
			.fixture("generator_v3_nhwc.onnx").toString());
		final Map<String, String> result = results(r);
		assertEquals(0, r.exit, r::toString);
		for (final String key : List.of("slices", "slices.off", "slices.flow", "slices.auto"))
			assertEquals(dims("c1 z6 t1 bits24 hyper=false", false, 0, 0), result.get(key), key + ": " + r);
		assertFlowSmooths(result, "slices", r);
		assertEquals("1", result.get("slices.unchanged"), r::toString);
		// Without frames or a frame rate, auto takes the slices for a Z-stack and leaves them alone.
		assertEquals("0", result.get("slices.auto.vsOff"), r::toString);
		assertClean(r);
	}

	/**
	 * Macro lines that open an image as {@code name} and stylize it with off, tones and flow (results
	 * {@code name.off} ...), then report whether the input is unchanged ({@code name.unchanged}) and
	 * how far tones and flow are from off ({@code name.tones.vsOff}, {@code name.flow.vsOff}).
	 */
	private static List<String> inThreeModes(final String open, final String name) {
		final List<String> lines = new ArrayList<>(List.of(open, "rename('" + name + "');", //
			"report('" + name + "', '" + name + "');", //
			"before = probe('checksum', '" + name + "');"));
		for (final String mode : List.of("off", "tones", "flow"))
			lines.add("stylize('" + name + "', 'temporal_smoothing=" + mode + "', '" + name + "." + mode +
				"');");
		lines.add("out('" + name + ".unchanged', (before == probe('checksum', '" + name + "')));");
		for (final String mode : List.of("tones", "flow"))
			lines.add("out('" + name + "." + mode + ".vsOff', difference('" + name + "." + mode + "', '" +
				name + ".off'));");
		return lines;
	}

	/** The expected {@link TimeLapseProbe#describe} of a 64x48 image. */
	private static String dims(final String axes, final boolean virtual, final double fps,
		final double interval)
	{
		return String.format(java.util.Locale.ROOT, "%dx%d %s virtual=%b fps=%.3f interval=%.3f sec",
			W, H, axes, virtual, fps, interval);
	}

	/** With noise in every frame, flow lowers the change from frame to frame clearly below off's. */
	private static void assertFlowSmooths(final Map<String, String> result, final String name,
		final Processes.Result r)
	{
		final double off = Double.parseDouble(result.get(name + ".off.flicker"));
		final double flow = Double.parseDouble(result.get(name + ".flow.flicker"));
		// The small test generator smooths most of the noise away (about 0.1 level is left).
		assertTrue(off > 0.05, name + ": off changes from frame to frame: " + off + "; " + r);
		assertTrue(flow < FLOW_AT_MOST * off, name + ": flow " + flow + " against off " + off + "; " +
			r);
	}

	private static final int W = 64, H = 48;

	/** The same photo in every frame, with independent noise of {@code sigma} levels in each. */
	private static ColorProcessor frame(final ColorProcessor photo, final Random random,
		final double sigma)
	{
		final ColorProcessor cp = (ColorProcessor) photo.duplicate();
		final int[] px = (int[]) cp.getPixels();
		for (int p = 0; p < px.length; p++) {
			int v = 0;
			for (int shift = 16; shift >= 0; shift -= 8)
				v = v << 8 | clamp((px[p] >> shift & 0xff) + random.nextGaussian() * sigma);
			px[p] = v;
		}
		return cp;
	}

	private static int clamp(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}

	private static ColorProcessor photo() {
		final ImagePlus astronaut = IJ.openImage(Packaged.fixture("astronaut_128x96.png").toString());
		return (ColorProcessor) astronaut.getProcessor().convertToRGB().resize(W, H);
	}

	/** Six frames written by ImageJ's AVI writer (PNG frames) at {@link #FPS}. */
	private Path avi(final String name, final double sigma) {
		final ColorProcessor photo = photo();
		final Random random = new Random(1);
		final ImageStack stack = new ImageStack(W, H);
		for (int k = 0; k < 6; k++)
			stack.addSlice(frame(photo, random, sigma));
		final ImagePlus imp = new ImagePlus(name, stack);
		imp.getCalibration().fps = FPS;
		final Path p = tmp.resolve(name);
		try {
			new AVI_Writer().writeImage(imp, p.toString(), AVI_Writer.PNG_COMPRESSION, 90);
		}
		catch (final java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return p;
	}

	/**
	 * A TIFF of C x Z x T planes of the photo with noise; 8-bit planes (one colour channel of the
	 * photo per channel) or RGB; with frames, a frame interval of 0.5 s.
	 */
	private Path tiff(final String name, final boolean rgb, final int c, final int z, final int t,
		final double sigma)
	{
		final ColorProcessor photo = photo();
		final Random random = new Random(2);
		final ImageStack stack = new ImageStack(W, H);
		for (int i = 0; i < c * z * t; i++) {
			final ColorProcessor cp = frame(photo, random, sigma);
			final ImageProcessor plane = rgb ? cp : cp.getChannel(1 + i % c, new ByteProcessor(W, H));
			stack.addSlice(plane);
		}
		ImagePlus imp = new ImagePlus(name, stack);
		imp.setDimensions(c, z, t);
		if (t > 1) {
			imp.setOpenAsHyperStack(true);
			imp.getCalibration().frameInterval = 0.5;
			imp.getCalibration().setTimeUnit("sec");
		}
		if (c > 1) imp = new ij.CompositeImage(imp, IJ.COMPOSITE);
		final Path p = tmp.resolve(name);
		assertTrue(new FileSaver(imp).saveAsTiffStack(p.toString()), p::toString);
		return p;
	}
}
