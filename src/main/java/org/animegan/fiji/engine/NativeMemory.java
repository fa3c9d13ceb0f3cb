package org.animegan.fiji.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.util.Locale;

/**
 * Optionally keeps ONNX Runtime's activation memory from piling up in glibc's heap. ORT allocates and frees
 * large activation blocks layer by layer; glibc raises its mmap threshold after the first large free,
 * so later blocks come from the heap, fragment it and are never returned. Fixing the threshold with
 * {@code mallopt(M_MMAP_THRESHOLD)} makes every large block a separate mapping that is unmapped on
 * free (measured on a 512x512 image: 605 MB peak resident memory without, 374 MB with; same as setting
 * MALLOC_MMAP_THRESHOLD_=131072). The price is that every run faults its activation memory in afresh:
 * 100 frames of 128x128 took 25 s instead of 11 s (20 s of it in the kernel). So it is used where one
 * plane is processed once: sessions in the low-memory mode ({@link Sessions}), as the command line
 * uses for a single photo, where there is no reuse to lose. Linux with glibc only; elsewhere, or if
 * JNA fails, nothing happens.
 */
public final class NativeMemory {

	/** glibc's M_MMAP_THRESHOLD option of mallopt. */
	private static final int M_MMAP_THRESHOLD = -3;
	private static final int THRESHOLD = 128 * 1024;

	private static Boolean applied;

	private NativeMemory() {}

	/** Applies the threshold once per process; returns whether malloc now uses it. */
	public static synchronized boolean limitFragmentation() {
		if (applied != null) return applied;
		applied = false;
		final int threshold = THRESHOLD;
		if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains(
			"linux")) return false;
		try {
			final CLib c = Native.load("c", CLib.class);
			applied = c.mallopt(M_MMAP_THRESHOLD, threshold) == 1;
		}
		catch (final LinkageError | RuntimeException e) {
			// musl or no JNA: the default allocator behaviour is slower to release memory, not wrong.
		}
		return applied;
	}

	/** The C library function we need. */
	public interface CLib extends Library {

		int mallopt(int param, int value);
	}
}
