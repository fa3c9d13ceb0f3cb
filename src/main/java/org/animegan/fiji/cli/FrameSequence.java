package org.animegan.fiji.cli;

import ij.ImagePlus;
import ij.ImageStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.files.FileMessages;
import org.animegan.fiji.files.ImageFiles;
import org.animegan.fiji.files.NoOverwrite;
import org.animegan.fiji.image.ImageHeader;

/**
 * A folder of numbered frames read as one stack (frames on the T axis, in the order of their
 * numbers: 10 after 9), and a stack written as numbered PNGs. Every frame's header is read and the
 * whole sequence checked against the memory budget before any frame is decoded.
 */
final class FrameSequence {

	/** The last run of digits in a file's name, without its extension. */
	private static final Pattern NUMBER = Pattern.compile("(\\d{1,18})\\D*$");

	private FrameSequence() {}

	/** The image files directly in the folder, in the order of their frame numbers. */
	static List<Path> frames(final Path folder) throws AnimeGanException {
		final List<Path> files = new ArrayList<>();
		try (Stream<Path> list = Files.list(folder)) {
			list.filter(Files::isRegularFile).filter(AnimeGanCli::hasImageExtension).filter(
				p -> !AnimeGanCli.baseName(p).isEmpty()).forEach(files::add);
		}
		catch (final IOException e) {
			throw new AnimeGanException(CliMessages.folderUnreadable(folder), e);
		}
		if (files.isEmpty()) throw new AnimeGanException(CliMessages.noImageFiles());
		final List<long[]> numbered = new ArrayList<>();
		for (int i = 0; i < files.size(); i++) {
			final Matcher m = NUMBER.matcher(AnimeGanCli.baseName(files.get(i)));
			if (!m.find()) throw new AnimeGanException(FileMessages.noFrameNumber(files.get(i)));
			numbered.add(new long[] { Long.parseLong(m.group(1)), i });
		}
		numbered.sort(Comparator.comparingLong(n -> n[0]));
		final List<Path> sorted = new ArrayList<>(files.size());
		for (int i = 0; i < numbered.size(); i++) {
			if (i > 0 && numbered.get(i)[0] == numbered.get(i - 1)[0]) {
				throw new AnimeGanException(FileMessages.sameFrameNumber(files.get((int) numbered.get(
					i - 1)[1]), files.get((int) numbered.get(i)[1])));
			}
			sorted.add(files.get((int) numbered.get(i)[1]));
		}
		return sorted;
	}

	/**
	 * Reads the folder's frames as one stack, refusing the whole sequence if a frame has another
	 * size or kind, or cannot be read.
	 */
	static ImagePlus read(final Path folder, final ImageFiles.HeapNeed need,
		final Consumer<String> warnings) throws AnimeGanException
	{
		final List<Path> frames = frames(folder);
		long w = 0, h = 0, decoded = 0;
		for (final Path f : frames) {
			final Optional<ImageHeader> header;
			try {
				header = ImageHeader.read(f);
			}
			catch (final IOException e) {
				throw new AnimeGanException(FileMessages.frameUnreadable(f, FileMessages
					.notReadableImage()), e);
			}
			if (header.isEmpty() || header.get().pages != 1) throw new AnimeGanException(FileMessages
				.frameNotAnImage(f));
			final ImageHeader fh = header.get();
			if (w == 0) {
				w = fh.width;
				h = fh.height;
			}
			else if (fh.width != w || fh.height != h) throw new AnimeGanException(FileMessages
				.frameSizeDiffers(f, fh.width, fh.height, w, h));
			decoded = Math.max(decoded + fh.decodedBytes, decoded); // saturates rather than wraps
		}
		ImageFiles.checkBudget(w, h, frames.size(), decoded, need);
		ImageStack stack = null;
		int type = -1;
		for (final Path f : frames) {
			final ImagePlus frame;
			try {
				frame = ImageFiles.read(f, (fw, fh, planes) -> 0, warnings);
			}
			catch (final AnimeGanException e) {
				throw new AnimeGanException(FileMessages.frameUnreadable(f, e.getMessage()), e);
			}
			if (stack == null) {
				stack = new ImageStack(frame.getWidth(), frame.getHeight());
				type = frame.getType();
			}
			if (frame.getType() != type || frame.getStackSize() != 1) throw new AnimeGanException(
				FileMessages.frameTypeDiffers(f));
			stack.addSlice(f.getFileName().toString(), frame.getProcessor());
		}
		final ImagePlus imp = new ImagePlus(folder.getFileName().toString(), stack);
		imp.setDimensions(1, 1, stack.getSize());
		return imp;
	}

	/**
	 * Writes every plane of the image as {@code 00001.png}, {@code 00002.png} ... into the folder
	 * (more digits past 99,999 frames), each through a temporary file.
	 */
	static void write(final ImagePlus imp, final Path folder, final NoOverwrite protect)
		throws AnimeGanException
	{
		try {
			Files.createDirectories(folder);
		}
		catch (final IOException e) {
			throw new AnimeGanException(CliMessages.cannotCreateOutputFolder(folder), e);
		}
		final ImageStack stack = imp.getStack();
		final int n = stack.getSize();
		final String format = "%0" + Math.max(5, String.valueOf(n).length()) + "d.png";
		for (int i = 1; i <= n; i++) {
			final Path target = folder.resolve(String.format(Locale.ROOT, format, i));
			if (protect.protects(target)) throw new AnimeGanException(CliMessages.wouldOverwrite(
				target));
			final ImagePlus plane = new ImagePlus(target.getFileName().toString(), stack.getProcessor(
				i));
			ImageFiles.write(plane, target, false);
			protect.add(target);
		}
	}
}
