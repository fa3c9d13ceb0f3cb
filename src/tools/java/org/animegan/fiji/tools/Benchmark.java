package org.animegan.fiji.tools;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.RuntimeOptions.Precision;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.engine.DjlRuntime;
import org.animegan.fiji.engine.Sessions;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.Layout;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelSpec;
import org.animegan.fiji.model.precision.PrecisionCopies;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.MemoryMonitor;

/**
 * {@code animegan-tools.jar benchmark}: our full pipeline (plane read, resize/pad, translator, session,
 * crop/resize back) against a bare ONNX Runtime session on the same model and the same tensor, in
 * the same process and alternating run by run, so that background load affects both alike. Prints
 * {@code key=value} lines. Options: {@code --model M --input-size N --runs R} (single image),
 * {@code --frames F --frame-size S [--stack-runs N]} (a stack against F bare runs, alternated N times, best of each),
 * {@code --large N} (an NxN image at native size against (N/512)^2 bare 512x512 runs: {@code large_ratio}), {@code --soak K} (memory over a
 * K-frame stack), {@code --memory-mode fast|low} (the parameter) and {@code --opt all|extended|basic|none} (session
 * options), {@code --image FILE} (default: a synthetic photo-like pattern), {@code --precisions no}
 * (leaves out the int8 and fp16 copies against fp32, bare sessions alternated), and any command
 * parameter such as {@code --threads}, {@code --max-batch-size} or {@code --precision}.
 */
public final class Benchmark {

	private final PrintStream out;
	private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

	Benchmark(final PrintStream out) {
		this.out = out;
	}

