package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each example macro in macros/ run in a real plain ImageJ 1.x (-batch, under X) on small synthetic
 * images; the files they write are compared with the same images stylized here, in this JVM.
 */
@Tag("slow")
class MacrosIT {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private static final String MODEL = "generator_v3_nhwc.onnx";
	private static ModelCache models;

	@TempDir
	Path tmp;

	@BeforeAll
	static void open() {
		models = new ModelCache();
	}

	@AfterAll
	static void close() {
		models.close();
	}

	@Test
	void photoToAnimeStylizesTheImageItOpens() throws Exception {
		final Path in = tmp.resolve("photo.png");
		final ImagePlus photo = new ImagePlus("photo", rgbPattern(80, 60, 0));
		assertTrue(new FileSaver(photo).saveAsPng(in.toString()));
		final Path out = tmp.resolve("photo-anime.png");
		final Processes.Result r = new ImageJ1(tmp).batch(Packaged.macro("photo_to_anime.ijm"),
			"model=[" + model() + "] input_size=256 threads=2 input=[" + in + "] output=[" + out + "]");
		assertEquals(0, r.exit, r::toString);
		ImageJ1MacroIT.assertClean(r);
		final ImagePlus result = open(out);
		assertEquals(24, result.getBitDepth());
		assertEquals(80, result.getWidth());
		assertEquals(60, result.getHeight());
		final ImagePlus expected = stylize(new Opener().openImage(in.toString()));
		assertTrue(maxAbsDiff(expected.getProcessor(), result.getProcessor()) <= 1, r::toString);
	}

	@Test
	void stackToAnimeKeepsHyperstackOrderAndCalibration() throws Exception {
		final int slices = 2, frames = 3;
		final ImageStack stack = new ImageStack(48, 40);
		for (int i = 0; i < slices * frames; i++)
			stack.addSlice(greyPattern(48, 40, i));
		final ImagePlus timelapse = new ImagePlus("timelapse", stack);
		timelapse.setDimensions(1, slices, frames);
		timelapse.setOpenAsHyperStack(true);
		final Calibration cal = timelapse.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("micron");
		cal.frameInterval = 2;
		final Path in = tmp.resolve("timelapse.tif");
		assertTrue(new FileSaver(timelapse).saveAsTiffStack(in.toString()));
		final Path out = tmp.resolve("timelapse-anime.tif");

		final Processes.Result r = new ImageJ1(tmp).batch(Packaged.macro("stack_to_anime.ijm"),
			"model=[" + model() + "] input_size=256 max_batch_size=4 threads=2 input=[" + in +
				"] output=[" + out + "]");
		assertEquals(0, r.exit, r::toString);
		ImageJ1MacroIT.assertClean(r);

		final ImagePlus result = open(out);
		assertEquals(24, result.getBitDepth());
		assertEquals(1, result.getNChannels());
		assertEquals(slices, result.getNSlices());
		assertEquals(frames, result.getNFrames());
		assertEquals(0.5, result.getCalibration().pixelWidth, 1e-9);
		assertEquals("micron", result.getCalibration().getUnit());
		assertEquals(2, result.getCalibration().frameInterval, 1e-9);
		// Plane k of the result is plane k of the input stylized on its own, and no other plane.
		final List<ImageProcessor> single = new ArrayList<>();
		for (int i = 1; i <= stack.getSize(); i++)
			single.add(stylize(new ImagePlus("plane", stack.getProcessor(i))).getProcessor());
		for (int k = 0; k < single.size(); k++) {
			final ImageProcessor plane = result.getStack().getProcessor(k + 1);
			for (int j = 0; j < single.size(); j++) {
				final int d = maxAbsDiff(single.get(j), plane);
				if (j == k) assertTrue(d <= 1, "plane " + (k + 1) + " differs by " + d);
				else assertTrue(d > 1, "plane " + (k + 1) + " looks like plane " + (j + 1));
			}
		}
	}

