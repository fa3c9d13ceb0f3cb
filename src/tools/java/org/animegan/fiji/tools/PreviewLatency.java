package org.animegan.fiji.tools;

import ij.ImagePlus;

import java.io.PrintStream;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.Preview;

/**
 * {@code animegan-tools.jar preview-latency --model M --image FILE [--runs 20] [--input-size 512]}:
 * how long the live preview takes to follow a change of {@code style_weight} once the model has run
 * (the target: 150 ms at 512²). Times {@link Preview#render} (style steps and conversion to
 * an RGB plane), with the other cheap steps off ("plain"), each on alone, and all on ("all_steps");
 * the window's own repaint is not included. One {@code key=value} line per figure, in milliseconds.
 */
final class PreviewLatency {

	private PreviewLatency() {}

	static int main(final String[] args, final PrintStream out) throws Exception {
		String model = null, image = null, inputSize = "512";
		int runs = 20;
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--model": model = args[i + 1]; break;
				case "--image": image = args[i + 1]; break;
				case "--input-size": inputSize = args[i + 1]; break;
				case "--runs": runs = Integer.parseInt(args[i + 1]); break;
				default: throw new AnimeGanException("Unknown preview-latency option " + args[i] + ".");
			}
		}
		if (model == null || image == null) throw new AnimeGanException(
			"preview-latency needs --model and --image.");
		final ImagePlus input = Tools.read(Paths.get(image));
		final Settings plain = Settings.of("model", Paths.get(model).toAbsolutePath().toString(),
			"input_size", inputSize);
		// Each cheap step alone, then all together.
		final String[] names = { "plain", "histogram", "brightness_match", "blend_original",
			"sharpen_factor", "all_steps" };
		final Settings[] variants = { plain, plain.with("color_shift", "histogram"), plain.with(
			"brightness_match", "true"), plain.with("blend_original", "0.2"), plain.with("sharpen_factor",
				"1"), plain.with("color_shift", "histogram").with("brightness_match", "true").with(
					"blend_original", "0.2").with("sharpen_factor", "1") };
		try (ModelCache cache = new ModelCache()) {
			final Preview preview = new Preview(new AnimeGan(cache));
			final long t0 = System.nanoTime();
			final int w = preview.render(input, plain, Progress.NONE).getWidth();
			out.println(String.format(Locale.ROOT, "preview=%dx%d first_render_with_model_ms=%.1f", w,
				input.getHeight() * w / input.getWidth(), (System.nanoTime() - t0) / 1e6));
			final double[][] ms = new double[variants.length][runs];
			// Round-robin over the variants, so that all see the same machine load.
			for (int i = 0; i < runs; i++) {
				final double weight = 0.5 + 0.5 * (i % 3) / 2.0;
				for (int v = 0; v < variants.length; v++)
					ms[v][i] = time(preview, input, variants[v].with("style_weight", weight));
			}
			for (int v = 0; v < variants.length; v++)
				report(out, names[v], ms[v]);
			out.println("model_runs=" + preview.modelRuns());
		}
		return 0;
	}

	private static double time(final Preview preview, final ImagePlus input, final Settings s)
		throws AnimeGanException
	{
		final long t0 = System.nanoTime();
		preview.render(input, s, Progress.NONE);
		return (System.nanoTime() - t0) / 1e6;
	}

	private static void report(final PrintStream out, final String name, final double[] ms) {
		final double[] sorted = ms.clone();
		Arrays.sort(sorted);
		out.println(String.format(Locale.ROOT, "%s_style_weight_change_ms median=%.1f max=%.1f (n=%d)",
			name, sorted[sorted.length / 2], sorted[sorted.length - 1], ms.length));
	}
}
