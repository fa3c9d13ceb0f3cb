package org.animegan.fiji.model.precision;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.RuntimeOptions.Precision;
import org.animegan.fiji.engine.DirectBuffers;
import org.animegan.fiji.engine.OnnxModelCheck;
import org.animegan.fiji.engine.Sessions;
import org.animegan.fiji.model.download.Checksums;
import org.animegan.fiji.model.download.Downloader;

/**
 * The one place where {@code precision} picks the model bytes a generator runs: the file itself for
 * fp32, otherwise its int8 or fp16 copy, made once and kept next to the model as
 * {@code <file>.<precision>-<12 hex of the model's SHA-256>} (not {@code .onnx}, so that it is
 * never listed as a model of its own). A changed model gets a new copy and the old one is deleted.
 */
public final class PrecisionCopies {

	private PrecisionCopies() {}

	/**
	 * The file to open for a generator {@code file} at the options' precision, making the copy first
	 * if there is none.
	 *
	 * @throws AnimeGanException for fp16 on the CPU, or when the copy cannot be made or written
	 */
	public static Path forRuntime(final Path file, final RuntimeOptions runtime)
		throws AnimeGanException
	{
		if (runtime.precision() == Precision.FP32) return file;
		if (runtime.precision() == Precision.FP16 && !Sessions.mayUseGpu(runtime))
			throw new AnimeGanException(PrecisionMessages.fp16OnCpu());
		return ensure(file, runtime.precision(), runtime.threads());
	}

	/**
	 * The copy of {@code file} at {@code precision}, made if missing, whatever the device: the path by
	 * which the tools and tests run an fp16 copy through the CPU provider to check it. No parameter
	 * reaches it.
	 */
	public static Path ensure(final Path file, final Precision precision, final int threads)
		throws AnimeGanException
	{
		if (precision == Precision.FP32) return file;
		final ByteBuffer bytes = OnnxModelCheck.read(file);
		try {
			final MessageDigest md = Checksums.sha256();
			md.update(bytes.duplicate());
			final Path copy = copyFor(file, precision, Checksums.hex(md.digest()));
			if (Files.isRegularFile(copy)) return copy;
			final String name = file.getFileName().toString();
			final ModelProto model = parse(bytes);
			write(precision == Precision.INT8 ? Int8Quantizer.quantize(model, name, threads)
				: Fp16Converter.convert(model, name), copy);
			deleteOlderCopies(file, precision, copy);
			return copy;
		}
		finally {
			DirectBuffers.free(bytes);
		}
	}

	/** Where the copy of a model with this SHA-256 goes. */
	public static Path copyFor(final Path file, final Precision precision, final String sha256) {
		return file.toAbsolutePath().resolveSibling(prefix(file, precision) + sha256.substring(0, 12));
	}

	private static String prefix(final Path file, final Precision precision) {
		return file.getFileName() + "." + precision.name().toLowerCase(Locale.ROOT) + "-";
	}

	/** The model's bytes, already checked like any model's (no data from outside the file). */
	private static ModelProto parse(final ByteBuffer bytes) throws AnimeGanException {
		try {
			final CodedInputStream in = CodedInputStream.newInstance(bytes.duplicate());
			in.setSizeLimit(Integer.MAX_VALUE);
			return ModelProto.parseFrom(in);
		}
		catch (final IOException e) {
			throw new AnimeGanException(PrecisionMessages.calibrationFailed(String.valueOf(e
				.getMessage())), e);
		}
	}

	/** Written beside the target and moved into place when complete: never a half-written copy. */
	private static void write(final ModelProto model, final Path copy) throws AnimeGanException {
		Path part = null;
		try {
			part = Downloader.newPart(copy.getParent(), copy.getFileName().toString());
			try (OutputStream out = Files.newOutputStream(part)) {
				model.writeTo(out);
			}
			try {
				Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(part, copy, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (final IOException e) {
			throw new AnimeGanException(PrecisionMessages.cannotWriteCopy(copy,
				e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage())),
				e);
		}
		finally {
			if (part != null) {
				try {
					Files.deleteIfExists(part);
				}
				catch (final IOException ignored) {
					// A .part file is never taken for a model.
				}
			}
		}
	}

	/** Copies of an earlier state of the model: nothing will read them again. */
	private static void deleteOlderCopies(final Path file, final Precision precision,
		final Path keep)
	{
		final String prefix = prefix(file, precision);
		try (DirectoryStream<Path> siblings = Files.newDirectoryStream(keep.getParent(), p -> p
			.getFileName().toString().startsWith(prefix) && p.getFileName().toString().length() == prefix
				.length() + 12))
		{
			for (final Path p : siblings)
				if (!p.equals(keep)) Files.deleteIfExists(p);
		}
		catch (final IOException e) {
			// Only disk space; the current copy is in place.
		}
	}
}
