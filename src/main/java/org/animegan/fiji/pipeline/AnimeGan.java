package org.animegan.fiji.pipeline;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.FaceOptions;
import org.animegan.fiji.api.ModelChoice;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.StyleOptions;
import org.animegan.fiji.api.TemporalOptions;
import org.animegan.fiji.engine.NativeLibraries;
import org.animegan.fiji.engine.Sessions;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelSpec;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.precision.PrecisionMessages;
import org.animegan.fiji.style.CubeLut;
import org.animegan.fiji.style.LutCache;
import org.animegan.fiji.stylize.MemoryBudget;
import org.animegan.fiji.stylize.PlaneStylizer;

/**
 * Photo to Anime, headless: stylizes every plane of an image and returns a new image with the same
 * dimensions and calibration. The menu command, the ImageJ 1.x plugin, the command line and scripts
 * all call this. The input image is only read, never changed.
 */
public final class AnimeGan {

	/** Planes smaller than this on either side are refused. */
	public static final int MIN_SIDE = 8;

	private final ModelCache models;
	private final ModelLocator locator;
	private final ModelLibrary library;
	private final LutCache luts = new LutCache();
	/** False where the caller already runs several images at once (a Spark executor's tasks). */
	private volatile boolean batchesAtOnce = true;

	public AnimeGan(final ModelCache models) {
		this(models, ModelLocator.standard());
	}

	public AnimeGan(final ModelCache models, final ModelLocator locator) {
		this(models, ModelLibrary.of(locator), locator);
	}

	/** With a given model library (catalog and downloader), e.g. for tests. */
	public AnimeGan(final ModelCache models, final ModelLibrary library, final ModelLocator locator) {
		this.models = models;
		this.locator = locator;
		this.library = library;
	}

	/**
	 * A stack's batches go one after the other, never several at once: for a caller that runs
	 * several images at once itself, so that its runs share one session built for that (a Spark
	 * executor runs a task per core on one model).
	 */
	public AnimeGan oneBatchAtATime() {
		batchesAtOnce = false;
		return this;
	}

	/** The cache of open models (generators and the face detector). */
	public ModelCache models() {
		return models;
	}

	public ModelLibrary library() {
		return library;
	}

	public ModelLocator locator() {
		return locator;
	}

	/**
	 * The LUT the style options ask for, read and checked now (reused while the file is unchanged),
	 * or null without {@code color_shift=lut}; call it before the first image to refuse a bad LUT up
	 * front.
	 */
	public CubeLut lut(final StyleOptions style) throws AnimeGanException {
		return luts.forOptions(style);
	}

	/** Loads (or reuses) the generator the settings name. */
	public Generator generator(final Settings settings) throws AnimeGanException {
		return generator(settings.model(), settings.runtime(), Progress.NONE);
	}

	/**
	 * Loads (or reuses) a generator, downloading or converting it first if needed; downloads report
	 * to {@code progress} and stop when it cancels.
	 */
	public Generator generator(final ModelChoice choice, final RuntimeOptions runtime,
		final Progress progress) throws AnimeGanException
	{
		final ModelLibrary.Resolved model = library.resolve(choice.model(), choice.modelFile(),
			progress);
		final int loadsBefore = models.loads();
		final Generator generator = models.get(model, runtime);
		// Once per load, not per image of a macro loop: which family an unknown file was taken for.
		final ModelSpec spec = generator.spec();
		if (models.loads() != loadsBefore && spec.familyAssumed()) progress.log(ModelMessages
			.familyAssumed(spec.name(), spec.family()));
		// Once per load too: which copy runs, which also explains a first run that made it.
		if (models.loads() != loadsBefore && runtime.precision() != RuntimeOptions.Precision.FP32)
			progress.log(PrecisionMessages.runningCopy(runtime.precision(), generator.file()));
		// Why the native-library cache was not used, if so: once, where the user reads the Log.
		final String nativeNotice = NativeLibraries.takeNotice();
		if (nativeNotice != null) progress.log(nativeNotice);
		// device=auto on the CPU: why, once per session.
		final String deviceNotice = Sessions.takeDeviceNotice();
		if (deviceNotice != null) progress.log(deviceNotice);
		return generator;
	}

	/**
	 * Stylizes every plane of {@code input}.
	 *
	 * @return a new image titled {@code <title>-anime}, not shown
	 * @throws CancelledException if the progress reports a cancel; nothing is returned then
	 */
	public ImagePlus stylize(final ImagePlus input, final Settings settings,
		final Progress progress) throws AnimeGanException
	{
		final Planes planes = Planes.of(input);
		final int workers = batchesAtOnce ? planeWorkers(input, planes, settings) : 1;
		final Settings run = workers > 1 ? settings.withConcurrentRuns(workers) : settings;
		return stylize(input, planes, PlanePipeline.create(this, input, planes, run, progress), run,
			workers, progress);
	}

