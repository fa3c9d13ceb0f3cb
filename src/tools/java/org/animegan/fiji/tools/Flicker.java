package org.animegan.fiji.tools;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.image.LowPass;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.MemoryMonitor;

/**
 * {@code animegan-tools.jar flicker}: the temporal error of each {@code temporal_smoothing} mode on
 * time-lapses with known motion made from one photo. The error of frame k is the mean absolute
 * difference (grey levels, all channels) between stylized frame k and stylized frame k - 1 moved by
 * the known motion, over the pixels both cover; the table gives its mean over all frame pairs, and
 * its global part (the difference of the channel means over those pixels).
 * Sequences: a still scene with independent sensor noise (sigma 4 levels) in every frame, a pan of
 * 2 pixels a frame, a slow zoom (1 % a frame), the still scene with a random exposure of
 * 1 +/- 4 % in every frame, and the still scene without noise, where every mode
 * must give the frames of {@code off} (the largest difference is printed). Options:
 * {@code --model M [--image FILE] [--frames 24] [--size 256]} and any command parameter such as
 * {@code --threads}; frames are stylized at their own size. {@code --timing N} and
 * {@code --memory N} measure time and memory instead of the table.
 */
final class Flicker {

	static final double NOISE_SIGMA = 4;
	static final int PAN_STEP = 2;
	static final double EXPOSURE = 0.04;
	static final double ZOOM_STEP = 1.01;
	/**
	 * Blur of the low-frequency bound: what an ideal low-frequency tone correction, knowing the
	 * motion and without lag, could at best leave of the error of off.
	 */
	static final double LOW_PASS = 8;
	private static final String[] MODES = { "off", "tones", "flow" };

	private final PrintStream out;

	Flicker(final PrintStream out) {
		this.out = out;
	}

