package org.animegan.fiji.engine;

import java.nio.file.Path;

/** The sentences about ONNX Runtime's native libraries that a user may see. */
final class NativeMessages {

	private NativeMessages() {}

	static String unsafeCache(final Path folder) {
		return "The native-library cache " + folder +
			" is not used because other users could change it (it must belong to you and be writable by you alone, e.g. chmod go-w), so ONNX Runtime extracts its libraries afresh this time.";
	}
}