	/**
	 * How many of the planes' batches to stylize at once: 1 where planes depend on each other (smoothing
	 * over time, faces followed or collected in order), where the caller already runs several
	 * images at once (files of a folder), or where planes are tiled (one plane's tiles at a time keep
	 * ONNX Runtime's memory within its share).
	 */
	private static int planeWorkers(final ImagePlus input, final Planes planes,
		final Settings settings)
	{
		if (settings.runtime().concurrentRuns() > 1 || settings.face()
			.mode() != FaceOptions.Mode.OFF || planes.smoothing(settings.temporal()) != null) return 1;
		final int workers = ImageWorkers.count(settings, planes.count());
		if (workers == 1) return 1;
		// The model input's size, near enough before the model is loaded (no stride, no minimum side).
		final int w = input.getWidth(), h = input.getHeight(), longSide = Math.max(w, h);
		final int side = settings.inputSize() > 0 ? settings.inputSize() : longSide;
		final long pixels = Math.round((double) w * h * side / longSide * side / longSide);
		final int tile = settings.tiling().tileSize();
		if (tile > 0 && side > tile || !MemoryBudget.nativeFits(MemoryBudget.nativeBytesFor(pixels, 1) *
			workers)) return 1;
		return workers;
	}

	private ImagePlus stylize(final ImagePlus input, final Planes planes,
		final PlanePipeline pipeline, final Settings settings, final int workers,
		final Progress progress) throws AnimeGanException
	{
		final int total = planes.count();
		// With several workers, each sends a share of the batch: as many planes in flight as one batch.
		final int batch = workers > 1 ? Math.max(1, Math.min(pipeline.batchSize(settings
			.maxBatchSize()) / workers, total / workers)) : pipeline.batchSize(settings.maxBatchSize());
		checkHeap(input, planes, pipeline.scene(), settings.maxBatchSize());
		// Each worker has its own pipeline: a stylizer keeps what it learnt from allocation failures.
		final BlockingQueue<PlanePipeline> pipelines = new ArrayBlockingQueue<>(workers);
		pipelines.add(pipeline);
		for (int w = 1; w < workers; w++)
			pipelines.add(PlanePipeline.create(this, input, planes, settings, progress));
		// Results are kept as 8-bit output planes (4 bytes a pixel), not floats (12).
		final List<ImageProcessor[]> results = new ArrayList<>(total);
		final long start = System.nanoTime();
		try {
			ImageWorkers.run((total + batch - 1) / batch, workers, (unit, lane) -> {
				if (progress.isCancelled()) throw new CancelledException();
				final int first = unit * batch, n = Math.min(batch, total - first);
				final List<RgbImage> in = new ArrayList<>(n);
				synchronized (planes) { // a virtual stack reads its planes from disk
					for (int i = 0; i < n; i++)
						in.add(planes.read(first + i));
				}
				final PlanePipeline p = pipelines.remove();
				try {
					final List<ImageProcessor[]> out = new ArrayList<>(n);
					for (final RgbImage r : p.process(in, first))
						out.add(planes.toOutput(r));
					return out;
				}
				finally {
					pipelines.add(p);
				}
			}, (unit, out) -> {
				results.addAll(out);
				final int done = results.size();
				progress.status(PipelineMessages.planeDone(done, total, (System.nanoTime() - start) / 1e9 /
					done));
				progress.progress(done, total);
			});
		}
		catch (final OutOfMemoryError e) {
			results.clear();
			throw new AnimeGanException(PipelineMessages.outOfMemory(input.getTitle()));
		}
		finally {
			progress.progress(1, 1);
		}
		final double seconds = (System.nanoTime() - start) / 1e9;
		final ImagePlus out = planes.assemble(results, outputTitle(input));
		pipeline.calibrate(out, input);
		if (pipeline.detects()) {
			FaceRois.attach(out, pipeline.faces());
			progress.log(PipelineMessages.facesFound(input.getTitle(), pipeline.faces().size()));
		}
		progress.log(PipelineMessages.summary(input.getTitle(), total, seconds, MemoryMonitor.peakHeapMb(),
			MemoryMonitor.peakRssMb()));
		return out;
	}

	/** Refuses, with a message, a run whose output and working planes would not fit in the heap. */
	private static void checkHeap(final ImagePlus input, final Planes planes,
		final PlaneStylizer stylizer, final int maxBatch) throws AnimeGanException
	{
		final long needed = heapNeeded(stylizer, input.getWidth(), input.getHeight(), planes.count(),
			maxBatch);
		final long available = MemoryBudget.freeHeapFor(needed);
		if (needed > available) throw new AnimeGanException(PipelineMessages.notEnoughHeap(input.getTitle(),
			needed >> 20, available >> 20));
	}

