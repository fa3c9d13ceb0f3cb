package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.animegan.fiji.engine.NativeLibraries;

/**
 * Hostile cases of the area "native" (see {@link HostileCase}): ONNX Runtime's native-library cache
 * (in a cache folder of the case's own, through XDG_CACHE_HOME) and its temporary folder (the case's
 * own java.io.tmpdir, so that the count of {@code onnxruntime-java*} folders is the run's alone).
 */
public final class NativeCases {

	private static final String JNI = System.mapLibraryName("onnxruntime4j_jni");

	private NativeCases() {}

	public static List<HostileCase> cases() {
		return List.of(new HostileCase("native", "cached library corrupted, same size", 0, dir -> {
			final Path lib = Files.createDirectories(cacheFolder(dir)).resolve(JNI);
			private0700(dir);
			final byte[] good = jarEntry();
			final byte[] bad = good.clone();
			for (int i = 0; i < bad.length; i += 1024)
				bad[i] ^= 0x5a;
			Files.write(lib, bad);
			return run(dir).after(o -> {
				assertArrayEquals(good, Files.readAllBytes(lib), "the corrupted library was kept");
				assertEquals(1, ModelCases.written(dir.resolve("out")), o.output);
				assertEquals(0, ortTempFolders(dir), "onnxruntime-java* left in the temporary folder");
			});
		}), new HostileCase("native", "cache folder writable by group and others", 0, dir -> {
			final Path folder = Files.createDirectories(cacheFolder(dir));
			private0700(dir);
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
			return run(dir).after(o -> {
				assertTrue(o.output.contains("is not used because other users could change it"),
					o.output);
				try (Stream<Path> files = Files.list(folder)) {
					assertEquals(0, files.count(), "the refused folder was written to");
				}
				assertEquals(1, ModelCases.written(dir.resolve("out")), o.output);
				// ORT extracted to its temporary folder instead; none of it is left behind.
				assertEquals(0, ortTempFolders(dir), "onnxruntime-java* left in the temporary folder");
			});
		}), new HostileCase("native", "fresh cache: nothing left in the temporary folder", 0,
			dir -> run(dir).after(o -> {
				assertTrue(Files.isRegularFile(cacheFolder(dir).resolve(JNI)), o.output);
				assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
					cacheFolder(dir))));
				assertEquals(1, ModelCases.written(dir.resolve("out")), o.output);
				assertEquals(0, ortTempFolders(dir), "onnxruntime-java* left in the temporary folder");
			})));
	}

	/** The fixture photo through the tiny generator, with the case's own cache and temporary folder. */
	private static HostileCase.Run run(final Path dir) throws IOException {
		final Path tmp = Files.createDirectories(dir.resolve("tmp"));
		assertEquals(0, ortTempFolders(dir));
		final HostileCase.Run run = new HostileCase.Run().args("--model", HostileCase.fixture(
			"generator_v3_nhwc.onnx").toString(), "--threads", "2", "--input-size", "256", HostileCase
				.fixture("astronaut_128x96.png").toString(), "-o", "out").jvm("-Djava.io.tmpdir=" + tmp);
		run.env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
		return run;
	}

	private static Path cacheFolder(final Path dir) {
		final String name = NativeLibraries.folderName();
		assertNotNull(name, "no native-library cache on this platform");
		return dir.resolve("cache").resolve("animegan").resolve("native").resolve(name);
	}

	/** The cache's folders as the plugin makes them, so that only what the case changes differs. */
	private static void private0700(final Path dir) throws IOException {
		for (Path p = cacheFolder(dir); !p.equals(dir.resolve("cache")); p = p.getParent())
			Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
	}

	private static byte[] jarEntry() throws IOException {
		try (InputStream in = NativeCases.class.getClassLoader().getResourceAsStream(
			"ai/onnxruntime/native/" + NativeLibraries.platform() + "/" + JNI))
		{
			assertNotNull(in, "no ONNX Runtime library for this platform on the class path");
			return in.readAllBytes();
		}
	}

	private static long ortTempFolders(final Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir.resolve("tmp"))) {
			return files.filter(f -> f.getFileName().toString().startsWith("onnxruntime-java")).count();
		}
	}
}
