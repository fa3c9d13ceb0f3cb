package org.animegan.fiji.style;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.animegan.fiji.Unavailable;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;

/** Real photos, models and measurements shared by the style and face tests. */
public final class StyleFixtures {

	public static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");
	/** The tiny AnimeGANv3 stand-in: fast, and its output is clearly different from its input. */
	public static final Path FAST_MODEL = FIXTURES.resolve("generator_v3_nhwc.onnx");
	/** The random-weight AnimeGANv2 generator (PyTorch-port architecture). */
	public static final Path V2_MODEL = FIXTURES.resolve("generator_nchw.onnx");

	private StyleFixtures() {}

	/** astronaut.png (512x512, public domain), as an RGB plane. */
	public static RgbImage astronaut() {
		final ImagePlus imp = IJ.openImage(FIXTURES.resolve("astronaut.png").toString());
		return PlaneConverter.fromRgb((ColorProcessor) imp.getProcessor().convertToRGB());
	}

	/** The astronaut scaled to side x side (antialiased), for fast tests. */
	public static RgbImage astronaut(final int side) {
		return Resampler.resize(astronaut(), side, side);
	}

	public static ImagePlus image(final String title, final RgbImage img) {
		return new ImagePlus(title, PlaneConverter.toRgb(img));
	}

	/** The result image's first plane as RGB values. */
	public static RgbImage plane(final ImagePlus imp) {
		return PlaneConverter.fromRgb((ColorProcessor) imp.getStack().getProcessor(1)
			.convertToRGB());
	}

	/** The 8-bit values an image has once written as RGB (what an input or output holds). */
	public static RgbImage rounded(final RgbImage img) {
		return PlaneConverter.fromRgb(PlaneConverter.toRgb(img));
	}

	public static double maxAbsDiff(final RgbImage a, final RgbImage b) {
		double m = 0;
		for (int i = 0; i < a.data().length; i++)
			m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
		return m;
	}

	public static double meanAbsDiff(final RgbImage a, final RgbImage b) {
		double s = 0;
		for (int i = 0; i < a.data().length; i++)
			s += Math.abs(a.data()[i] - b.data()[i]);
		return s / a.data().length;
	}

	public static double mean(final RgbImage img, final int channel) {
		final int n = img.area();
		double s = 0;
		for (int i = 0; i < n; i++)
			s += img.data()[channel * n + i];
		return s / n;
	}

	public static double std(final RgbImage img, final int channel) {
		final int n = img.area();
		final double m = mean(img, channel);
		double s = 0;
		for (int i = 0; i < n; i++) {
			final double d = img.data()[channel * n + i] - m;
			s += d * d;
		}
		return Math.sqrt(s / n);
	}

	/** High-frequency energy: the mean squared 4-neighbour Laplacian over all channels. */
	public static double laplacianEnergy(final RgbImage img) {
		final int w = img.width(), h = img.height(), n = img.area();
		final float[] d = img.data();
		double s = 0;
		long count = 0;
		for (int c = 0; c < 3; c++)
			for (int y = 1; y < h - 1; y++)
				for (int x = 1; x < w - 1; x++) {
					final int i = c * n + y * w + x;
					final double lap = 4 * d[i] - d[i - 1] - d[i + 1] - d[i - w] - d[i + w];
					s += lap * lap;
					count++;
				}
		return s / count;
	}

	/**
	 * The folder with the UltraFace detectors: the system property animegan.shared or the
	 * environment variable ANIMEGAN_SHARED, else a {@code shared/models} folder next to the working
	 * directory or one of its parents. When absent, the calling test fails on CI and is skipped
	 * (with the reason printed) elsewhere: {@link Unavailable}.
	 */
	public static Path sharedModels() {
		final Path found = findSharedModels();
		return found != null ? found : Unavailable.because(SHARED_MISSING);
	}

	/** Why a test that needs the shared detector cannot run. */
	public static final String SHARED_MISSING =
		"../shared/models/ultraface-version-RFB-640.onnx is not there (set ANIMEGAN_SHARED).";

	/** As {@link #sharedModels()}, but null when the folder or its RFB-640 detector is absent. */
	public static Path findSharedModels() {
		String given = System.getProperty("animegan.shared");
		if (given == null) given = System.getenv("ANIMEGAN_SHARED");
		Path found = null;
		if (given != null) {
			final Path p = Paths.get(given);
			found = Files.isDirectory(p.resolve("models")) ? p.resolve("models") : p;
		}
		for (Path d = Paths.get("").toAbsolutePath(); found == null && d != null; d = d.getParent()) {
			if (Files.isDirectory(d.resolve("shared").resolve("models"))) found = d.resolve("shared")
				.resolve("models");
		}
		return found != null && Files.isRegularFile(found.resolve("ultraface-version-RFB-640.onnx"))
			? found : null;
	}
}
