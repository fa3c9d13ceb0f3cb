package org.animegan.fiji.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * ONNX Runtime's Java binding extracts its two native libraries (about 20 MB) to a fresh temporary
 * folder on every start. It skips that when the system property {@code onnxruntime.native.path}
 * names a folder holding them (checked in ORT 1.21.1's {@code OnnxRuntime.load}), so we extract them
 * once into a per-user cache folder keyed by ORT version and platform, and set the property before
 * ONNX Runtime is first loaded.
 * <p>
 * The cache is code that every start runs, so it is trusted only as far as it is checked. Its
 * folders and files must belong to the user and be writable by no one else: anyone else who could
 * write there could swap a library after any check, so that is the defence against tampering, and an
 * unsafe folder is left alone with one notice. Each library must match the jar's own entry, size and
 * CRC-32 as the jar's directory records them, which catches any corruption (a damaged or cut-short
 * file); a mismatch is extracted again (temporary file in the same folder, then a move). The CRC costs
 * about 10 ms a start where a SHA-256 of the 20 MB library costs about 200 ms in a fresh JVM. Any
 * problem leaves the property unset: ORT then does what it always does.
 */
public final class NativeLibraries {

	static final String PROPERTY = "onnxruntime.native.path";
	private static final String[] LIBRARIES = { "onnxruntime", "onnxruntime4j_jni" };
	private static final String POM =
		"META-INF/maven/com.microsoft.onnxruntime/onnxruntime/pom.xml";
	private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString(
		"rwx------");

	/** A line for the Log, once: why the cache was not used. */
	private static String notice;

	private NativeLibraries() {}

	/**
	 * Points ONNX Runtime at the cached libraries, extracting them first if needed. Does nothing if
	 * the property is already set or this platform's libraries are not on the class path.
	 *
	 * @return the folder used, or null if ONNX Runtime is left to extract as usual
	 */
	public static synchronized Path useCache() {
		if (System.getProperty(PROPERTY) != null) return null;
		final String name = folderName();
		if (name == null) return null;
		final Path dir = cacheRoot().resolve(name);
		if (!prepare(dir, platform())) return null;
		System.setProperty(PROPERTY, dir.toString());
		return dir;
	}

	/**
	 * The cache folder's name for this ONNX Runtime and platform, {@code onnxruntime-1.21.1-linux-x64}
	 * say, or null where there is no cache: an unknown platform, or an unknown version (the cache could
	 * then hand an old library to a new jar).
	 */
	public static String folderName() {
		final String platform = platform();
		final String version = ortVersion();
		return platform == null || "unknown".equals(version) ? null : "onnxruntime-" + version + "-" +
			platform;
	}

	/** Fills and checks {@code dir}; true if ONNX Runtime can load the libraries from there. */
	static synchronized boolean prepare(final Path dir, final String platform) {
		try {
			final URL[] urls = new URL[LIBRARIES.length];
			for (int i = 0; i < urls.length; i++) {
				urls[i] = library(platform, LIBRARIES[i]);
				if (urls[i] == null) return false;
			}
			createPrivateFolders(dir);
			// The folder that holds the libraries and the one above it are ours (created 0700 above):
			// anyone else who could write there could swap a library between our check and the load.
			for (final Path folder : new Path[] { dir.getParent(), dir }) {
				if (!isPrivate(folder)) {
					notice = EngineMessages.unsafeCache(folder);
					return false;
				}
			}
			for (int i = 0; i < urls.length; i++)
				ensure(urls[i], dir.resolve(System.mapLibraryName(LIBRARIES[i])));
			return true;
		}
		catch (final IOException | RuntimeException e) {
			return false; // read-only home, full disk...: ORT's own temporary extraction still works
		}
	}

	/** The jar entry of one of ORT's libraries for {@code platform}, or null. */
	static URL library(final String platform, final String name) {
		return NativeLibraries.class.getClassLoader().getResource("ai/onnxruntime/native/" +
			platform + "/" + System.mapLibraryName(name));
	}

	/** The notice about the cache, if there is one not yet shown; null otherwise. */
	public static synchronized String takeNotice() {
		final String n = notice;
		notice = null;
		return n;
	}

	/**
	 * Makes {@code target} an exact copy of the jar entry at {@code url}: kept if it matches, extracted
	 * again if not.
	 */
	static void ensure(final URL url, final Path target) throws IOException {
		final Entry entry = Entry.of(url);
		if (!matches(entry, target)) extract(url, entry, target);
	}

