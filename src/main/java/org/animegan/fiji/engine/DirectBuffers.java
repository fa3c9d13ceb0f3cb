package org.animegan.fiji.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer as soon as ONNX Runtime is done with it. Otherwise its native memory stays
 * until the garbage collector happens to collect the small Java object that owns it, which with a
 * large heap can be many images later: native memory then grows with every plane of a stack.
 * Uses {@code sun.misc.Unsafe.invokeCleaner} (jdk.unsupported, Java 9+); where that is missing the
 * buffer is simply left to the collector.
 */
public final class DirectBuffers {

	private static final Object UNSAFE;
	private static final Method INVOKE_CLEANER;

	static {
		Object unsafe = null;
		Method m = null;
		try {
			final Class<?> c = Class.forName("sun.misc.Unsafe");
			final Field f = c.getDeclaredField("theUnsafe");
			f.setAccessible(true);
			unsafe = f.get(null);
			m = c.getMethod("invokeCleaner", ByteBuffer.class);
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			unsafe = null;
			m = null;
		}
		UNSAFE = unsafe;
		INVOKE_CLEANER = m;
	}

	private DirectBuffers() {}

	/** Releases the buffer's memory now; it must not be used afterwards. */
	public static void free(final ByteBuffer buffer) {
		if (buffer == null || !buffer.isDirect() || INVOKE_CLEANER == null) return;
		try {
			INVOKE_CLEANER.invoke(UNSAFE, buffer);
		}
		catch (final ReflectiveOperationException | RuntimeException e) {
			// a slice or duplicate, or a JVM that refuses: the collector frees it later
		}
	}
}
