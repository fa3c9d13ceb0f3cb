package org.animegan.fiji.tools;

import ij.ImagePlus;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.style.BrightnessMatch;

/**
 * {@code animegan-tools.jar colorcheck --model M --image FILE [--input-size 512]}: how close the
 * written 8-bit result's channel means and spreads (standard deviations) come to the photo's, with
 * {@code color_shift} none and histogram, and with {@code brightness_match}; plus how many distinct
 * values each channel of the plain result has (few: the case where 8-bit matching fails). One
 * {@code key=value} line per figure.
 */
final class ColorCheck {

	private static final String[] RGB = { "red", "green", "blue" };

	private ColorCheck() {}

	static int main(final String[] args, final PrintStream out) throws Exception {
		String model = null, image = null, inputSize = "512";
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--model": model = args[i + 1]; break;
				case "--image": image = args[i + 1]; break;
				case "--input-size": inputSize = args[i + 1]; break;
				default: throw new AnimeGanException("Unknown colorcheck option " + args[i] + ".");
			}
		}
		if (model == null || image == null) throw new AnimeGanException(
			"colorcheck needs --model and --image.");
		final ImagePlus input = Tools.read(Paths.get(image));
		final RgbImage photo = Tools.rgb(input);
		final Settings base = Settings.of("model", Paths.get(model).toAbsolutePath().toString(),
			"input_size", inputSize);
		out.println("image=" + Paths.get(image).getFileName() + " " + photo.width() + "x" + photo
			.height());
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache);
			final RgbImage plain = Tools.rgb(tool.stylize(input, base, Progress.NONE));
			for (int c = 0; c < 3; c++)
				out.println("distinct_values_plain_" + RGB[c] + "=" + distinct(plain, c));
			report(out, "none", photo, plain);
			report(out, "histogram", photo, Tools.rgb(tool.stylize(input, base.with("color_shift",
				"histogram"), Progress.NONE)));
			report(out, "histogram_brightness", photo, Tools.rgb(tool.stylize(input, base.with(
				"color_shift", "histogram").with("brightness_match", "true"), Progress.NONE)));
			final RgbImage bright = Tools.rgb(tool.stylize(input, base.with("brightness_match", "true"),
				Progress.NONE));
			out.println(String.format(Locale.ROOT, "brightness_mean_luma photo=%.2f plain=%.2f matched=%.2f",
				BrightnessMatch.meanLuma(photo), BrightnessMatch.meanLuma(plain), BrightnessMatch
					.meanLuma(bright)));
		}
		return 0;
	}

	/** One line per channel, and the worst difference of mean or spread over the channels. */
	private static void report(final PrintStream out, final String name, final RgbImage photo,
		final RgbImage result)
	{
		double worst = 0;
		for (int c = 0; c < 3; c++) {
			final double[] p = stats(photo, c), r = stats(result, c);
			out.println(String.format(Locale.ROOT,
				"%s_%s mean photo=%.2f result=%.2f std photo=%.2f result=%.2f", name, RGB[c], p[0], r[0],
				p[1], r[1]));
			worst = Math.max(worst, Math.max(Math.abs(p[0] - r[0]), Math.abs(p[1] - r[1])));
		}
		out.println(String.format(Locale.ROOT, "%s_worst_level_difference=%.2f", name, worst));
	}

	private static double[] stats(final RgbImage img, final int c) {
		final int n = img.area();
		double s = 0, ss = 0;
		for (int i = 0; i < n; i++) {
			final double v = img.data()[c * n + i];
			s += v;
			ss += v * v;
		}
		final double m = s / n;
		return new double[] { m, Math.sqrt(Math.max(0, ss / n - m * m)) };
	}

	private static int distinct(final RgbImage img, final int c) {
		final int n = img.area();
		final float[] v = Arrays.copyOfRange(img.data(), c * n, (c + 1) * n);
		return (int) Arrays.stream(toDoubles(v)).distinct().count();
	}

	private static double[] toDoubles(final float[] v) {
		final double[] d = new double[v.length];
		for (int i = 0; i < v.length; i++)
			d[i] = v[i];
		return d;
	}
}
