package org.animegan.fiji.style;

import ij.ImagePlus;
import ij.io.FileSaver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.Paste;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.pipeline.AnimeGan;

/**
 * Makes the README's before/after pictures of the style controls, 512x256 JPEGs: left the result
 * with default settings (or the photo), right with the control. Model: the random-weight AnimeGANv2
 * test generator (fixtures/generator_nchw.onnx) at 256 px, hence the abstract look. Run from the
 * project folder (after {@code mvn test-compile}):
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.animegan.fiji.style.ReadmePictures [ULTRAFACE_FOLDER]
 * </pre>
 *
 * where target/cp.txt comes from {@code mvn dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class ReadmePictures {

	static final Path OUT = Paths.get("src", "site", "resources", "images");

	private ReadmePictures() {}

	public static void main(final String[] args) throws Exception {
		Files.createDirectories(OUT);
		// The models' native threads keep the JVM alive, so a plain main ends explicitly.
		try {
			make(args);
		}
		finally {
			System.exit(0);
		}
	}

	private static void make(final String[] args) throws Exception {
		final Path detectors = args.length > 0 ? Paths.get(args[0]) : StyleFixtures.FIXTURES;
		final Path lut = StyleControlsTest.cube(Files.createTempFile("warm", ".cube"), 9, false);
		warm(lut);
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache, new ModelLocator(detectors));
			final RgbImage photo = StyleFixtures.rounded(StyleFixtures.astronaut(256));
			final Settings base = Settings.of("model", StyleFixtures.V2_MODEL.toAbsolutePath()
				.toString(), "input_size", "256", "face_model", StyleFixtures.V2_MODEL.toAbsolutePath()
					.toString());
			final RgbImage plain = run(tool, photo, base);
			save("photo_vs_default", photo, plain);
			final String[][] controls = { { "style_weight", "1.5" }, { "blend_original", "0.5" }, {
				"color_shift", "histogram" }, { "brightness_match", "true" }, { "sharpen_factor", "2" }, {
					"denoise", "light" }, { "tta_enabled", "true" } };
			for (final String[] c : controls)
				save(c[0] + (c[0].equals("color_shift") ? "_" + c[1] : ""), plain, run(tool, photo, base
					.with(c[0], c[1])));
			save("color_shift_lut", plain, run(tool, photo, base.with("color_shift", "lut").with("lut_file", lut)));
			if (Files.isRegularFile(detectors.resolve("ultraface-version-RFB-640.onnx"))) save(
				"face_detect", plain, run(tool, photo, base.with("face_enhance", "detect")));
		}
	}

	/** Turns the identity .cube into a warm grade: red up, blue down (still a valid .cube). */
	private static void warm(final Path cube) throws Exception {
		final List<String> out = new ArrayList<>();
		for (final String line : Files.readAllLines(cube)) {
			final String[] f = line.split("#")[0].trim().split("\\s+");
			if (f.length == 3 && Character.isDigit(f[0].charAt(0))) {
				final double r = Double.parseDouble(f[0]), g = Double.parseDouble(f[1]), b = Double
					.parseDouble(f[2]);
				out.add(String.format(java.util.Locale.ROOT, "%.6f %.6f %.6f", Math.min(1, 0.1 + 0.95 * r), g,
					0.8 * b));
			}
			else out.add(line);
		}
		Files.write(cube, out);
	}

	private static RgbImage run(final AnimeGan tool, final RgbImage photo, final Settings s)
		throws Exception
	{
		return StyleFixtures.plane(tool.stylize(StyleFixtures.image("astronaut", photo), s,
			Progress.NONE));
	}

	private static void save(final String name, final RgbImage left, final RgbImage right) {
		final RgbImage pair = new RgbImage(left.width() + right.width(), left.height());
		Paste.into(pair, left, 0, 0, null);
		Paste.into(pair, right, left.width(), 0, null);
		FileSaver.setJpegQuality(85);
		new FileSaver(new ImagePlus(name, org.animegan.fiji.image.PlaneConverter.toRgb(pair)))
			.saveAsJpeg(OUT.resolve(name + ".jpg").toString());
	}
}
