package org.animegan.fiji.model.pt;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.core.Messages;
import org.animegan.fiji.core.Progress;
import org.animegan.fiji.model.download.Downloader;

/**
 * Turns an AnimeGANv2 PyTorch checkpoint into an ONNX model saved next to it ({@code x.pt} gives
 * {@code x.onnx}). The conversion runs once; the ONNX file is reused until the checkpoint is newer.
 */
public final class PtConverter {

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

	/** The ONNX model for a checkpoint, converting it first if there is none or the .pt is newer. */
	public static Path ensureOnnx(final Path pt, final Progress progress) throws AnimeGanException {
		final Path onnx = onnxFor(pt);
		try {
			if (Files.isRegularFile(onnx) && Files.getLastModifiedTime(onnx).compareTo(Files
				.getLastModifiedTime(pt)) >= 0) return onnx;
		}
		catch (final IOException e) {
			// Unreadable times: convert again, which reports any real problem.
		}
		progress.log(Messages.converting(pt, onnx));
		write(convert(pt), onnx);
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
		final String name = pt.getFileName().toString();
		final Map<String, TorchTensor> tensors = TorchCheckpoint.read(pt);
		return AnimeGan2Onnx.convert(tensors, name);
	}

	/** Writes to a temporary file in the same folder and moves it into place when complete. */
	static void write(final OnnxMl.ModelProto model, final Path onnx) throws AnimeGanException {
		Path tmp = null;
		try {
			// Not createTempFile (0600): others may share the models folder.
			tmp = Downloader.newPart(onnx.toAbsolutePath().getParent(), onnx.getFileName().toString());
			try (OutputStream out = Files.newOutputStream(tmp)) {
				model.writeTo(out);
			}
			try {
				Files.move(tmp, onnx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, onnx, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException e) {
			throw new AnimeGanException(Messages.cannotWriteConverted(onnx, e.toString()), e);
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
