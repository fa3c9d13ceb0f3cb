package org.animegan.fiji.stylize;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * How much memory a run may use, and what it will need, so that a plane that would not fit is tiled
 * (native ONNX Runtime memory) or refused with a message (Java heap) instead of ending in an
 * OutOfMemoryError or the system killing ImageJ.
 */
public final class MemoryBudget {

	/**
	 * ONNX Runtime's peak memory per model-input pixel for AnimeGANv2 generators, measured as peak
	 * resident memory against input area (CLI, generator_nchw.onnx, our session options: 512x512 384 MB,
	 * 1024x1024 1186 MB, i.e. about 1 KB per pixel above a ~110 MB base), rounded up for safety.
	 */
	public static final long ORT_BYTES_PER_PIXEL = 1200;
	/** Share of the memory the system reports as available that one plane may take. */
	static final double NATIVE_SHARE = 0.5;
	/** Smallest tile chosen automatically. */
	static final int MIN_AUTO_TILE = 256;

	private MemoryBudget() {}

	/** Native memory the OS can give us now: MemAvailable on Linux, else free physical memory. */
	public static long availableNativeBytes() {
		try {
			for (final String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
				if (line.startsWith("MemAvailable:")) return Long.parseLong(line.substring(13).trim()
					.split("\\s+")[0]) << 10;
			}
		}
		catch (final IOException | RuntimeException e) {
			// not Linux
		}
		final java.lang.management.OperatingSystemMXBean os = ManagementFactory
			.getOperatingSystemMXBean();
		if (os instanceof com.sun.management.OperatingSystemMXBean) {
			return ((com.sun.management.OperatingSystemMXBean) os).getFreePhysicalMemorySize();
		}
		return Long.MAX_VALUE;
	}

	/** Heap the JVM can still give us: the maximum minus what is in use. */
	public static long availableHeapBytes() {
		final Runtime rt = Runtime.getRuntime();
		return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
	}

	/**
	 * The heap free for a need of {@code needed} bytes: if it looks short, garbage from earlier runs
	 * (which counts as used until collected) is collected first and the heap measured again.
	 */
	public static long freeHeapFor(final long needed) {
		final long available = availableHeapBytes();
		if (needed <= available) return available;
		System.gc();
		return availableHeapBytes();
	}

	/** True if ONNX Runtime may take this many bytes at once: within a plane's share of the memory. */
	public static boolean nativeFits(final long bytes) {
		return bytes <= availableNativeBytes() * NATIVE_SHARE;
	}

	/** Estimated peak ONNX Runtime memory for one model input of this size. */
	public static long nativeBytesFor(final long width, final long height) {
		return width * height * ORT_BYTES_PER_PIXEL;
	}

	/**
	 * The tile side to use for a model input of this size: the user's tile size if the image exceeds
	 * it, else a tile small enough for the available memory, or 0 for the whole image.
	 */
	public static int tileFor(final int width, final int height, final int userTile,
		final int stride, final long availableNative)
	{
		if (userTile > 0) {
			final int t = Math.max(stride, userTile / stride * stride);
			return Math.max(width, height) > t ? t : 0;
		}
		final long budget = (long) (availableNative * NATIVE_SHARE);
		if (nativeBytesFor(width, height) <= budget) return 0;
		final int side = (int) Math.sqrt((double) budget / ORT_BYTES_PER_PIXEL);
		return Math.max(MIN_AUTO_TILE, side / stride * stride);
	}

	/**
	 * The next tile side to try after the model could not allocate with tiles of side {@code tile}
	 * (0: the whole {@code width} x {@code height} input): half as large, rounded down to the stride,
	 * but not below {@link #MIN_AUTO_TILE}; 0 when there is nothing smaller left to try.
	 */
	public static int smallerTile(final int tile, final int width, final int height,
		final int stride)
	{
		final int side = tile > 0 ? Math.min(tile, Math.max(width, height)) : Math.max(width, height);
		if (side <= MIN_AUTO_TILE) return 0;
		final int min = (MIN_AUTO_TILE + stride - 1) / stride * stride;
		return Math.max(min, side / 2 / stride * stride);
	}

	/**
	 * True if {@code e} or one of its causes says memory could not be allocated: the Java heap
	 * (OutOfMemoryError), or ONNX Runtime (its arena's "Failed to allocate", C++'s bad_alloc, CUDA's
	 * "out of memory"). ONNX Runtime reports these only as text, so the text is what is checked.
	 */
	public static boolean isAllocationFailure(final Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof OutOfMemoryError) return true;
			final String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
			if (m.contains("failed to allocate") || m.contains("could not allocate") || m.contains(
				"unable to allocate") || m.contains("bad_alloc") || m.contains("bad allocation") || m
					.contains("out of memory")) return true;
		}
		return false;
	}

	/** Java heap one plane of this size needs while being stylized (float planes, 12 B per pixel). */
	public static long heapBytesPerPlane(final long width, final long height, final long modelWidth,
		final long modelHeight)
	{
		// input and result as floats at both sizes, plus the tiled accumulator
		return 12 * (2 * width * height + 3 * modelWidth * modelHeight);
	}
}
