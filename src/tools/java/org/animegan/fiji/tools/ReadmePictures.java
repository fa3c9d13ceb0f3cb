package org.animegan.fiji.tools;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.Paste;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.pipeline.AnimeGan;

/**
 * {@code animegan-tools.jar readme-pictures [ULTRAFACE_FOLDER]}: makes the README's before/after
 * pictures of the style controls, 512x256 JPEGs in src/site/resources/images: left the result with
 * default settings (or the photo), right with the control. Model: the random-weight AnimeGANv2 test
 * generator (fixtures/generator_nchw.onnx) at 256 px, hence the abstract look. Run from the project
 * folder; the face picture is made only when the folder holds the UltraFace RFB-640 detector.
 */
final class ReadmePictures {

	static final Path OUT = Paths.get("src", "site", "resources", "images");
	static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");

	private ReadmePictures() {}

	static int make(final String[] args) throws Exception {
		Files.createDirectories(OUT);
		final Path detectors = args.length > 0 ? Paths.get(args[0]) : FIXTURES;
		final Path lut = warmCube(Files.createTempFile("warm", ".cube"), 9);
		final Path model = FIXTURES.resolve("generator_nchw.onnx").toAbsolutePath();
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache, new ModelLocator(detectors));
			final RgbImage photo = PlaneConverter.fromRgb(PlaneConverter.toRgb(Resampler.resize(Tools
				.rgb(IJ.openImage(FIXTURES.resolve("astronaut.png").toString())), 256, 256)));
			final Settings base = Settings.of("model", model.toString(), "input_size", "256",
				"face_model", model.toString());
			final RgbImage plain = run(tool, photo, base);
			save("photo_vs_default", photo, plain);
			final String[][] controls = { { "style_weight", "1.5" }, { "blend_original", "0.5" }, {
				"color_shift", "histogram" }, { "brightness_match", "true" }, { "sharpen_factor", "2" }, {
					"denoise", "light" }, { "tta_enabled", "true" } };
			for (final String[] c : controls)
				save(c[0] + (c[0].equals("color_shift") ? "_" + c[1] : ""), plain, run(tool, photo, base
					.with(c[0], c[1])));
			save("color_shift_lut", plain, run(tool, photo, base.with("color_shift", "lut").with(
				"lut_file", lut)));
			if (Files.isRegularFile(detectors.resolve("ultraface-version-RFB-640.onnx"))) save(
				"face_detect", plain, run(tool, photo, base.with("face_enhance", "detect")));
		}
		return 0;
	}

	/** A warm grade as an n-point .cube: red up, blue down (red changing fastest). */
	private static Path warmCube(final Path file, final int n) throws Exception {
		final StringBuilder sb = new StringBuilder("TITLE \"warm\"\nLUT_3D_SIZE " + n + "\n");
		for (int b = 0; b < n; b++)
			for (int g = 0; g < n; g++)
				for (int r = 0; r < n; r++)
					sb.append(String.format(Locale.ROOT, "%.6f %.6f %.6f\n", Math.min(1, 0.1 + 0.95 * r /
						(n - 1.0)), g / (n - 1.0), 0.8 * b / (n - 1.0)));
		Files.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
		return file;
	}

	private static RgbImage run(final AnimeGan tool, final RgbImage photo, final Settings s)
		throws Exception
	{
		return Tools.rgb(tool.stylize(new ImagePlus("astronaut", PlaneConverter.toRgb(photo)), s,
			Progress.NONE));
	}

	private static void save(final String name, final RgbImage left, final RgbImage right) {
		final RgbImage pair = new RgbImage(left.width() + right.width(), left.height());
		Paste.into(pair, left, 0, 0, null);
		Paste.into(pair, right, left.width(), 0, null);
		FileSaver.setJpegQuality(85);
		new FileSaver(new ImagePlus(name, PlaneConverter.toRgb(pair))).saveAsJpeg(OUT.resolve(name +
			".jpg").toString());
	}
}
