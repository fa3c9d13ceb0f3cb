package org.animegan.fiji.tools;

import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ColorProcessor;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.RgbImage;

/**
 * Measurement and documentation tools, kept out of the plugin and command-line jars:
 * {@code java -jar target/animegan-tools.jar COMMAND ...} (the commands are listed in {@link #USAGE}),
 * run from the project folder. The tools jar holds only these classes; its manifest puts
 * {@code animegan-cli.jar}, next to it in target/, on the class path.
 */
public final class Tools {

	static final String USAGE = "usage: java -jar target/animegan-tools.jar COMMAND [OPTIONS]\n" +
		"  benchmark --model M [--input-size N] [--runs R] [--frames F --frame-size S] [--soak K] ...\n" +
		"  tilecheck --model M --image FILE [--size 2048] [--tile-size 1024]\n" +
		"  tiletable --model M --images A,B,C [--size 2048] [--tile-sizes 512,1024] [--diff-dir DIR]\n" +
		"  colorcheck --model M --image FILE [--input-size 512]\n" +
		"  precisioncheck --model M --image A.png,B.png,... [--input-size 512] [--threads N]\n" +
		"  flicker --model M [--image FILE] [--frames 24] [--size 256] [--timing N] [--memory N] ...\n" +
		"  flicker-strip\n" +
		"  preview-latency --model M --image FILE [--runs 20] [--input-size 512]\n" +
		"  readme-pictures [ULTRAFACE_FOLDER]\n" +
		"  screenshots [FOLDER]  (with a display: xvfb-run -a -s \"-screen 0 1400x1000x24\" ...)\n" +
		"  providers";

	private Tools() {}

	public static void main(final String[] args) {
		// Only the screenshots need a display.
		if (args.length == 0 || !args[0].equals("screenshots")) System.setProperty("java.awt.headless",
			"true");
		// The models' native threads keep the JVM alive, so main ends explicitly.
		System.exit(run(args, System.out, System.err));
	}

	/** Runs one tool; returns the exit code (2 for bad usage or a failure). */
	static int run(final String[] args, final PrintStream out, final PrintStream err) {
		final String command = args.length > 0 ? args[0] : "";
		final String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
		try {
			switch (command) {
				case "benchmark":
					return new Benchmark(out).run(rest);
				case "tilecheck":
					return TileCheck.main(rest, out);
				case "tiletable":
					return TileTable.main(rest, out);
				case "colorcheck":
					return ColorCheck.main(rest, out);
				case "precisioncheck":
					return PrecisionCheck.main(rest, out);
				case "flicker":
					return new Flicker(out).run(rest);
				case "preview-latency":
					return PreviewLatency.main(rest, out);
				case "screenshots":
					return Screenshots.make(rest, out);
				case "flicker-strip":
					return Flicker.strip(out);
				case "readme-pictures":
					return ReadmePictures.make(rest);
				case "providers":
					return Providers.print(out);
				default:
					err.println(USAGE);
					return 2;
			}
		}
		catch (final Exception e) {
			err.println("error: " + e.getMessage());
			return 2;
		}
	}

	static ImagePlus read(final Path file) throws AnimeGanException {
		final ImagePlus imp = new Opener().openImage(file.toString());
		if (imp == null) throw new AnimeGanException("Cannot read the image " + file + ".");
		return imp;
	}

	/** The image's current plane as RGB values. */
	static RgbImage rgb(final ImagePlus imp) {
		return PlaneConverter.fromRgb((ColorProcessor) imp.getProcessor().convertToRGB());
	}
}