	/**
	 * The Java heap that stylizing {@code planes} planes of this size with these settings needs, as
	 * {@link #stylize} checks it before starting; lets a caller refuse a file before decoding it.
	 */
	public long heapNeeded(final Settings settings, final int width, final int height,
		final int planes) throws AnimeGanException
	{
		return heapNeeded(new PlaneStylizer(generator(settings), settings), width, height, planes,
			settings.maxBatchSize());
	}

	/**
	 * The same for one of several images at once: the heap {@code lane} plans for all of them, or for
	 * this one alone once it runs alone, when they would not fit together (Java heap, or ONNX
	 * Runtime's memory for a batch of planes, or a tile's).
	 */
	public long heapNeeded(final Settings settings, final int width, final int height,
		final int planes, final ImageWorkers.Lane lane) throws AnimeGanException
	{
		final PlaneStylizer stylizer = new PlaneStylizer(generator(settings), settings);
		final org.animegan.fiji.image.SizePolicy.Plan plan = stylizer.plan(width, height);
		final int tile = stylizer.tileFor(plan);
		final long nativeBytes = (tile > 0 ? MemoryBudget.nativeBytesFor(tile, tile) : MemoryBudget
			.nativeBytesFor(plan.paddedWidth, plan.paddedHeight)) * Math.max(1, Math.min(planes,
				settings.maxBatchSize()));
		return lane.heapFor(heapNeeded(stylizer, width, height, planes, settings.maxBatchSize()),
			nativeBytes);
	}

	private static long heapNeeded(final PlaneStylizer stylizer, final int w, final int h,
		final int planes, final int maxBatch)
	{
		final org.animegan.fiji.image.SizePolicy.Plan plan = stylizer.plan(w, h);
		return 4L * w * h * planes + MemoryBudget.heapBytesPerPlane(w, h, plan.paddedWidth,
			plan.paddedHeight) * Math.max(1, Math.min(planes, maxBatch));
	}

	public static String outputTitle(final ImagePlus input) {
		String title = input.getTitle();
		final int dot = title.lastIndexOf('.');
		if (dot > 0 && title.length() - dot <= 5) title = title.substring(0, dot);
		return title + "-anime";
	}

	/**
	 * The planes of an input image as the user sees them, and how results are put back together with
	 * the same dimensions.
	 */
	static final class Planes {

		private final ImagePlus imp;
		private final ImageStack stack;
		/** A 3-channel composite in composite mode is merged into one RGB plane per (z, t). */
		private final boolean merge;
		private final int channels, slices, frames;

		private Planes(final ImagePlus imp, final boolean merge) {
			this.imp = imp;
			this.stack = imp.getStack();
			this.merge = merge;
			this.channels = imp.getNChannels();
			this.slices = imp.getNSlices();
			this.frames = imp.getNFrames();
		}

		static Planes of(final ImagePlus imp) throws AnimeGanException {
			if (imp == null) throw new AnimeGanException(PipelineMessages.noImage());
			final String title = imp.getTitle();
			if (imp.getStackSize() < 1 || imp.getStack() == null || imp.getStack().getSize() < 1) {
				throw new AnimeGanException(PipelineMessages.emptyStack(title));
			}
			if (imp.getWidth() < MIN_SIDE || imp.getHeight() < MIN_SIDE) {
				throw new AnimeGanException(PipelineMessages.tooSmall(title, imp.getWidth(), imp.getHeight(),
					MIN_SIDE));
			}
			final int depth = imp.getBitDepth();
			if (depth != 8 && depth != 16 && depth != 24 && depth != 32) {
				throw new AnimeGanException(PipelineMessages.unsupportedType(title, depth));
			}
			final ImageStack stack = imp.getStack();
			if (depth == 32) {
				for (int i = 1; i <= stack.getSize(); i++) {
					if (PlaneConverter.hasNonFinite(stack.getProcessor(i))) {
						throw new AnimeGanException(PipelineMessages.nonFinite(title, i));
					}
				}
			}
			final boolean merge = imp.isComposite() && imp.getNChannels() == 3 &&
				((CompositeImage) imp).getMode() == IJ.COMPOSITE;
			return new Planes(imp, merge);
		}

		int count() {
			return merge ? slices * frames : stack.getSize();
		}

		/** The index ({@link #read} order) of the plane the user is looking at. */
		int current() {
			return merge ? (imp.getT() - 1) * slices + imp.getZ() - 1 : imp.getCurrentSlice() - 1;
		}

		/** Smoothing over time for these planes (merged channels are one plane), or null. */
		TemporalSmoothing smoothing(final TemporalOptions options) {
			return TemporalSmoothing.of(options, merge ? 1 : channels, slices, frames, video());
		}

