package org.animegan.fiji.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native-library cache: a library that differs from the jar's entry (same size and other
 * bytes, cut short, loose permissions) is extracted again, and a folder that others can change is
 * not used. The small JNI library stands in for both.
 */
class NativeLibrariesTest {

	@TempDir
	Path tmp;

	private String platform;
	private URL jni;
	private byte[] expected;

	@BeforeEach
	void jarEntry() throws Exception {
		platform = NativeLibraries.platform();
		assumeTrue(platform != null, "no ONNX Runtime libraries for this platform");
		jni = NativeLibraries.library(platform, "onnxruntime4j_jni");
		assertNotNull(jni);
		try (InputStream in = jni.openStream()) {
			expected = in.readAllBytes();
		}
	}

	@Test
	void extractsOnceThenKeepsAMatchingLibrary() throws Exception {
		final Path lib = tmp.resolve("lib.so");
		NativeLibraries.ensure(jni, lib);
		assertArrayEquals(expected, Files.readAllBytes(lib));
		final FileTime old = FileTime.fromMillis(1000000000000L);
		Files.setLastModifiedTime(lib, old);
		NativeLibraries.ensure(jni, lib);
		assertEquals(old, Files.getLastModifiedTime(lib), "a matching library was extracted again");
	}

	@Test
	void aCorruptedLibraryOfTheSameSizeIsRepaired() throws Exception {
		final Path lib = tmp.resolve("lib.so");
		NativeLibraries.ensure(jni, lib);
		final byte[] corrupt = expected.clone();
		for (int i = 0; i < corrupt.length; i += 4096)
			corrupt[i] ^= 0x5a;
		Files.write(lib, corrupt);
		assertEquals(expected.length, Files.size(lib));
		NativeLibraries.ensure(jni, lib);
		assertArrayEquals(expected, Files.readAllBytes(lib));
		assertEquals(0, leftovers(), "temporary files left behind");
	}

	@Test
	void aCutShortOrZeroedLibraryIsReplaced() throws Exception {
		final Path lib = tmp.resolve("lib.so");
		Files.write(lib, java.util.Arrays.copyOf(expected, expected.length / 2));
		NativeLibraries.ensure(jni, lib);
		assertArrayEquals(expected, Files.readAllBytes(lib));
		Files.write(lib, new byte[expected.length]); // what the old size-only check trusted
		NativeLibraries.ensure(jni, lib);
		assertArrayEquals(expected, Files.readAllBytes(lib));
	}

	@Test
	void aLibraryOthersCanWriteIsReplacedByAPrivateOne() throws Exception {
		final Path lib = tmp.resolve("lib.so");
		NativeLibraries.ensure(jni, lib);
		assumeTrue(posix(lib));
		Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-rw-rw-"));
		NativeLibraries.ensure(jni, lib);
		final Set<PosixFilePermission> p = Files.getPosixFilePermissions(lib);
		assertFalse(p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(
			PosixFilePermission.OTHERS_WRITE), p.toString());
	}

	@Test
	void freshCacheFoldersArePrivateAndUsed() throws Exception {
		final Path dir = tmp.resolve("native").resolve("onnxruntime-test");
		assertTrue(NativeLibraries.prepare(dir, platform));
		assertArrayEquals(expected, Files.readAllBytes(dir.resolve(System.mapLibraryName(
			"onnxruntime4j_jni"))));
		assumeTrue(posix(dir));
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
		assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir
			.getParent())));
	}

	@Test
	void aFolderOthersCanWriteIsRefusedWithANotice() throws Exception {
		assumeTrue(posix(tmp));
		for (final String mode : new String[] { "rwxrwxr-x", "rwxr-xrwx" }) {
			final Path dir = Files.createDirectories(tmp.resolve(mode).resolve("onnxruntime-test"));
			Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx------"));
			Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
			NativeLibraries.takeNotice();
			assertFalse(NativeLibraries.prepare(dir, platform), mode);
			final String notice = NativeLibraries.takeNotice();
			assertNotNull(notice, mode);
			assertTrue(notice.contains(dir.toString()) && notice.contains("other users"), notice);
			assertNull(NativeLibraries.takeNotice(), "the notice is shown once");
			try (var files = Files.list(dir)) {
				assertEquals(0, files.count(), "something was written into a refused folder");
			}
		}
		// The folder above counts too.
		final Path dir = Files.createDirectories(tmp.resolve("open").resolve("onnxruntime-test"));
		Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
		assertFalse(NativeLibraries.prepare(dir, platform));
		assertTrue(NativeLibraries.takeNotice().contains(dir.getParent().toString()));
	}

	@Test
	void aLinkedOrForeignFolderIsRefused() throws Exception {
		assumeTrue(posix(tmp));
		final Path real = Files.createDirectories(tmp.resolve("real"));
		final Path parent = Files.createDirectories(tmp.resolve("p"));
		Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx------"));
		final Path link = Files.createSymbolicLink(parent.resolve("onnxruntime-test"), real);
		assertFalse(NativeLibraries.prepare(link, platform));
		assertNotNull(NativeLibraries.takeNotice());
		// Another owner: only root can make one here.
		assumeTrue("root".equals(System.getProperty("user.name")), "not root: cannot chown");
		final Path foreign = Files.createDirectories(parent.resolve("foreign"));
		final UserPrincipal nobody = foreign.getFileSystem().getUserPrincipalLookupService()
			.lookupPrincipalByName("nobody");
		Files.setOwner(foreign, nobody);
		assertFalse(NativeLibraries.prepare(foreign, platform));
		assertTrue(NativeLibraries.takeNotice().contains(foreign.toString()));
	}

	@Test
	void onnxRuntimeLeavesNoTemporaryFolderOnceLoaded() throws Exception {
		DjlRuntime.engine();
		final Path folder = NativeLibraries.ortTempFolder();
		// Null would mean this ORT keeps no such field: the workaround would then do nothing.
		assertNotNull(folder, "ONNX Runtime's temporary folder field was not found");
		assertFalse(Files.exists(folder, LinkOption.NOFOLLOW_LINKS), folder + " still exists");
	}

	private static boolean posix(final Path p) {
		return p.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private long leftovers() throws Exception {
		try (var files = Files.list(tmp)) {
			return files.filter(f -> f.getFileName().toString().endsWith(".part")).count();
		}
	}
}
