package org.animegan.fiji.tools;

import ij.ImagePlus;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.RuntimeOptions.Precision;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.precision.PrecisionCopies;
import org.animegan.fiji.pipeline.AnimeGan;

/**
 * {@code animegan-tools.jar precisioncheck --model M --image A.png,B.png,... [--input-size 512]
 * [--threads N]}: how far the written results of {@code precision=int8}, and of the fp16 copy run
 * through the CPU provider (which the parameter refuses; for verification only), are from fp32's,
 * per photo: PSNR in dB and the mean and largest difference in grey levels over all channels.
 */
final class PrecisionCheck {

	private PrecisionCheck() {}

	static int main(final String[] args, final PrintStream out) throws Exception {
		String model = null, images = null, inputSize = "512", threads = String.valueOf(Settings
			.defaultThreads());
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--model": model = args[i + 1]; break;
				case "--image": images = args[i + 1]; break;
				case "--input-size": inputSize = args[i + 1]; break;
				case "--threads": threads = args[i + 1]; break;
				default: throw new AnimeGanException("Unknown precisioncheck option " + args[i] + ".");
			}
		}
		if (model == null || images == null) throw new AnimeGanException(
			"precisioncheck needs --model and --image.");
		final Path file = Paths.get(model).toAbsolutePath();
		final Settings fp32 = Settings.of("model", file.toString(), "input_size", inputSize, "threads",
			threads);
		final Path half = PrecisionCopies.ensure(file, Precision.FP16, fp32.runtime().threads());
		double worstPsnr = Double.POSITIVE_INFINITY;
		int worstHalf = 0;
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache);
			for (final String image : images.split(",")) {
				final ImagePlus input = Tools.read(Paths.get(image));
				final RgbImage ref = Tools.rgb(tool.stylize(input, fp32, Progress.NONE));
				final RgbImage int8 = Tools.rgb(tool.stylize(input, fp32.with("precision", "int8"),
					Progress.NONE));
				final RgbImage fp16 = Tools.rgb(tool.stylize(input, fp32.with("model", half.toString()),
					Progress.NONE));
				final double[] q = compare(ref, int8), h = compare(ref, fp16);
				out.println(String.format(Locale.ROOT,
					"image=%s int8_psnr_db=%.2f int8_mean_diff=%.3f int8_max_diff=%d fp16_psnr_db=%.2f fp16_mean_diff=%.4f fp16_max_diff=%d",
					Paths.get(image).getFileName(), q[0], q[1], (int) q[2], h[0], h[1], (int) h[2]));
				worstPsnr = Math.min(worstPsnr, q[0]);
				worstHalf = Math.max(worstHalf, (int) h[2]);
			}
		}
		out.println(String.format(Locale.ROOT, "int8_worst_psnr_db=%.2f fp16_worst_max_diff=%d",
			worstPsnr, worstHalf));
		return 0;
	}

	/** PSNR (dB, 8-bit peak), mean and largest absolute difference of two results. */
	static double[] compare(final RgbImage a, final RgbImage b) {
		final float[] x = a.data(), y = b.data();
		double se = 0, sum = 0, max = 0;
		for (int i = 0; i < x.length; i++) {
			final double d = Math.abs(x[i] - y[i]);
			se += d * d;
			sum += d;
			max = Math.max(max, d);
		}
		final double mse = se / x.length;
		return new double[] { mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse),
			sum / x.length, max };
	}
}