	/** True if {@code target} is private and has the entry's size and CRC-32. */
	static boolean matches(final Entry entry, final Path target) {
		try {
			if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || !isPrivate(target) || Files
				.size(target) != entry.size) return false;
			try (InputStream in = Files.newInputStream(target)) {
				return crc(in) == entry.crc;
			}
		}
		catch (final IOException | RuntimeException e) {
			return false;
		}
	}

	/** Copies the entry to a temporary file beside {@code target}, checks it, then moves it there. */
	static void extract(final URL url, final Entry entry, final Path target) throws IOException {
		// createTempFile makes it readable and writable by the user alone.
		final Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(),
			".part");
		try {
			try (InputStream in = url.openStream()) {
				Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
			}
			if (!matches(entry, tmp)) throw new IOException("The jar entry does not match itself: " +
				url);
			move(tmp, target);
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static void move(final Path from, final Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (final AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Creates the missing folders of {@code dir} readable by the user only (umask cannot add). */
	private static void createPrivateFolders(final Path dir) throws IOException {
		if (Files.isDirectory(dir)) return;
		final Path parent = dir.getParent();
		if (parent != null) createPrivateFolders(parent);
		if (Files.isDirectory(dir)) return;
		if (Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null) {
			Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
		}
		else {
			Files.createDirectory(dir);
		}
	}

	/**
	 * True if only the current user can change {@code path}: not a link, owned by the user, no write
	 * permission for group or others. Without POSIX permissions (Windows) the user profile's own
	 * access rules apply and this is true.
	 */
	static boolean isPrivate(final Path path) throws IOException {
		if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) return true;
		final PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class,
			LinkOption.NOFOLLOW_LINKS);
		if (a.isSymbolicLink()) return false;
		final Set<PosixFilePermission> p = a.permissions();
		if (p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(
			PosixFilePermission.OTHERS_WRITE)) return false;
		return a.owner().equals(currentUser(path));
	}

	private static UserPrincipal currentUser(final Path anyPath) throws IOException {
		return anyPath.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System
			.getProperty("user.name"));
	}

	/**
	 * ORT 1.21.1's {@code OnnxRuntime.init} creates a temporary folder on every start, even when it
	 * loads the libraries from {@link #PROPERTY}, and only asks for it to be deleted at exit. When it
	 * extracted the libraries there, the exit hook tries the folder before the files in it, so an
	 * empty folder is left behind on every such start (and everything, if the run is killed). Called
	 * once ORT is loaded: deletes the libraries it extracted there (already loaded, so they are no
	 * longer needed on Linux and macOS; Windows refuses, and ORT's exit hook stays) and the folder.
	 */
	public static void removeOrtTempFolder() {
		final Path folder = ortTempFolder();
		if (folder == null || !folder.getFileName().toString().startsWith("onnxruntime-java")) return;
		// The GPU build extracts its CUDA provider there later, when a session asks for it.
		if (library(platform(), "onnxruntime_providers_cuda") != null) return;
		try {
			for (final String lib : LIBRARIES)
				Files.deleteIfExists(folder.resolve(System.mapLibraryName(lib)));
			Files.deleteIfExists(folder);
		}
		catch (final IOException | RuntimeException e) {
			// A library in use (Windows) or something else in there: ORT's exit hook is the fallback.
		}
	}

	/** The folder ORT created, read from its private field; null if this ORT has none. */
	static Path ortTempFolder() {
		try {
			final Field f = Class.forName("ai.onnxruntime.OnnxRuntime", false, NativeLibraries.class
				.getClassLoader()).getDeclaredField("tempDirectory");
			f.setAccessible(true);
			final Object value = f.get(null);
			return value instanceof Path ? (Path) value : null;
		}
		catch (final ReflectiveOperationException | RuntimeException | LinkageError e) {
			return null;
		}
	}

	static Path cacheRoot() {
		final String xdg = System.getenv("XDG_CACHE_HOME");
		final Path base = xdg != null && !xdg.isEmpty() ? Paths.get(xdg) : Paths.get(System
			.getProperty("user.home"), ".cache");
		return base.resolve("animegan").resolve("native").toAbsolutePath();
	}

	/** ORT's folder name for this platform, as in its jar, or null for one we do not handle. */
	public static String platform() {
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

	static long crc(final InputStream in) throws IOException {
		final CRC32 crc = new CRC32();
		final byte[] buffer = new byte[1 << 16];
		for (int n; (n = in.read(buffer)) > 0;)
			crc.update(buffer, 0, n);
		return crc.getValue();
	}

	/** A library's size and CRC-32 as the jar's directory gives them (read in full otherwise). */
	static final class Entry {

		final long size;
		final long crc;

		Entry(final long size, final long crc) {
			this.size = size;
			this.crc = crc;
		}

		static Entry of(final URL url) throws IOException {
			final URLConnection conn = url.openConnection();
			if (conn instanceof JarURLConnection) {
				final JarEntry e = ((JarURLConnection) conn).getJarEntry();
				if (e != null && e.getSize() >= 0 && e.getCrc() >= 0) return new Entry(e.getSize(), e
					.getCrc());
			}
			try (CheckedInputStream in = new CheckedInputStream(conn.getInputStream(), new CRC32())) {
				return new Entry(in.transferTo(OutputStream.nullOutputStream()), in.getChecksum()
					.getValue());
			}
		}
	}
}
