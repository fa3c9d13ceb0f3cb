package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.animegan.fiji.Unavailable;
import org.animegan.fiji.face.FaceDetector;
import org.animegan.fiji.style.StyleFixtures;

/**
 * Where the artifacts of {@code mvn package} are, for the integration tests that run after it
 * (failsafe, {@code *IT}). The pom passes the folders as system properties; run from an IDE, the
 * working directory is the project folder and the defaults apply.
 */
final class Packaged {

	private Packaged() {}

	static Path basedir() {
		return Paths.get(System.getProperty("animegan.basedir", ".")).toAbsolutePath().normalize();
	}

	static Path target() {
		return Paths.get(System.getProperty("animegan.target", basedir().resolve("target").toString()))
			.toAbsolutePath().normalize();
	}

	static Path fijiPlugins() {
		return existing(target().resolve("fiji").resolve("plugins"));
	}

	static Path fijiJars() {
		return existing(target().resolve("fiji").resolve("jars"));
	}

	/** What plain ImageJ 1.x needs besides target/fiji/jars: an SLF4J binding. */
	static Path imagejJars() {
		return existing(target().resolve("imagej").resolve("jars"));
	}

	static Path cliJar() {
		return existing(target().resolve("animegan-cli.jar"));
	}

	static Path toolsJar() {
		return existing(target().resolve("animegan-tools.jar"));
	}

	static Path fixture(final String name) {
		return existing(basedir().resolve("src/test/resources/fixtures").resolve(name));
	}

	static Path macro(final String name) {
		return existing(basedir().resolve("macros").resolve(name));
	}

	/** The one jar in target/fiji/plugins. */
	static Path pluginJar() {
		final List<Path> jars = list(fijiPlugins());
		assertTrue(jars.size() == 1, "target/fiji/plugins should hold exactly one jar: " + jars);
		return jars.get(0);
	}

	/** ij.jar as resolved by Maven for this test run. */
	static Path ijJar() {
		return codeSource(ij.IJ.class);
	}

	/** target/test-classes, for helper mains such as {@link Ij1Launcher}. */
	static Path testClasses() {
		return codeSource(Packaged.class);
	}

	/** The java launcher of the JDK running the tests. */
	static Path java() {
		return Paths.get(System.getProperty("java.home"), "bin", "java");
	}

	static List<Path> list(final Path folder) {
		try (Stream<Path> s = Files.list(folder)) {
			return s.sorted().collect(Collectors.toList());
		}
		catch (final IOException e) {
			throw new AssertionError("Cannot list " + folder, e);
		}
	}

	/**
	 * The X display for plain ImageJ 1.x, which cannot run plugins headless. On CI (CI=true) a
	 * missing display is a failure, because .ci/run starts Xvfb; locally the test is skipped.
	 */
	static String display() {
		final String display = System.getenv("DISPLAY");
		if (display != null && !display.isBlank()) return display;
		return Unavailable.because("DISPLAY is not set: the ImageJ 1.x tests need an X server " +
			"(run them through .ci/run, which starts Xvfb, or set DISPLAY).");
	}

	/**
	 * The UltraFace RFB-640 detector in ../shared/models (see {@link StyleFixtures#findSharedModels()}).
	 * Absent, it fails on CI (CI=true), which provides it, and skips the test locally.
	 */
	static Path sharedDetector() {
		final Path shared = StyleFixtures.findSharedModels();
		if (shared == null) return Unavailable.because(StyleFixtures.SHARED_MISSING);
		return shared.resolve(FaceDetector.FILE_NAME);
	}

	private static Path codeSource(final Class<?> c) {
		try {
			return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Path existing(final Path p) {
		if (!Files.exists(p)) fail(p + " is missing; the integration tests run after `mvn package`.");
		return p;
	}
}
