package org.animegan.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.Opener;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;

/** Test fixtures (src/test/resources/fixtures) and small helpers shared by the test classes. */
public final class Fixtures {

	static {
		// Every test runs headless, also on machines with a display.
		System.setProperty("java.awt.headless", "true");
	}

	/** Two threads: the CI machines have two cores. */
	public static final int THREADS = 2;

	private Fixtures() {}

	/** Call from a test class' static set-up so that AWT starts headless. */
	public static void headless() {
		// The static initializer does the work.
	}

	public static Path path(final String name) {
		final URL url = Fixtures.class.getResource("/fixtures/" + name);
		if (url == null) throw new IllegalStateException("Missing fixture " + name);
		try {
			return Paths.get(url.toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	public static ImagePlus open(final String name) {
		final ImagePlus imp = new Opener().openImage(path(name).toString());
		if (imp == null) throw new IllegalStateException("Cannot open fixture " + name);
		return imp;
	}

	/** Settings for a fixture model at native size, with the test thread count. */
	public static Settings nativeSettings(final String model) throws AnimeGanException {
		return Settings.of("model", path(model).toString(), "input_size", "native", "threads", String
			.valueOf(THREADS));
	}

	/** The tiny AnimeGANv3 stand-in: fast, for tests where the model does not matter. */
	public static Settings v3() throws AnimeGanException {
		return nativeSettings("generator_v3_nhwc.onnx");
	}

	/** Largest absolute difference of any channel of two RGB planes of the same size. */
	public static int maxAbsDiff(final ColorProcessor a, final ColorProcessor b) {
		assertEquals(a.getWidth(), b.getWidth(), "width");
		assertEquals(a.getHeight(), b.getHeight(), "height");
		int max = 0;
		for (int i = 0; i < a.getPixelCount(); i++) {
			final int p = a.get(i), q = b.get(i);
			for (int shift = 0; shift <= 16; shift += 8)
				max = Math.max(max, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
		}
		return max;
	}

	/** A copy of everything about an image that the tool must leave alone. */
	public static final class Snapshot {

		private final ImagePlus imp;
		private final List<Object> pixels = new ArrayList<>();
		private final List<String> labels = new ArrayList<>();
		private final int[] dims;
		private final double min, max;
		private final byte[] lut;
		private final Calibration cal;
		private final String title;

		public Snapshot(final ImagePlus imp) {
			this.imp = imp;
			final ImageStack stack = imp.getStack();
			for (int i = 1; i <= stack.getSize(); i++) {
				pixels.add(stack.getProcessor(i).duplicate().getPixels());
				labels.add(stack.getSliceLabel(i));
			}
			dims = imp.getDimensions();
			min = imp.getDisplayRangeMin();
			max = imp.getDisplayRangeMax();
			lut = lutBytes(imp.getProcessor());
			cal = imp.getCalibration().copy();
			title = imp.getTitle();
		}

		private static byte[] lutBytes(final ImageProcessor ip) {
			if (ip instanceof ColorProcessor) return new byte[0];
			final byte[] r = new byte[256], g = new byte[256], b = new byte[256];
			ip.getLut().getReds(r);
			ip.getLut().getGreens(g);
			ip.getLut().getBlues(b);
			final byte[] all = new byte[768];
			System.arraycopy(r, 0, all, 0, 256);
			System.arraycopy(g, 0, all, 256, 256);
			System.arraycopy(b, 0, all, 512, 256);
			return all;
		}

		public void assertUnchanged() {
			assertEquals(title, imp.getTitle(), "title");
			assertArrayEquals(dims, imp.getDimensions(), "dimensions");
			final ImageStack stack = imp.getStack();
			assertEquals(pixels.size(), stack.getSize(), "planes");
			for (int i = 0; i < pixels.size(); i++) {
				final Object was = pixels.get(i), now = stack.getPixels(i + 1);
				if (was instanceof byte[]) assertArrayEquals((byte[]) was, (byte[]) now, "plane " + i);
				else if (was instanceof short[]) assertArrayEquals((short[]) was, (short[]) now, "plane " + i);
				else if (was instanceof float[]) assertArrayEquals((float[]) was, (float[]) now, "plane " + i);
				else assertArrayEquals((int[]) was, (int[]) now, "plane " + i);
				assertEquals(labels.get(i), stack.getSliceLabel(i + 1), "label " + i);
			}
			assertEquals(min, imp.getDisplayRangeMin(), "display min");
			assertEquals(max, imp.getDisplayRangeMax(), "display max");
			assertArrayEquals(lut, lutBytes(imp.getProcessor()), "LUT");
			assertEquals(cal.pixelWidth, imp.getCalibration().pixelWidth, "pixel width");
			assertEquals(cal.getUnit(), imp.getCalibration().getUnit(), "unit");
		}
	}
}