		/**
		 * Whether the slices are video frames: ImageJ's AVI reader opens a video as slices (Z), not
		 * frames, and records its frame rate; a frame interval marks a plain stack as time too.
		 */
		boolean video() {
			final Calibration cal = imp.getCalibration();
			return frames == 1 && slices > 1 && (cal.fps > 0 || cal.frameInterval > 0);
		}

		/** Plane i (0-based, in output order) as displayed. */
		RgbImage read(final int i) {
			if (imp.getBitDepth() == 24) return PlaneConverter.fromRgb((ColorProcessor) stack
				.getProcessor(i + 1));
			if (merge) {
				final int z = i % slices + 1, t = i / slices + 1;
				final CompositeImage ci = (CompositeImage) imp;
				final boolean[] active = ci.getActiveChannels();
				final RgbImage sum = new RgbImage(imp.getWidth(), imp.getHeight());
				for (int c = 1; c <= channels; c++) {
					if (active != null && c - 1 < active.length && !active[c - 1]) continue;
					final ImageProcessor ip = stack.getProcessor(imp.getStackIndex(c, z, t));
					final double[] range = channelRange(ci, c, ip);
					PlaneConverter.addIndexed(ip, ci.getChannelLut(c), range[0], range[1], sum);
				}
				PlaneConverter.clamp(sum);
				return sum;
			}
			final ImageProcessor ip = stack.getProcessor(i + 1);
			if (imp.isComposite()) {
				final int c = (i % channels) + 1;
				final CompositeImage ci = (CompositeImage) imp;
				final LUT lut = ci.getChannelLut(c);
				final LUT shown = ci.getMode() == IJ.GRAYSCALE ? LUT.createLutFromColor(Color.white) : lut;
				final double[] range = channelRange(ci, c, ip);
				return PlaneConverter.fromIndexed(ip, shown, range[0], range[1]);
			}
			return PlaneConverter.fromIndexed(ip, imp.getProcessor().getLut(), imp
				.getDisplayRangeMin(), imp.getDisplayRangeMax());
		}

		/**
		 * The display range of channel c: the channel processor ImageJ draws with, where it has set one
		 * up; else the channel LUT's range, unless that is unset (0, 0, as after {@code setLuts}), when
		 * ImageJ keeps the plane's own.
		 */
		private static double[] channelRange(final CompositeImage ci, final int c,
			final ImageProcessor plane)
		{
			final ImageProcessor shown = ci.getProcessor(c);
			if (shown != null) return new double[] { shown.getMin(), shown.getMax() };
			final LUT lut = ci.getChannelLut(c);
			if (lut.min != 0 || lut.max != 0) return new double[] { lut.min, lut.max };
			return new double[] { plane.getMin(), plane.getMax() };
		}

		/** A result as output planes: one RGB plane, or three 8-bit channels when merging. */
		ImageProcessor[] toOutput(final RgbImage r) {
			if (!merge) return new ImageProcessor[] { PlaneConverter.toRgb(r) };
			return new ImageProcessor[] { PlaneConverter.toByte(r, 0), PlaneConverter.toByte(r, 1),
				PlaneConverter.toByte(r, 2) };
		}

		/** Results (in {@link #read} order) as a new image with the input's dimensions. */
		ImagePlus assemble(final List<ImageProcessor[]> results, final String title) {
			// Results usually have the input's size; face2paint crops are 512x512.
			final int w = results.get(0)[0].getWidth(), h = results.get(0)[0].getHeight();
			final ImageStack out = new ImageStack(w, h);
			if (merge) {
				for (int t = 1; t <= frames; t++)
					for (int z = 1; z <= slices; z++) {
						final ImageProcessor[] r = results.get((t - 1) * slices + (z - 1));
						for (int c = 0; c < 3; c++)
							out.addSlice(stack.getSliceLabel(imp.getStackIndex(c + 1, z, t)), r[c]);
					}
			}
			else {
				for (int i = 0; i < results.size(); i++)
					out.addSlice(stack.getSliceLabel(i + 1), results.get(i)[0]);
			}
			ImagePlus result = new ImagePlus(title, out);
			result.setDimensions(channels, slices, frames);
			if (merge) {
				final CompositeImage ci = new CompositeImage(result, IJ.COMPOSITE);
				ci.setLuts(new LUT[] { LUT.createLutFromColor(Color.red), LUT.createLutFromColor(
					Color.green), LUT.createLutFromColor(Color.blue) });
				result = ci;
			}
			if (imp.isHyperStack() || merge) result.setOpenAsHyperStack(true);
			result.setCalibration(imp.getCalibration().copy());
			final Object info = imp.getProperty("Info");
			if (info != null) result.setProperty("Info", info);
			return result;
		}
	}
}