	public int run(final String[] args) throws AnimeGanException, OrtException {
		final Map<String, String> opts = new LinkedHashMap<>();
		final Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new AnimeGanException("Benchmark options come as --name value pairs; got " + args[i] +
					".");
			}
			final String key = args[i].substring(2).replace('-', '_');
			final String value = args[++i];
			if (Arrays.asList("runs", "frames", "frame_size", "stack_runs", "soak", "image", "warmup",
				"opt", "precisions", "large")
				.contains(key))
				opts.put(key, value);
			else params.put(key, value);
		}
		params.putIfAbsent("input_size", "512");
		Settings settings = Settings.of(params);
		if (opts.containsKey("opt")) settings = settings.withOptLevel(RuntimeOptions.OptLevel.valueOf(
			opts.get("opt").toUpperCase(Locale.ROOT)));
		final int size = settings.inputSize() > 0 ? settings.inputSize() : 512;
		final int runs = Integer.parseInt(opts.getOrDefault("runs", "5"));
		final int frames = Integer.parseInt(opts.getOrDefault("frames", "0"));
		final int frameSize = Integer.parseInt(opts.getOrDefault("frame_size", "256"));
		final int stackRuns = Integer.parseInt(opts.getOrDefault("stack_runs", "2"));
		final int soak = Integer.parseInt(opts.getOrDefault("soak", "0"));

		print("options", settings.runtime() +
			" max_batch_size=" + settings.maxBatchSize() + " tile_size=" + tileSize(settings));
		print("jvm_uptime_at_main_ms", ManagementFactory.getRuntimeMXBean().getUptime());
		try (ModelCache models = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(models);
			long t0 = System.nanoTime();
			final Generator generator = tool.generator(settings);
			print("model_load_ms", ms(System.nanoTime() - t0));
			final ImagePlus image = opts.containsKey("image") ? scaled(Tools.read(Paths.get(opts.get(
				"image"))), size) : new ImagePlus("synthetic", synthetic(size, size, 0));
			t0 = System.nanoTime();
			tool.stylize(image, settings, Progress.NONE);
			print("first_image_ms", ms(System.nanoTime() - t0));
			print("jvm_start_to_first_result_ms", System.currentTimeMillis() - jvmStart);

			if (soak > 0) return soak(tool, settings, soak, frameSize);
			if (opts.containsKey("large")) return large(tool, settings, generator, image, Integer
				.parseInt(opts.get("large")), runs, opts.containsKey("image") ? Tools.read(Paths.get(opts
					.get("image"))) : null);

			try (OrtSession bare = bareSession(generator.file(), settings.runtime())) {
				final ModelSpec spec = generator.spec();
				final float[] tensor = tensor(PlaneConverter.fromRgb((ColorProcessor) image
					.getProcessor()), spec.layout());
				bareRun(bare, spec, tensor, image.getWidth(), image.getHeight()); // warm-up
				final double[] ours = new double[runs], plain = new double[runs];
				for (int r = 0; r < runs; r++) {
					t0 = System.nanoTime();
					tool.stylize(image, settings, Progress.NONE);
					ours[r] = ms(System.nanoTime() - t0);
					t0 = System.nanoTime();
					bareRun(bare, spec, tensor, image.getWidth(), image.getHeight());
					plain[r] = ms(System.nanoTime() - t0);
				}
				print("image_size", image.getWidth() + "x" + image.getHeight());
				print("runs", runs);
				print("ours_ms_per_image", median(ours));
				print("bare_ms_per_image", median(plain));
				print("ratio", median(ours) / median(plain));
				print("ours_ms_all", Arrays.toString(ours));
				print("bare_ms_all", Arrays.toString(plain));
				if (!"no".equals(opts.get("precisions"))) precisions(generator.file(), settings
					.runtime(), spec, tensor, image.getWidth(), image.getHeight(), runs);

				if (frames > 0) {
					final Settings stackSettings = settings.with("input_size", "native");
					final ImagePlus stack = stack(frames, frameSize);
					final float[] frameTensor = tensor(PlaneConverter.fromRgb((ColorProcessor) stack
						.getStack().getProcessor(1)), spec.layout());
					bareRun(bare, spec, frameTensor, frameSize, frameSize);
					// Alternate whole stacks, ours and bare, so that drift in machine speed hits both;
					// the best of each is compared.
					final double[] oursStacks = new double[stackRuns], bareStacks = new double[stackRuns];
					for (int r = 0; r < stackRuns; r++) {
						t0 = System.nanoTime();
						for (int f = 0; f < frames; f++)
							bareRun(bare, spec, frameTensor, frameSize, frameSize);
						bareStacks[r] = ms(System.nanoTime() - t0);
						t0 = System.nanoTime();
						tool.stylize(stack, stackSettings, Progress.NONE);
						oursStacks[r] = ms(System.nanoTime() - t0);
					}
					final double oursStack = Arrays.stream(oursStacks).min().getAsDouble();
					final double bareStack = Arrays.stream(bareStacks).min().getAsDouble();
					print("stack_frames", frames + "x" + frameSize + "x" + frameSize);
					print("ours_stack_ms", oursStack);
					print("bare_stack_ms", bareStack);
					print("stack_ratio", oursStack / bareStack);
					print("ours_stack_ms_all", Arrays.toString(oursStacks));
					print("bare_stack_ms_all", Arrays.toString(bareStacks));
				}
			}
		}
		print("peak_rss_mb", MemoryMonitor.peakRssMb());
		print("peak_heap_mb", MemoryMonitor.peakHeapMb());
		return 0;
	}

	/**
	 * The model's int8 and fp16 copies against the model itself, bare sessions alternated run by run
	 * on the same tensor. fp16 runs through the CPU provider, which {@code precision=fp16} refuses: for
	 * information only.
	 */
	private void precisions(final Path model, final RuntimeOptions runtime, final ModelSpec spec,
		final float[] tensor, final int w, final int h, final int runs) throws AnimeGanException,
		OrtException
	{
		final RuntimeOptions fp32 = runtime.withPrecision(Precision.FP32);
		final Path int8 = PrecisionCopies.ensure(model, Precision.INT8, runtime.threads());
		final Path fp16 = PrecisionCopies.ensure(model, Precision.FP16, runtime.threads());
		try (OrtSession f = bareSession(model, fp32); OrtSession q = bareSession(int8, fp32);
			OrtSession hf = bareSession(fp16, fp32))
		{
			final OrtSession[] sessions = { f, q, hf };
			for (final OrtSession s : sessions)
				bareRun(s, spec, tensor, w, h); // warm-up
			final double[][] ms = new double[3][runs];
			for (int r = 0; r < runs; r++)
				for (int i = 0; i < 3; i++) {
					final long t0 = System.nanoTime();
					bareRun(sessions[i], spec, tensor, w, h);
					ms[i][r] = ms(System.nanoTime() - t0);
				}
			print("fp32_bare_ms_per_image", median(ms[0]));
			print("int8_bare_ms_per_image", median(ms[1]));
			print("fp16_cpu_bare_ms_per_image", median(ms[2]));
			print("int8/fp32", median(ms[1]) / median(ms[0]));
			print("fp16/fp32 (cpu, for information)", median(ms[2]) / median(ms[0]));
			print("fp32_bare_ms_all", Arrays.toString(ms[0]));
			print("int8_bare_ms_all", Arrays.toString(ms[1]));
			print("fp16_cpu_bare_ms_all", Arrays.toString(ms[2]));
		}
	}

	/**
	 * One {@code size}x{@code size} image at native size (tiled as the settings say) against the ideal:
	 * (size/512)^2 bare 512x512 runs, timed in the same process before and after it.
	 */
	private int large(final AnimeGan tool, final Settings settings, final Generator generator,
		final ImagePlus small, final int size, final int runs, final ImagePlus photo)
		throws AnimeGanException, OrtException
	{
		final ModelSpec spec = generator.spec();
		final double[] bare = new double[2 * runs];
		try (OrtSession session = bareSession(generator.file(), settings.runtime())) {
			final float[] tensor = tensor(PlaneConverter.fromRgb((ColorProcessor) small.getProcessor()),
				spec.layout());
			bareRun(session, spec, tensor, small.getWidth(), small.getHeight()); // warm-up
			for (int r = 0; r < runs; r++)
				bare[r] = timedBareRun(session, spec, tensor, small.getWidth(), small.getHeight());
			final ImagePlus big = photo != null ? scaled(photo, size) : new ImagePlus("synthetic",
				synthetic(size, size, 1));
			final long t0 = System.nanoTime();
			tool.stylize(big, settings.with("input_size", "native"), Progress.NONE);
			final double ours = ms(System.nanoTime() - t0);
			for (int r = runs; r < 2 * runs; r++)
				bare[r] = timedBareRun(session, spec, tensor, small.getWidth(), small.getHeight());
			final double units = (double) size * size / (small.getWidth() * small.getHeight());
			print("large_size", size + "x" + size + " tile_size=" + tileSize(settings));
			print("ours_large_ms", ours);
			print("bare_ms_per_image", median(bare));
			print("bare_ms_all", Arrays.toString(bare));
			print("large_units", units);
			print("large_ratio", ours / (units * median(bare)));
		}
		print("peak_rss_mb", MemoryMonitor.peakRssMb());
		print("peak_heap_mb", MemoryMonitor.peakHeapMb());
		return 0;
	}

	private static double timedBareRun(final OrtSession session, final ModelSpec spec,
		final float[] tensor, final int w, final int h) throws OrtException
	{
		final long t0 = System.nanoTime();
		bareRun(session, spec, tensor, w, h);
		return ms(System.nanoTime() - t0);
	}

	/** Memory over a long stack, planes generated on demand so that only our own memory counts. */
	private int soak(final AnimeGan tool, final Settings settings, final int frames, final int size)
		throws AnimeGanException
	{
		final Settings s = settings.with("input_size", "native");
		final int warm = Math.min(100, frames / 2);
		final long[] atWarm = new long[2];
		final ImageStack stack = new GeneratedStack(size, frames);
		final Progress probe = new Progress() {

			@Override
			public void progress(final long done, final long total) {
				if (done >= warm && atWarm[0] == 0) {
					atWarm[0] = currentRssMb();
					atWarm[1] = usedHeapMb();
				}
			}
		};
		final ImagePlus result = tool.stylize(new ImagePlus("soak", stack), s, probe);
		print("soak_frames", frames + "x" + size + "x" + size);
		print("rss_after_warmup_mb", atWarm[0]);
		print("heap_after_warmup_mb", atWarm[1]);
		print("rss_end_mb", currentRssMb());
		print("heap_end_mb", usedHeapMb());
		print("output_stack_mb", (long) result.getStackSize() * size * size * 4 >> 20);
		print("peak_rss_mb", MemoryMonitor.peakRssMb());
		return 0;
	}

	/** A session with the same options as the pipeline's, driven directly. */
	static OrtSession bareSession(final Path model, final RuntimeOptions runtime)
		throws AnimeGanException
	{
		return Sessions.open(model, runtime);
	}

	static void bareRun(final OrtSession session, final ModelSpec spec, final float[] data,
		final int w, final int h) throws OrtException
	{
		final long[] shape = spec.layout() == Layout.NCHW ? new long[] { 1, 3, h, w } : new long[] { 1,
			h, w, 3 };
		try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(
			data), shape); OrtSession.Result r = session.run(Collections.singletonMap(spec.inputName(),
				t)))
		{
			((OnnxTensor) r.get(0)).getFloatBuffer();
		}
	}

	/** The model input for a plane, exactly as our translator makes it. */
	static float[] tensor(final RgbImage img, final Layout layout) {
		final float[] d = img.data();
		final int area = img.area();
		final float[] t = new float[3 * area];
		for (int i = 0; i < area; i++)
			for (int c = 0; c < 3; c++) {
				final float v = d[c * area + i] / 127.5f - 1f;
				if (layout == Layout.NCHW) t[c * area + i] = v;
				else t[3 * i + c] = v;
			}
		return t;
	}

	/** A smooth photo-like pattern with some texture, different for each seed. */
	static ColorProcessor synthetic(final int w, final int h, final int seed) {
		final int[] px = new int[w * h];
		final java.util.Random rnd = new java.util.Random(seed);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final double u = (double) x / w, v = (double) y / h;
				final int r = clamp(128 + 100 * Math.sin(6 * u + seed) + 10 * rnd.nextGaussian());
				final int g = clamp(128 + 100 * Math.cos(5 * v) * Math.sin(3 * u) + 10 * rnd
					.nextGaussian());
				final int b = clamp(80 + 150 * u * v + 10 * rnd.nextGaussian());
				px[y * w + x] = r << 16 | g << 8 | b;
			}
		return new ColorProcessor(w, h, px);
	}

	private static int clamp(final double v) {
		return (int) Math.max(0, Math.min(255, Math.round(v)));
	}

	static ImagePlus stack(final int frames, final int size) {
		final ImageStack s = new ImageStack(size, size);
		for (int f = 0; f < frames; f++)
			s.addSlice(synthetic(size, size, f));
		return new ImagePlus("stack", s);
	}

	private static ImagePlus scaled(final ImagePlus imp, final int size) {
		final RgbImage rgb = Resampler.resize(Tools.rgb(imp), size, size);
		return new ImagePlus(imp.getTitle(), PlaneConverter.toRgb(rgb));
	}

	private static String tileSize(final Settings s) {
		return s.asMap().getOrDefault("tile_size", "n/a");
	}

	/** A stack whose planes are made when read, like a virtual stack without files. */
	static final class GeneratedStack extends ij.VirtualStack {

		private final int frames;

		GeneratedStack(final int size, final int frames) {
			super(size, size, null, null);
			this.frames = frames;
		}

		@Override
		public int getSize() {
			return frames;
		}

		@Override
		public ImageProcessor getProcessor(final int n) {
			return synthetic(getWidth(), getHeight(), n % 7);
		}

		@Override
		public Object getPixels(final int n) {
			return getProcessor(n).getPixels();
		}

		@Override
		public String getSliceLabel(final int n) {
			return null;
		}

		@Override
		public int getBitDepth() {
			return 24;
		}
	}

	static long currentRssMb() {
		try {
			for (final String line : java.nio.file.Files.readAllLines(Paths.get("/proc/self/status")))
				if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split(
					"\\s+")[0]) >> 10;
		}
		catch (final java.io.IOException | RuntimeException e) {
			// not Linux
		}
		return -1;
	}

	static long usedHeapMb() {
		System.gc();
		final Runtime rt = Runtime.getRuntime();
		return (rt.totalMemory() - rt.freeMemory()) >> 20;
	}

	private static double median(final double[] v) {
		final double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	private static double ms(final long nanos) {
		return Math.round(nanos / 1e4) / 100.0;
	}

	private void print(final String key, final Object value) {
		out.println(key + "=" + (value instanceof Double ? String.format(Locale.ROOT, "%.3f",
			(Double) value) : value));
	}
}