	int run(final String[] args) throws AnimeGanException {
		final Map<String, String> params = new LinkedHashMap<>();
		String image = "src/test/resources/fixtures/astronaut.png";
		int frames = 24, size = 256, timing = 0, memory = 0;
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new AnimeGanException("Flicker options come as --name value pairs; got " + args[i] + ".");
			}
			final String key = args[i].substring(2).replace('-', '_');
			final String value = args[++i];
			if (key.equals("image")) image = value;
			else if (key.equals("frames")) frames = Integer.parseInt(value);
			else if (key.equals("size")) size = Integer.parseInt(value);
			else if (key.equals("timing")) timing = Integer.parseInt(value);
			else if (key.equals("memory")) memory = Integer.parseInt(value);
			else params.put(key, value);
		}
		params.put("input_size", "native");
		final Settings settings = Settings.of(params);
		final RgbImage photo = Tools.rgb(Tools.read(Paths.get(image)));
		if (memory > 0) return memory(photo, settings, size, memory);
		out.println("flicker: " + frames + " frames of " + size + "x" + size + " from " + image +
			", model " + settings.model().model() + ", threads " + settings.runtime().threads());
		try (ModelCache models = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(models);
			tool.stylize(new ImagePlus("warm-up", PlaneConverter.toRgb(Resampler.resize(photo, size,
				size))), settings, Progress.NONE);
			if (timing > 0) {
				timing(tool, settings, pan(photo, size, frames), timing);
				return 0;
			}
			out.println();
			out.println("| sequence | " + String.join(" | ", header()) + " |");
			out.println("|---|" + "---|".repeat(header().size()));
			row(tool, settings, "still + noise (sigma 4)", still(photo, size, frames, NOISE_SIGMA),
				Motion.NONE);
			row(tool, settings, "still + exposure flicker (gain 1 +/- 4 %)", exposure(photo, size,
				frames), Motion.NONE);
			row(tool, settings, "pan 2 px/frame", pan(photo, size, frames), Motion.PAN);
			row(tool, settings, "zoom 1 %/frame", zoom(photo, size, frames), Motion.ZOOM);
			identity(tool, settings, still(photo, size, frames, 0));
		}
		return 0;
	}

	/**
	 * {@code --timing N}: instead of the table, off and flow alternately, N times each, on the pan
	 * sequence, so that both see the same load on a shared machine; wall time and the process's CPU
	 * time (all threads), which a machine shared with other work disturbs less.
	 */
	private void timing(final AnimeGan tool, final Settings settings, final ImagePlus sequence,
		final int repeats) throws AnimeGanException
	{
		final String[] modes = { "off", "flow" };
		final double[] wall = new double[2], cpu = new double[2];
		final com.sun.management.OperatingSystemMXBean os =
			(com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean();
		for (int r = 0; r < repeats; r++)
			for (int m = 0; m < 2; m++) {
				final long t0 = System.nanoTime(), c0 = os.getProcessCpuTime();
				tool.stylize(sequence, settings.with(Settings.TEMPORAL_SMOOTHING, modes[m]), Progress.NONE);
				wall[m] += (System.nanoTime() - t0) / 1e9;
				cpu[m] += (os.getProcessCpuTime() - c0) / 1e9;
			}
		out.println(String.format(Locale.ROOT,
			"pan, %d frames, off and flow alternated %d times: wall %.1f s / %.1f s, flow / off = %.2f; process CPU %.1f s / %.1f s, flow / off = %.2f",
			sequence.getStackSize(), repeats, wall[0], wall[1], wall[1] / wall[0], cpu[0], cpu[1],
			cpu[1] / cpu[0]));
	}

	/**
	 * {@code --memory N}: one run over N noisy still frames with the given temporal_smoothing. Prints
	 * the live heap (after a full collection) when 10 % of the frames and when all are done, so
	 * that growth per frame can be told from garbage, and the process's peaks.
	 */
	private int memory(final RgbImage photo, final Settings settings, final int size,
		final int frames) throws AnimeGanException
	{
		final ImagePlus sequence = still(photo, size, frames, NOISE_SIGMA);
		final long[] live = new long[2];
		final Progress probe = new Progress() {

			@Override
			public void progress(final long done, final long total) {
				if (done == total / 10 || done == total && live[1] == 0) live[done == total ? 1 : 0] =
					liveHeapKb();
			}
		};
		try (ModelCache models = new ModelCache()) {
			final long t0 = System.nanoTime();
			new AnimeGan(models).stylize(sequence, settings.with(Settings.MAX_BATCH_SIZE, 1), probe);
			out.println(String.format(Locale.ROOT,
				"%d frames of %dx%d, temporal_smoothing=%s: %.1f s; live heap after %d frames %d kB, after %d frames %d kB (the %d more result frames take %d kB); peak heap %d MB, peak RSS %d MB",
				frames, size, size, settings.temporal().smoothing().name().toLowerCase(Locale.ROOT),
				(System.nanoTime() - t0) / 1e9, frames / 10, live[0], frames, live[1], frames - frames / 10,
				(long) (frames - frames / 10) * size * size * 4 / 1024, MemoryMonitor.peakHeapMb(), MemoryMonitor.peakRssMb()));
		}
		return 0;
	}

	private static long liveHeapKb() {
		final Runtime rt = Runtime.getRuntime();
		for (int i = 0; i < 3; i++)
			System.gc();
		return (rt.totalMemory() - rt.freeMemory()) / 1024;
	}

	private static List<String> header() {
		final List<String> h = new ArrayList<>();
		for (final String m : MODES)
			h.add("error " + m);
		for (int i = 1; i < MODES.length; i++)
			h.add(MODES[i] + " vs off");
		for (final String m : MODES)
			h.add("tone part " + m);
		h.add("off without its low-pass (sigma " + (int) LOW_PASS + " px)");
		for (int i = 1; i < MODES.length; i++)
			h.add(MODES[i] + " frames vs off's");
		h.add("seconds " + String.join(" / ", MODES));
		return h;
	}

	private enum Motion {
		NONE, PAN, ZOOM
	}

	private void row(final AnimeGan tool, final Settings settings, final String name,
		final ImagePlus sequence, final Motion motion) throws AnimeGanException
	{
		final double[] error = new double[MODES.length], tone = new double[MODES.length];
		final double[] seconds = new double[MODES.length], change = new double[MODES.length];
		double bound = 0;
		ImagePlus off = null;
		for (int m = 0; m < MODES.length; m++) {
			final long t0 = System.nanoTime();
			final ImagePlus result = tool.stylize(sequence, settings.with(Settings.TEMPORAL_SMOOTHING,
				MODES[m]), Progress.NONE);
			seconds[m] = (System.nanoTime() - t0) / 1e9;
			final double[] e = temporalError(result, motion);
			error[m] = e[0];
			tone[m] = e[1];
			if (m == 0) {
				bound = lowPassBound(result, motion);
				off = result;
			}
			else change[m] = meanDifference(result, off);
		}
		final StringBuilder sb = new StringBuilder("| " + name + " |");
		for (final double e : error)
			sb.append(String.format(Locale.ROOT, " %.2f |", e));
		for (int m = 1; m < MODES.length; m++)
			sb.append(String.format(Locale.ROOT, " %+.0f %% |", 100 * (error[m] / error[0] - 1)));
		for (final double t : tone)
			sb.append(String.format(Locale.ROOT, " %.2f |", t));
		sb.append(String.format(Locale.ROOT, " %.2f (%+.0f %%) |", bound, 100 * (bound / error[0] - 1)));
		for (int m = 1; m < MODES.length; m++)
			sb.append(String.format(Locale.ROOT, " %.2f |", change[m]));
		final String[] s = new String[MODES.length];
		for (int m = 0; m < MODES.length; m++)
			s[m] = String.format(Locale.ROOT, "%.1f", seconds[m]);
		out.println(sb.append(' ').append(String.join(" / ", s)).append(" |"));
	}

	/**
	 * {@code flicker-strip}: the README's picture strip, src/site/resources/images/flicker_strip.png:
	 * STRIP consecutive frames of the pan (centre 128x128 of 256x256) in four rows: the frames with
	 * off, their differences to the previous frame moved by the pan (times DIFF_GAIN, black is no
	 * change), then the same with flow. Random-weight test generator, as for the table.
	 */
	static int strip(final PrintStream out) throws AnimeGanException {
		final int size = 256, tile = 128, first = 8;
		final RgbImage photo = Tools.rgb(Tools.read(Paths.get("src/test/resources/fixtures/astronaut.png")));
		final ImagePlus sequence = pan(photo, size, first + STRIP);
		final Settings settings = Settings.of("model", "src/test/resources/fixtures/generator_nchw.onnx",
			"input_size", "native");
		final RgbImage strip = new RgbImage(STRIP * tile, 4 * tile);
		try (ModelCache models = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(models);
			for (int m = 0; m < 2; m++) {
				final ImagePlus result = tool.stylize(sequence, settings.with(Settings.TEMPORAL_SMOOTHING, m == 0
					? "off" : "flow"), Progress.NONE);
				for (int k = 0; k < STRIP; k++) {
					final RgbImage cur = frame(result, first + k + 1), prev = frame(result, first + k);
					final int o = (size - tile) / 2;
					for (int y = 0; y < tile; y++)
						for (int x = 0; x < tile; x++) {
							final double[] p = previousPosition(Motion.PAN, o + x, o + y, size, size);
							float d = 0;
							for (int c = 0; c < 3; c++) {
								strip.set(c, k * tile + x, 2 * m * tile + y, cur.get(c, o + x, o + y));
								d += Math.abs(cur.get(c, o + x, o + y) - bilinear(prev, c, p[0], p[1])) / 3;
							}
							for (int c = 0; c < 3; c++)
								strip.set(c, k * tile + x, (2 * m + 1) * tile + y, Math.min(255, DIFF_GAIN * d));
						}
				}
			}
		}
		final Path file = ReadmePictures.OUT.resolve("flicker_strip.png");
		try {
			Files.createDirectories(ReadmePictures.OUT);
		}
		catch (final IOException e) {
			throw new AnimeGanException("Cannot create " + ReadmePictures.OUT + ".");
		}
		new FileSaver(new ImagePlus("flicker strip", PlaneConverter.toRgb(strip))).saveAsPng(file
			.toString());
		out.println("wrote " + file);
		return 0;
	}

	static final int STRIP = 4;
	static final float DIFF_GAIN = 8;

	/** The still sequence without noise: every mode must give the frames of off. */
	private void identity(final AnimeGan tool, final Settings settings, final ImagePlus sequence)
		throws AnimeGanException
	{
		final ImagePlus off = tool.stylize(sequence, settings, Progress.NONE);
		out.println();
		for (int m = 1; m < MODES.length; m++) {
			final ImagePlus other = tool.stylize(sequence, settings.with(Settings.TEMPORAL_SMOOTHING,
				MODES[m]), Progress.NONE);
			float max = 0;
			for (int i = 1; i <= sequence.getStackSize(); i++) {
				final float[] a = frame(off, i).data(), b = frame(other, i).data();
				for (int j = 0; j < a.length; j++)
					max = Math.max(max, Math.abs(a[j] - b[j]));
			}
			out.println("still without noise, largest difference " + MODES[m] + " vs off: " + max +
				" levels");
		}
	}

	/**
	 * How much smoothing changes the frames: the mean absolute difference (levels, all channels and
	 * frames) from the frames of off.
	 */
	private static double meanDifference(final ImagePlus a, final ImagePlus b) {
		double sum = 0;
		long n = 0;
		for (int i = 1; i <= a.getStackSize(); i++) {
			final float[] x = frame(a, i).data(), y = frame(b, i).data();
			for (int j = 0; j < x.length; j++)
				sum += Math.abs(x[j] - y[j]);
			n += x.length;
		}
		return sum / n;
	}

	private static RgbImage frame(final ImagePlus imp, final int i) {
		return PlaneConverter.fromRgb((ColorProcessor) imp.getStack().getProcessor(i));
	}

	/**
	 * Means over frame pairs of the motion-compensated mean absolute difference and of its global
	 * part, the absolute difference of the channel means (what {@code tones} can remove).
	 */
	static double[] temporalError(final ImagePlus result, final Motion motion) {
		final double[] sum = new double[2];
		final int n = result.getStackSize();
		for (int k = 2; k <= n; k++) {
			final double[] e = pairError(frame(result, k), frame(result, k - 1), motion);
			sum[0] += e[0] / (n - 1);
			sum[1] += e[1] / (n - 1);
		}
		return sum;
	}

	/** Frame k against frame k - 1 moved by the motion, over the pixels both cover. */
	private static double[] pairError(final RgbImage cur, final RgbImage prev,
		final Motion motion)
	{
		final int w = cur.width(), h = cur.height();
		double sum = 0;
		final double[] signed = new double[3];
		long count = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final double[] p = previousPosition(motion, x, y, w, h);
				if (p == null) continue;
				final double px = p[0], py = p[1];
				for (int c = 0; c < 3; c++) {
					final double d = cur.get(c, x, y) - bilinear(prev, c, px, py);
					sum += Math.abs(d);
					signed[c] += d;
				}
				count += 3;
			}
		return new double[] { sum / count, (Math.abs(signed[0]) + Math.abs(signed[1]) + Math.abs(
			signed[2])) / count };
	}

	/**
	 * The mean error left when the low-pass of each frame difference (Gaussian, LOW_PASS pixels) is
	 * taken away: the floor of any correction of low frequencies alone.
	 */
	static double lowPassBound(final ImagePlus result, final Motion motion) {
		double sum = 0;
		final int n = result.getStackSize();
		for (int k = 2; k <= n; k++) {
			final RgbImage cur = frame(result, k), prev = frame(result, k - 1);
			final RgbImage diff = new RgbImage(cur.width(), cur.height());
			final boolean[] both = new boolean[cur.area()];
			for (int y = 0; y < cur.height(); y++)
				for (int x = 0; x < cur.width(); x++) {
					final double[] p = previousPosition(motion, x, y, cur.width(), cur.height());
					if (p == null) continue;
					both[y * cur.width() + x] = true;
					for (int c = 0; c < 3; c++)
						diff.set(c, x, y, cur.get(c, x, y) - bilinear(prev, c, p[0], p[1]));
				}
			final RgbImage low = diff.copy();
			LowPass.blur(low, LOW_PASS);
			double e = 0;
			long count = 0;
			for (int c = 0; c < 3; c++)
				for (int i = 0; i < cur.area(); i++)
					if (both[i]) {
						e += Math.abs(diff.data()[c * cur.area() + i] - low.data()[c * cur.area() + i]);
						count++;
					}
			sum += e / count / (n - 1);
		}
		return sum;
	}

	/** Where the scene point now at (x, y) was in the previous frame; null outside it. */
	private static double[] previousPosition(final Motion motion, final int x, final int y,
		final int w, final int h)
	{
		double px = x, py = y;
		if (motion == Motion.PAN) px = x + PAN_STEP;
		else if (motion == Motion.ZOOM) {
			final double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
			px = cx + (x - cx) / ZOOM_STEP;
			py = cy + (y - cy) / ZOOM_STEP;
		}
		return px < 0 || py < 0 || px > w - 1 || py > h - 1 ? null : new double[] { px, py };
	}

	private static float bilinear(final RgbImage img, final int c, final double x, final double y) {
		final int x0 = Math.min((int) x, img.width() - 2), y0 = Math.min((int) y, img.height() - 2);
		final double fx = x - x0, fy = y - y0;
		final double top = img.get(c, x0, y0) * (1 - fx) + img.get(c, x0 + 1, y0) * fx;
		final double bottom = img.get(c, x0, y0 + 1) * (1 - fx) + img.get(c, x0 + 1, y0 + 1) * fx;
		return (float) (top * (1 - fy) + bottom * fy);
	}

	/** The photo at size x size in every frame, with independent Gaussian noise (fixed seed). */
	static ImagePlus still(final RgbImage photo, final int size, final int frames,
		final double sigma)
	{
		final RgbImage base = Resampler.resize(photo, size, size);
		final Random random = new Random(12);
		// Frames go straight into the stack: a long sequence holds no float copies (--memory).
		final ImageStack stack = new ImageStack(size, size);
		for (int k = 0; k < frames; k++) {
			final float[] d = Arrays.copyOf(base.data(), base.data().length);
			if (sigma > 0) for (int i = 0; i < d.length; i++)
				d[i] += (float) (sigma * random.nextGaussian());
			final RgbImage f = new RgbImage(size, size, d);
			PlaneConverter.clamp(f);
			stack.addSlice(PlaneConverter.toRgb(f));
		}
		final ImagePlus imp = new ImagePlus("still", stack);
		imp.setDimensions(1, 1, frames);
		return imp;
	}

	/**
	 * The still photo with a random gain of 1 +/- EXPOSURE in each frame, as a flickering lamp or an
	 * automatic exposure gives: the flicker {@code tones} is for.
	 */
	static ImagePlus exposure(final RgbImage photo, final int size, final int frames) {
		final RgbImage base = Resampler.resize(photo, size, size);
		final Random random = new Random(34);
		final List<RgbImage> seq = new ArrayList<>();
		for (int k = 0; k < frames; k++) {
			final float gain = (float) (1 + EXPOSURE * (2 * random.nextDouble() - 1));
			final float[] d = base.data().clone();
			for (int i = 0; i < d.length; i++)
				d[i] *= gain;
			final RgbImage f = new RgbImage(size, size, d);
			PlaneConverter.clamp(f);
			seq.add(f);
		}
		return timeLapse("exposure", seq);
	}

	/** A window moving right over the photo by PAN_STEP pixels a frame: the scene moves left. */
	static ImagePlus pan(final RgbImage photo, final int size, final int frames) {
		final int wide = size + PAN_STEP * (frames - 1);
		final RgbImage base = Resampler.resize(photo, wide, wide);
		final int top = (wide - size) / 2;
		final List<RgbImage> seq = new ArrayList<>();
		for (int k = 0; k < frames; k++) {
			final RgbImage f = new RgbImage(size, size);
			for (int c = 0; c < 3; c++)
				for (int y = 0; y < size; y++)
					for (int x = 0; x < size; x++)
						f.set(c, x, y, base.get(c, x + PAN_STEP * k, y + top));
			seq.add(f);
		}
		return timeLapse("pan", seq);
	}

	/** A zoom into the centre by ZOOM_STEP a frame. */
	static ImagePlus zoom(final RgbImage photo, final int size, final int frames) {
		final RgbImage base = Resampler.resize(photo, size, size);
		final double c = (size - 1) / 2.0;
		final List<RgbImage> seq = new ArrayList<>();
		for (int k = 0; k < frames; k++) {
			final double z = Math.pow(ZOOM_STEP, k);
			final RgbImage f = new RgbImage(size, size);
			for (int ch = 0; ch < 3; ch++)
				for (int y = 0; y < size; y++)
					for (int x = 0; x < size; x++)
						f.set(ch, x, y, bilinear(base, ch, c + (x - c) / z, c + (y - c) / z));
			seq.add(f);
		}
		return timeLapse("zoom", seq);
	}

	/** Frames as an 8-bit RGB time-lapse (T = frames), as a camera would give them. */
	private static ImagePlus timeLapse(final String title, final List<RgbImage> frames) {
		final ImageStack stack = new ImageStack(frames.get(0).width(), frames.get(0).height());
		for (final RgbImage f : frames)
			stack.addSlice(PlaneConverter.toRgb(f));
		final ImagePlus imp = new ImagePlus(title, stack);
		imp.setDimensions(1, 1, frames.size());
		return imp;
	}
}