	@Test
	void batchFolderWritesOneResultPerImage() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		assertTrue(new FileSaver(new ImagePlus("a", rgbPattern(64, 48, 1))).saveAsPng(in.resolve(
			"a.png").toString()));
		assertTrue(new FileSaver(new ImagePlus("b", rgbPattern(40, 56, 2))).saveAsJpeg(in.resolve(
			"b.jpg").toString()));
		final ImageStack pages = new ImageStack(32, 24);
		for (int i = 0; i < 3; i++)
			pages.addSlice(greyPattern(32, 24, i));
		assertTrue(new FileSaver(new ImagePlus("c", pages)).saveAsTiffStack(in.resolve("c.tif")
			.toString()));
		Files.writeString(in.resolve("notes.txt"), "not an image");
		final List<Path> inputs = Packaged.list(in);
		final Path out = tmp.resolve("out");

		final Processes.Result r = new ImageJ1(tmp).batch(Packaged.macro("batch_folder.ijm"),
			"input=[" + in + "] output=[" + out + "] model=[" + model() + "] input_size=256 threads=2");
		assertEquals(0, r.exit, r::toString);
		ImageJ1MacroIT.assertClean(r);
		assertTrue(r.output.contains("Photo to Anime: 3 file(s) written"), r::toString);

		assertEquals(List.of("a-anime.png", "b-anime.png", "c-anime.tif"), Packaged.list(out).stream()
			.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
		assertEquals(inputs, Packaged.list(in), "the input folder is unchanged");
		final ImagePlus a = open(out.resolve("a-anime.png"));
		assertEquals(64, a.getWidth());
		assertEquals(48, a.getHeight());
		final ImagePlus b = open(out.resolve("b-anime.png"));
		assertEquals(40, b.getWidth());
		assertEquals(56, b.getHeight());
		final ImagePlus c = open(out.resolve("c-anime.tif"));
		assertEquals(3, c.getStackSize());
		assertEquals(24, c.getBitDepth());
		assertEquals(32, c.getWidth());
	}

	private static String model() {
		return Packaged.fixture(MODEL).toString();
	}

	private static ImagePlus stylize(final ImagePlus imp) throws AnimeGanException {
		final Settings s = Settings.of("model", model(), "input_size", "256", "threads", "2");
		return new AnimeGan(models).stylize(imp, s, Progress.NONE);
	}

	private static ImagePlus open(final Path file) throws IOException {
		assertTrue(Files.isRegularFile(file), file + " was not written");
		final ImagePlus imp = new Opener().openImage(file.toString());
		assertNotNull(imp, file + " cannot be read");
		return imp;
	}

	/** Colour gradients and a disc; {@code seed} moves the disc so images differ. */
	static ColorProcessor rgbPattern(final int w, final int h, final int seed) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				final int dx = x - w / 3 - 7 * seed, dy = y - h / 2;
				final boolean disc = dx * dx + dy * dy < (h / 4) * (h / 4);
				final int r = disc ? 230 : 255 * x / w, g = disc ? 40 : 255 * y / h, b = (x * y + 40 *
					seed) % 256;
				cp.set(x, y, (r << 16) | (g << 8) | b);
			}
		}
		return cp;
	}

	/** A grey ramp with a bright square whose place and brightness depend on {@code i}. */
	static ByteProcessor greyPattern(final int w, final int h, final int i) {
		final ByteProcessor bp = new ByteProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				bp.set(x, y, (x * 255 / w + 30 * i) % 256);
		bp.setValue(255 - 20 * i);
		bp.setRoi(4 + 4 * i, 4 + 2 * i, w / 3, h / 3);
		bp.fill();
		bp.resetRoi();
		return bp;
	}

	/** Largest difference of any channel of two images of the same size, as RGB. */
	static int maxAbsDiff(final ImageProcessor a, final ImageProcessor b) {
		assertEquals(a.getWidth(), b.getWidth());
		assertEquals(a.getHeight(), b.getHeight());
		final int[] p = (int[]) a.convertToRGB().getPixels(), q = (int[]) b.convertToRGB().getPixels();
		int max = 0;
		for (int i = 0; i < p.length; i++)
			for (int shift = 0; shift <= 16; shift += 8)
				max = Math.max(max, Math.abs((p[i] >> shift & 0xff) - (q[i] >> shift & 0xff)));
		return max;
	}
}
