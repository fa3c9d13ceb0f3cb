package org.animegan.fiji.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ONNX Runtime's Java binding extracts its two native libraries (about 20 MB) to a fresh temporary
 * folder on every start. It skips that when the system property {@code onnxruntime.native.path}
 * names a folder holding them (checked in ORT 1.21.1's {@code OnnxRuntime.load}), so we extract them
 * once into a per-user cache folder keyed by ORT version and platform, and set the property before
 * ONNX Runtime is first loaded. Any problem leaves the property unset: ORT then does what it always
 * does.
 */
public final class NativeLibraries {

	static final String PROPERTY = "onnxruntime.native.path";
	private static final String[] LIBRARIES = { "onnxruntime", "onnxruntime4j_jni" };
	private static final String POM =
		"META-INF/maven/com.microsoft.onnxruntime/onnxruntime/pom.xml";

	private NativeLibraries() {}

	/**
	 * Points ONNX Runtime at the cached libraries, extracting them first if needed. Does nothing if
	 * the property is already set or this platform's libraries are not on the class path.
	 *
	 * @return the folder used, or null if ONNX Runtime is left to extract as usual
	 */
	public static synchronized Path useCache() {
		if (System.getProperty(PROPERTY) != null) return null;
		final String platform = platform();
		final String version = ortVersion();
		// Without a version the cache could hand an old library to a new jar: let ORT extract.
		if (platform == null || "unknown".equals(version)) return null;
		final Path dir = cacheRoot().resolve("onnxruntime-" + version + "-" + platform);
		try {
			for (final String lib : LIBRARIES) {
				final String file = System.mapLibraryName(lib);
				final URL url = NativeLibraries.class.getClassLoader().getResource(
					"ai/onnxruntime/native/" + platform + "/" + file);
				if (url == null) return null;
				extract(url, dir.resolve(file));
			}
		}
		catch (final IOException | RuntimeException e) {
			return null; // read-only home, full disk...: ORT's own temporary extraction still works
		}
		System.setProperty(PROPERTY, dir.toString());
		return dir;
	}

	/** Copies the resource unless a file of the same size is already there; atomic via rename. */
	static void extract(final URL url, final Path target) throws IOException {
		final URLConnection conn = url.openConnection();
		final long size = conn.getContentLengthLong();
		if (size > 0 && Files.isRegularFile(target) && Files.size(target) == size) return;
		Files.createDirectories(target.getParent());
		final Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(),
			".part");
		try (InputStream in = conn.getInputStream()) {
			Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
			try {
				Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	static Path cacheRoot() {
		final String xdg = System.getenv("XDG_CACHE_HOME");
		final Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg) : Paths.get(System
			.getProperty("user.home"), ".cache");
		return base.resolve("animegan").resolve("native");
	}

	/** ORT's folder name for this platform, as in its jar, or null for one we do not handle. */
	static String platform() {
		final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		final String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals(
			"aarch64") ? "aarch64" : null;
		if (a == null) return null;
		if (os.contains("linux")) return "linux-" + a;
		if (os.contains("mac") || os.contains("darwin")) return "osx-" + a;
		if (os.contains("win")) return "win-" + a;
		return null;
	}

	/** The ORT version from its jar's Maven metadata (kept by the shaded CLI jar), else "unknown". */
	static String ortVersion() {
		try (InputStream in = NativeLibraries.class.getClassLoader().getResourceAsStream(POM)) {
			if (in != null) {
				final String pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				// No parent in ORT's pom, so the first <version> after its artifactId is its own.
				final Matcher v = Pattern.compile(
					"<artifactId>onnxruntime</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
				if (v.find()) return v.group(1).trim();
			}
		}
		catch (final IOException e) {
			// fall through
		}
		return "unknown";
	}
}
