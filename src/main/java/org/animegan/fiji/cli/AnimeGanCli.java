package org.animegan.fiji.cli;

import ij.ImagePlus;
import ij.gui.Roi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.face.FaceMessages;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.files.FileMessages;
import org.animegan.fiji.files.ImageFiles;
import org.animegan.fiji.files.NoOverwrite;
import org.animegan.fiji.image.ImageHeader;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageWorkers;
import org.animegan.fiji.pipeline.PipelineMessages;

/**
 * The command line: {@code java -jar animegan-cli.jar [--model M] [--input-size N] INPUT... -o OUTPUT};
 * without {@code --model}, the table's default catalog model.
 * Every parameter of the command is an option {@code --<key with dashes>}. Inputs are files or
 * folders (PNG, JPEG, TIFF, AVI); with {@code --sequence} a folder of numbered frames is one input.
 * Results are PNG for single planes, TIFF for stacks and AVI for AVI inputs (or an output named
 * {@code .avi}); with {@code --frames-out} a stack's result is a folder of numbered PNGs. A file
 * that fails is reported on its own line and the rest go on; the exit code is 1 if any failed.
 */
public final class AnimeGanCli {

	public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "tif", "tiff", "avi");

	private final PrintStream out;
	private final PrintStream err;

	public AnimeGanCli(final PrintStream out, final PrintStream err) {
		// One line per message, whatever characters the file names hold.
		this.out = new OneLineStream(out);
		this.err = new OneLineStream(err);
	}

	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		System.exit(new AnimeGanCli(System.out, System.err).run(args));
	}

	/** Runs with the given arguments; returns the exit code (0 ok, 1 some files failed, 2 usage). */
	public int run(final String[] args) {
		final Arguments a;
		try {
			a = Arguments.parse(args);
		}
		catch (final AnimeGanException e) {
			err.println(CliMessages.cliError(e.getMessage()));
			err.println(CliMessages.seeHelp());
			return 2;
		}
		if (a.help) {
			out.print(usage());
			return 0;
		}
		final List<Path> inputs;
		try {
			inputs = expand(a.inputs, a.sequence);
		}
		catch (final AnimeGanException e) {
			err.println(CliMessages.cliError(e.getMessage()));
			return 2;
		}
		final boolean singleFileOutput = inputs.size() == 1 && !a.framesOut && hasImageExtension(
			a.output);
		if (!singleFileOutput) {
			try {
				Files.createDirectories(a.output);
			}
			catch (final IOException e) {
				err.println(CliMessages.cliError(CliMessages.cannotCreateOutputFolder(a.output)));
				return 2;
			}
		}
		// Inputs, and results written so far (a.png and a.jpg would both give a-anime.png).
		final NoOverwrite inputSet = new NoOverwrite();
		for (final Path p : inputs)
			inputSet.add(p);
		// Several files at once where that is faster; never two that could write the same result.
		final int workers = ImageFiles.distinctStems(inputs) ? ImageWorkers.count(a.settings, inputs
			.size()) : 1;
		final Arguments run = workers > 1 ? a.withSettings(a.settings.withConcurrentRuns(workers)) : a;
		final int[] failed = { 0 };
		try (ModelCache models = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(models);
			try {
				// A bad LUT is a usage problem: refused before the model is loaded or any file stylized.
				tool.lut(run.settings.style());
				// Load once up front (downloading or converting it if needed): a bad model fails fast, once.
				tool.generator(run.settings.model(), run.settings.runtime(), new DownloadConsole(err));
			}
			catch (final AnimeGanException e) {
				err.println(CliMessages.cliError(e.getMessage()));
				return 2;
			}
			if (workers > 1) out.println(PipelineMessages.filesAtOnce(workers, run.settings.runtime()
				.intraOpThreads()));
			// Every file's lines come out in the files' order: with several at once, each is kept
			// until the files before it have printed theirs.
			ImageWorkers.<FileOutcome> run(inputs.size(), workers, (i, lane) -> {
				final FileOutcome outcome = new FileOutcome(workers > 1);
				try {
					outcome.cli(this).process(tool, run, inputs.get(i), singleFileOutput, inputSet, lane);
				}
				catch (final AnimeGanException e) {
					outcome.failure = e.getMessage();
				}
				return outcome;
			}, (i, outcome) -> {
				outcome.replay(out, err);
				if (outcome.failure != null) {
					failed[0]++;
					err.println(CliMessages.fileFailed(inputs.get(i), outcome.failure));
				}
			});
		}
		catch (final AnimeGanException e) {
			throw new IllegalStateException(e); // tasks report their own failures
		}
		if (failed[0] > 0) err.println(CliMessages.filesFailed(failed[0], inputs.size()));
		return failed[0] > 0 ? 1 : 0;
	}

	/** What one file printed, and its failure, if any. */
	private static final class FileOutcome {

		private final ByteArrayOutputStream out, err;
		String failure;

		/** With {@code buffered}, the file's lines are kept for {@link #replay}; else printed at once. */
		FileOutcome(final boolean buffered) {
			out = buffered ? new ByteArrayOutputStream() : null;
			err = buffered ? new ByteArrayOutputStream() : null;
		}

		AnimeGanCli cli(final AnimeGanCli direct) {
			return out == null ? direct : new AnimeGanCli(new PrintStream(out, true), new PrintStream(
				err, true));
		}

		/** Warnings first, then results, as one file alone prints them. */
		void replay(final PrintStream toOut, final PrintStream toErr) {
			if (out == null) return;
			toErr.write(err.toByteArray(), 0, err.size());
			toErr.flush();
			toOut.write(out.toByteArray(), 0, out.size());
			toOut.flush();
		}
	}

	private void process(final AnimeGan tool, final Arguments a, final Path in,
		final boolean singleFileOutput, final NoOverwrite inputSet, final ImageWorkers.Lane lane)
		throws AnimeGanException
	{
		process(tool, a, in, singleFileOutput ? a.output : null, a.output, inputSet, lane);
	}

	/**
	 * One input as the command line reads, names and writes it (the Spark batch runs each of its
	 * files through this, so that both give the same results under the same names).
	 *
	 * @param outputFile the result's path for a single-file output, else null
	 * @param outputFolder where {@code <name>-anime.*} goes when {@code outputFile} is null
	 * @return the result written
	 */
	public Path process(final AnimeGan tool, final Arguments a, final Path in,
		final Path outputFile, final Path outputFolder, final NoOverwrite inputSet)
		throws AnimeGanException
	{
		return process(tool, a, in, outputFile, outputFolder, inputSet, ImageWorkers.Lane.alone());
	}

	/** The same, as one of several files at once, with {@code lane}'s share of the heap. */
	private Path process(final AnimeGan tool, final Arguments a, final Path in,
		final Path outputFile, final Path outputFolder, final NoOverwrite inputSet,
		final ImageWorkers.Lane lane) throws AnimeGanException
	{
		final boolean singleFileOutput = outputFile != null;
		final boolean folder = Files.isDirectory(in);
		final ImagePlus imp = read(tool, a, in, 1, Long.MAX_VALUE, lane);
		// The result has the input's planes, so its name is known now: refuse before any inference.
		final boolean stack = imp.getStackSize() > 1;
		final boolean frames = a.framesOut && stack;
		final boolean avi = singleFileOutput ? isAvi(outputFile) : !frames && !folder && AviFiles
			.isAvi(in);
		final String name = resultStem(in.getFileName().toString(), folder);
		final Path target = singleFileOutput ? outputFile : outputFolder.resolve(name + (frames
			? "" : avi ? ".avi" : stack ? ".tif" : ".png"));
		if (inputSet.protects(target)) throw new AnimeGanException(CliMessages.wouldOverwrite(target));
		final ImagePlus result = tool.stylize(imp, a.settings, Progress.logTo(out::println));
		// Kept in the calibration: the AVI header, and the TIFF's ImageJ info.
		if (a.frameRate > 0 && stack) result.getCalibration().fps = a.frameRate;
		if (frames) FrameSequence.write(result, target, inputSet);
		else {
			write(result, imp.getCalibration().fps, avi, target, stack);
			inputSet.add(target);
		}
		out.println(CliMessages.resultLine(in, target));
		final Roi[] faces = FaceRois.of(result);
		if (faces != null) out.println(FaceMessages.facesLine(faces.length));
		return target;
	}

	/**
	 * Reads one input as {@link #process} does; of a stack or video, planes {@code first} to
	 * {@code last} alone (from 1, both included; the Spark batch splits long ones into such ranges).
	 */
	public ImagePlus read(final AnimeGan tool, final Arguments a, final Path in, final long first,
		final long last) throws AnimeGanException
	{
		return read(tool, a, in, first, last, ImageWorkers.Lane.alone());
	}

	private ImagePlus read(final AnimeGan tool, final Arguments a, final Path in, final long first,
		final long last, final ImageWorkers.Lane lane) throws AnimeGanException
	{
		final ImageFiles.HeapNeed need = (w, h, planes) -> tool.heapNeeded(a.settings, w, h, planes,
			lane);
		final Consumer<String> warnings = warning -> err.println(FileMessages.jpegWarning(in,
			warning));
		// AVI_Reader allocates what the AVI header declares: AviFiles checks it first.
		if (Files.isDirectory(in)) return range(FrameSequence.read(in, need, warnings), first, last);
		if (AviFiles.isAvi(in)) return AviFiles.read(in, need, first, last);
		if (first > 1 || last < Long.MAX_VALUE) {
			// A range of a TIFF's pages: those pages decoded alone where ImageJ can.
			final Optional<ImagePlus> pages = ImageFiles.readPages(in, need, first, last);
			if (pages.isPresent()) return pages.get();
		}
		return range(ImageFiles.read(in, need, warnings), first, last);
	}

	private static ImagePlus range(final ImagePlus imp, final long first, final long last) {
		final int n = imp.getStackSize();
		if (first <= 1 && last >= n) return imp;
		final ImagePlus part = new ImagePlus(imp.getTitle(), imp.getStack().crop(0, 0, (int) first
			- 1, imp.getWidth(), imp.getHeight(), (int) (Math.min(last, n) - first + 1)));
		part.setCalibration(imp.getCalibration());
		return part;
	}

	/** Planes of a file as its header declares them (AVI frames, TIFF pages); 1 if it says none. */
	public static long planes(final Path in) {
		try (SeekableByteChannel ch = Files.newByteChannel(in)) {
			return planes(ch);
		}
		catch (final IOException e) {
			return 1; // reading it will say what is wrong
		}
	}

	/** As {@link #planes(Path)}, through any seekable channel (a file on HDFS, say), left open. */
	public static long planes(final SeekableByteChannel in) {
		try {
			if (AviFiles.isAvi(in)) return AviFiles.header(in).frames;
			return ImageHeader.read(in).map(h -> Math.max(1, h.pages)).orElse(1L);
		}
		catch (final IOException | AnimeGanException e) {
			return 1; // reading it will say what is wrong
		}
	}

	/**
	 * Pixels of all planes as the header declares them (AVI, PNG, JPEG, TIFF), or 0 where it declares
	 * none: what a file costs, for planning a batch (an MJPEG video's bytes say little of its work).
	 */
	public static long pixels(final SeekableByteChannel in) {
		try {
			if (AviFiles.isAvi(in)) {
				final AviFiles.Header h = AviFiles.header(in);
				return ImageHeader.times(h.width, h.height, h.frames);
			}
			return ImageHeader.read(in).map(h -> ImageHeader.times(h.width, h.height, Math.max(1,
				h.pages))).orElse(0L);
		}
		catch (final IOException | AnimeGanException e) {
			return 0; // reading it will say what is wrong
		}
	}

	/**
	 * Writes a result as {@link #process} does: an AVI at the input's rate (where the result has
	 * none of its own), else a PNG or a multi-page TIFF.
	 */
	private static void write(final ImagePlus result, final double inputFps, final boolean avi,
		final Path target, final boolean stack) throws AnimeGanException
	{
		if (avi) {
			// Without a rate of its own (a TIFF stack, a folder), ImageJ's writer uses 7 per second.
			if (result.getCalibration().fps == 0) result.getCalibration().fps = inputFps;
			AviFiles.write(result, target);
		}
		else ImageFiles.write(result, target, stack);
	}

	/**
	 * Writes the result of a stack or video input under the name and in the format {@link #process}
	 * gives it (the Spark batch assembles frame ranges through this); returns the target.
	 */
	public static Path writeStack(final ImagePlus result, final Path in, final Path folder)
		throws AnimeGanException
	{
		try (SeekableByteChannel ch = Files.newByteChannel(in)) {
			return writeStack(result, in.getFileName().toString(), ch, folder);
		}
		catch (final IOException e) {
			throw new AnimeGanException(FileMessages.notReadableImage(), e);
		}
	}

	/**
	 * As {@link #writeStack(ImagePlus, Path, Path)} for an input named {@code inputName} whose
	 * header is read through {@code in} (left open): an input on another file system.
	 */
	public static Path writeStack(final ImagePlus result, final String inputName,
		final SeekableByteChannel in, final Path folder) throws AnimeGanException
	{
		final boolean avi;
		double fps = 0;
		try {
			avi = AviFiles.isAvi(in);
			if (avi) fps = AviFiles.header(in).fps;
		}
		catch (final IOException e) {
			throw new AnimeGanException(FileMessages.notReadableImage(), e);
		}
		final Path target = folder.resolve(resultStem(inputName, false) + (avi ? ".avi" : ".tif"));
		write(result, fps, avi, target, true);
		return target;
	}

	/**
	 * What every result of an input is named after: {@code <name>-anime}, then {@code .png},
	 * {@code .tif}, {@code .avi} or nothing (a folder of frames).
	 */
	public static String resultStem(final String inputName, final boolean folder) {
		return (folder ? inputName : baseName(inputName)) + "-anime";
	}

	/**
	 * Files as given, and the image files directly inside given folders, sorted; with
	 * {@code sequence}, folders as given (each one sequence of frames).
	 */
	static List<Path> expand(final List<Path> given, final boolean sequence)
		throws AnimeGanException
	{
		final List<Path> files = new ArrayList<>();
		for (final Path p : given) {
			if (sequence && Files.isDirectory(p)) files.add(p);
			else if (Files.isDirectory(p)) {
				try (Stream<Path> list = Files.list(p)) {
					list.filter(Files::isRegularFile).filter(AnimeGanCli::hasImageExtension).sorted()
						.forEach(files::add);
				}
				catch (final IOException e) {
					throw new AnimeGanException(CliMessages.folderUnreadable(p), e);
				}
			}
			else if (Files.isRegularFile(p)) files.add(p);
			else throw new AnimeGanException(CliMessages.inputMissing(p));
		}
		if (files.isEmpty()) throw new AnimeGanException(CliMessages.noImageFiles());
		return files;
	}

	static boolean hasImageExtension(final Path p) {
		return hasImageExtension(p.getFileName().toString());
	}

	/** True for the file names a folder input takes (PNG, JPEG, TIFF, AVI). */
	public static boolean hasImageExtension(final String fileName) {
		final String n = fileName.toLowerCase(Locale.ROOT);
		final int dot = n.lastIndexOf('.');
		return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
	}

	private static boolean isAvi(final Path p) {
		return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".avi");
	}

	static String baseName(final Path p) {
		return baseName(p.getFileName().toString());
	}

	private static String baseName(final String n) {
		final int dot = n.lastIndexOf('.');
		return dot > 0 ? n.substring(0, dot) : n;
	}

	static String usage() {
		return usage("java -jar animegan-cli.jar");
	}

	/** The help text, for this command line or another that takes the same arguments. */
	public static String usage(final String command) {
		final StringBuilder sb = new StringBuilder();
		sb.append("Usage: ").append(command).append(" [--model M] [options] INPUT... -o OUTPUT\n\n");
		sb.append("INPUT: image files or folders (PNG, JPEG, TIFF, multi-page TIFF stacks, AVI).\n");
		sb.append("OUTPUT: a folder (created if needed), or a .png/.tif/.avi file for a single input.\n");
		sb.append("Results are PNG for single planes, TIFF for stacks, AVI (PNG frames, same frame\n");
		sb.append("rate) for AVI inputs; inputs are never overwritten.\n\n");
		sb.append("Options (the same keys as the macro parameters):\n");
		for (final Param p : Settings.PARAMS) {
			sb.append(String.format(Locale.ROOT, "  %-22s %s", p.option() + " " + metavar(p), p
				.description()));
			if (!p.choices().isEmpty() && p.kind() == Param.Kind.CHOICE) sb.append(" One of: ").append(
				String.join(", ", p.choices())).append('.');
			sb.append(" Default: ").append(p.defaultValue().isEmpty() ? "none" : p.defaultValue())
				.append(".\n");
		}
		// Aligned with the option lines above: two spaces, 22 columns, one space.
		sb.append("  -o, --output PATH      Where results go.\n");
		sb.append("  --sequence             Each folder INPUT is one sequence of numbered frames\n");
		sb.append("                         (sorted by number, all the same size), stylized as one\n");
		sb.append("                         stack with its frames on the T axis.\n");
		sb.append("  --frames-out           Write each stack result as numbered PNGs (00001.png ...)\n");
		sb.append("                         in a folder OUTPUT/<name>-anime.\n");
		sb.append("  --frame-rate R         Frames per second of stack results (AVI, TIFF); default:\n");
		sb.append("                         the input's, else 7.\n");
		sb.append("  -h, --help             This text.\n");
		return sb.toString();
	}

	private static String metavar(final Param p) {
		switch (p.kind()) {
			case INTEGER:
				return "N";
			case NUMBER:
				return "X";
			case BOOLEAN:
				return "[true|false]";
			case FILE:
				return "FILE";
			default:
				return "VALUE";
		}
	}

	/** Options of the command line only, beside the table's keys (a test keeps them apart). */
	static final String SEQUENCE = "--sequence", FRAMES_OUT = "--frames-out",
		FRAME_RATE = "--frame-rate";

	/** Highest accepted frame rate: AVI headers give a frame's duration in whole microseconds. */
	static final int MAX_FRAME_RATE = 1000;

	/** A --frame-rate value: a number of frames per second above 0, at most MAX_FRAME_RATE. */
	static double frameRate(final String value) throws AnimeGanException {
		final double r;
		try {
			r = Double.parseDouble(value);
		}
		catch (final NumberFormatException e) {
			throw new AnimeGanException(CliMessages.badFrameRate(value, MAX_FRAME_RATE));
		}
		if (!(r > 0 && r <= MAX_FRAME_RATE)) throw new AnimeGanException(CliMessages.badFrameRate(
			value, MAX_FRAME_RATE));
		return r;
	}

	/** Parsed arguments. */
	public static final class Arguments {

		Settings settings;
		final List<Path> inputs = new ArrayList<>();
		/** The inputs and output as given, for callers that read them as URIs (the Spark batch). */
		final List<String> inputNames = new ArrayList<>();
		String outputName;
		Path output;
		boolean help;
		boolean sequence;
		boolean framesOut;
		/** Frames per second of stack results; 0: the input's. */
		double frameRate;

		public Settings settings() {
			return settings;
		}

		/** A copy with other settings (the same inputs and output). */
		public Arguments withSettings(final Settings s) {
			final Arguments a = new Arguments();
			a.settings = s;
			a.inputs.addAll(inputs);
			a.inputNames.addAll(inputNames);
			a.outputName = outputName;
			a.output = output;
			a.help = help;
			a.sequence = sequence;
			a.framesOut = framesOut;
			a.frameRate = frameRate;
			return a;
		}

		public List<String> inputNames() {
			return inputNames;
		}

		public String outputName() {
			return outputName;
		}

		public boolean help() {
			return help;
		}

		public boolean sequence() {
			return sequence;
		}

		public boolean framesOut() {
			return framesOut;
		}

		public static Arguments parse(final String[] args) throws AnimeGanException {
			final Arguments a = new Arguments();
			final Map<String, String> values = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				final String arg = args[i];
				if (arg.equals("-h") || arg.equals("--help")) {
					a.help = true;
				}
				else if (arg.equals("-o") || arg.equals("--output")) {
					if (i + 1 >= args.length) throw new AnimeGanException(CliMessages.optionNeedsPath(arg));
					a.outputName = args[++i];
					a.output = Paths.get(a.outputName);
				}
				else if (arg.equals(SEQUENCE)) {
					a.sequence = true;
				}
				else if (arg.equals(FRAMES_OUT)) {
					a.framesOut = true;
				}
				else if (arg.equals(FRAME_RATE)) {
					if (i + 1 >= args.length) throw new AnimeGanException(CliMessages.optionNeedsValue(arg));
					a.frameRate = frameRate(args[++i]);
				}
				else if (arg.startsWith("--")) {
					final int eq = arg.indexOf('=');
					final String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
					final Param p = Settings.param(name.replace('-', '_'));
					final String value;
					if (eq > 0) value = arg.substring(eq + 1);
					else if (p.kind() == Param.Kind.BOOLEAN && (i + 1 >= args.length || args[i + 1]
						.startsWith("-"))) value = "true";
					else if (i + 1 < args.length) value = args[++i];
					else throw new AnimeGanException(CliMessages.optionNeedsValue(arg));
					values.put(p.key(), value);
				}
				else if (arg.startsWith("-") && arg.length() > 1) {
					throw new AnimeGanException(CliMessages.unknownOption(arg));
				}
				else {
					a.inputNames.add(arg);
					a.inputs.add(Paths.get(arg));
				}
			}
			if (a.help) return a;
			a.settings = Settings.of(values);
			if (a.inputs.isEmpty()) throw new AnimeGanException(CliMessages.noInputs());
			if (a.output == null) throw new AnimeGanException(CliMessages.noOutput());
			return a;
		}
	}
}
