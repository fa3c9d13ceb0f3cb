package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.animegan.fiji.cli.AnimeGanCli;
import org.animegan.fiji.command.BatchFolderCommand;
import org.animegan.fiji.command.BatchFolderPlugIn;
import org.animegan.fiji.command.ModelsPlugIn;
import org.animegan.fiji.command.PhotoToAnime;
import org.animegan.fiji.command.PhotoToAnimePlugIn;
import org.junit.jupiter.api.Test;

/**
 * What {@code mvn package} puts in target/: a Fiji.app-like folder to copy into Fiji, and the
 * runnable command-line jar.
 */
class PackageLayoutIT {

	@Test
	void fijiJarsHoldTheRuntimeDependenciesButNotImageJ() {
		final List<String> jars = names(Packaged.fijiJars());
		// Fiji ships ij.jar and its own SLF4J binding; a second copy of either would clash.
		assertFalse(jars.stream().anyMatch(n -> n.matches("ij-.*\\.jar")), jars::toString);
		assertFalse(jars.stream().anyMatch(n -> n.startsWith("slf4j-nop")), jars::toString);
		// boofcv-*: temporal_smoothing=flow's optical flow.
		for (final String prefix : new String[] { "api-", "onnxruntime-engine-", "onnxruntime-",
			"scijava-common-", "boofcv-feature-", "boofcv-ip-", "boofcv-types-" })
		{
			assertTrue(jars.stream().anyMatch(n -> n.startsWith(prefix) && n.endsWith(".jar")), prefix +
				" in " + jars);
		}
		// EJML at the version Fiji ships (pom-scijava's ejml.version), not BoofCV's 0.43.1, so that
		// Fiji's jars/ does not get a second ejml-core (docs/temporal.md).
		assertTrue(jars.contains("ejml-core-0.41.jar"), jars::toString);
		// One version of each artifact.
		final Set<String> artifacts = new HashSet<>();
		for (final String n : jars)
			assertTrue(artifacts.add(n.replaceAll("-[0-9][^-]*\\.jar$", "")), "two versions: " + jars);
	}

	@Test
	void imagejJarsHoldOnlyTheSlf4jBindingPlainImageJLacks() {
		// Plain ImageJ has no SLF4J binding: without one, SLF4J prints warnings on every run.
		final List<String> jars = names(Packaged.imagejJars());
		assertEquals(1, jars.size(), jars::toString);
		final String version = jars.get(0).replaceFirst("^slf4j-nop-", "");
		assertTrue(jars.get(0).startsWith("slf4j-nop-"), jars::toString);
		assertTrue(names(Packaged.fijiJars()).contains("slf4j-api-" + version), "binding and API of one version: " + jars);
	}

	@Test
	void fijiPluginsHoldOurJarWithTheMenuEntry() throws IOException {
		final Path plugin = Packaged.pluginJar();
		// ImageJ 1.x reads plugins.config only from jars whose name contains an underscore.
		assertTrue(plugin.getFileName().toString().contains("_"), plugin.toString());
		try (JarFile jar = new JarFile(plugin.toFile())) {
			assertNotNull(jar.getEntry(PhotoToAnimePlugIn.class.getName().replace('.', '/') +
				".class"));
			final List<String> entries = configEntries(jar);
			assertEquals(3, entries.size(), entries::toString);
			final String index = read(jar, "META-INF/json/org.scijava.plugin.Plugin");
			// Menu path, ImageJ 1.x class, and the SciJava command that takes the item over in Fiji
			// (none for Models..., which Fiji shows as it is).
			final String[][] expected = { { PhotoToAnime.MENU_PATH, PhotoToAnimePlugIn.class.getName(),
				PhotoToAnime.class.getName() }, { BatchFolderCommand.MENU_PATH, BatchFolderPlugIn.class
					.getName(), BatchFolderCommand.class.getName() }, { "Plugins>AnimeGAN>Models...",
						ModelsPlugIn.class.getName(), null } };
			for (int i = 0; i < expected.length; i++) {
				final String[] parts = entries.get(i).split(",", 3);
				final String menu = parts[0].trim();
				final String label = parts[1].trim().replaceAll("^\"|\"$", "");
				assertEquals(expected[i][0], menu + ">" + label);
				assertEquals(expected[i][1], parts[2].trim());
				assertNotNull(jar.getEntry(expected[i][1].replace('.', '/') + ".class"));
				// The SciJava index Fiji reads: the command with the same menu path, which therefore
				// takes over the ImageJ 1.x item instead of adding a second one.
				if (expected[i][2] == null) {
					assertFalse(index.contains("\"menuPath\":\"" + expected[i][0] + "\""), index);
					continue;
				}
				assertTrue(index.contains("\"class\":\"" + expected[i][2] + "\""), index);
				assertTrue(index.contains("\"menuPath\":\"" + expected[i][0] + "\""), index);
			}
		}
	}

	@Test
	void cliJarRunsOnItsOwn() throws IOException {
		try (JarFile jar = new JarFile(Packaged.cliJar().toFile())) {
			assertEquals(AnimeGanCli.class.getName(), jar.getManifest().getMainAttributes().getValue(
				"Main-Class"));
			assertNotNull(jar.getEntry("ij/ImagePlus.class"), "ij is inside the CLI jar");
			assertNotNull(jar.getEntry("ai/onnxruntime/OrtSession.class"));
		}
	}

	@Test
	void measurementToolsShipOnlyInTheToolsJar() throws IOException {
		for (final Path product : List.of(Packaged.pluginJar(), Packaged.cliJar()))
			try (JarFile jar = new JarFile(product.toFile())) {
				final List<String> tools = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(
					"org/animegan/fiji/") && (n.startsWith(TOOLS) || n.matches(
						".*/(Benchmark|TileCheck|ReadmePictures)\\b.*"))).collect(Collectors.toList());
				assertEquals(List.of(), tools, product::toString);
			}
		try (JarFile jar = new JarFile(Packaged.toolsJar().toFile())) {
			assertEquals("org.animegan.fiji.tools.Tools", jar.getManifest().getMainAttributes().getValue(
				"Main-Class"));
			// Thin: the product comes from animegan-cli.jar next to it.
			assertEquals("animegan-cli.jar", jar.getManifest().getMainAttributes().getValue(
				"Class-Path"));
			final List<String> classes = jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(
				".class")).collect(Collectors.toList());
			assertTrue(classes.contains(TOOLS + "Benchmark.class"), classes::toString);
			assertTrue(classes.stream().allMatch(n -> n.startsWith(TOOLS)), classes::toString);
		}
	}

	private static final String TOOLS = "org/animegan/fiji/tools/";

	private static List<String> names(final Path folder) {
		return Packaged.list(folder).stream().map(p -> p.getFileName().toString()).collect(Collectors
			.toList());
	}

	/** The non-comment lines of plugins.config. */
	private static List<String> configEntries(final JarFile jar) throws IOException {
		final List<String> lines = new ArrayList<>();
		for (final String line : read(jar, "plugins.config").split("\\R")) {
			if (!line.isBlank() && !line.trim().startsWith("#")) lines.add(line.trim());
		}
		return lines;
	}

	private static String read(final JarFile jar, final String entry) throws IOException {
		assertNotNull(jar.getEntry(entry), entry + " in " + jar.getName());
		try (BufferedReader r = new BufferedReader(new InputStreamReader(jar.getInputStream(jar
			.getEntry(entry)), StandardCharsets.UTF_8)))
		{
			return r.lines().collect(Collectors.joining("\n"));
		}
	}
}
