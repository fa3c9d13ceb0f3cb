package org.animegan.fiji.model.pt;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;

/**
 * Turns an AnimeGANv2 PyTorch checkpoint into an ONNX model saved next to it ({@code x.pt} gives
 * {@code x.onnx}). The conversion runs once; the ONNX file is reused until the checkpoint is newer.
 */
public final class PtConverter {

	private static final SecureRandom RANDOM = new SecureRandom();

	private PtConverter() {}

	public static boolean isCheckpoint(final Path file) {
		final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return n.endsWith(".pt") || n.endsWith(".pth");
	}

	/** Where the converted model of a checkpoint goes. */
	public static Path onnxFor(final Path pt) {
		final String n = pt.getFileName().toString();
		return pt.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".onnx");
	}

	/**
	 * The ONNX model for a checkpoint, converting it first if there is none or the .pt is newer.
	 *
	 * @throws CancelledException when the progress reports a cancel; nothing is written then
	 */
	public static Path ensureOnnx(final Path pt, final Progress progress) throws AnimeGanException {
		final Path onnx = onnxFor(pt);
		try {
			if (Files.isRegularFile(onnx) && Files.getLastModifiedTime(onnx).compareTo(Files
				.getLastModifiedTime(pt)) >= 0) return onnx;
		}
		catch (final IOException e) {
			// Unreadable times: convert again, which reports any real problem.
		}
		progress.log(PtMessages.converting(pt, onnx));
		final OnnxMl.ModelProto model = convert(pt, progress);
		if (progress.isCancelled()) throw new CancelledException();
		write(model, onnx, progress);
		try {
			// A checkpoint dated in the future (copied from another clock) must not reconvert forever.
			final FileTime ptTime = Files.getLastModifiedTime(pt);
			if (Files.getLastModifiedTime(onnx).compareTo(ptTime) < 0) Files.setLastModifiedTime(onnx,
				ptTime);
		}
		catch (final IOException e) {
			// Only costs a second conversion next time.
		}
		return onnx;
	}

	/** Reads, checks and converts; nothing is written. */
	public static OnnxMl.ModelProto convert(final Path pt) throws AnimeGanException {
		return convert(pt, Progress.NONE);
	}

	private static OnnxMl.ModelProto convert(final Path pt, final Progress progress)
		throws AnimeGanException
	{
		return AnimeGan2Onnx.convert(TorchCheckpoint.read(pt, progress), pt.getFileName().toString());
	}

	/**
	 * Writes to a temporary file in the same folder and moves it into place when complete, so that
	 * a failed, cancelled or killed conversion never leaves a model behind. The file is created with
	 * the user's umask (not createTempFile's 0600): a shared models folder stays readable by others.
	 */
	static void write(final OnnxMl.ModelProto model, final Path onnx, final Progress progress)
		throws AnimeGanException
	{
		Path tmp = null;
		try {
			tmp = onnx.toAbsolutePath().resolveSibling(onnx.getFileName() + "." + Long.toHexString(
				RANDOM.nextLong() >>> 1) + ".part");
			try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE))
			{
				model.writeTo(out);
			}
			if (progress.isCancelled()) throw new CancelledException();
			try {
				Files.move(tmp, onnx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, onnx, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException e) {
			throw new AnimeGanException(PtMessages.cannotWriteConverted(onnx, e instanceof AccessDeniedException
				? "permission denied" : String.valueOf(e.getMessage())), e);
		}
		finally {
			if (tmp != null) {
				try {
					Files.deleteIfExists(tmp);
				}
				catch (final IOException ignored) {
					// Best effort; the .part name never looks like a model.
				}
			}
		}
	}
}
