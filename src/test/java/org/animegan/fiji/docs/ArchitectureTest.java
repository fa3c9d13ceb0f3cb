package org.animegan.fiji.docs;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The package layers, from the bottom: imports only go downwards, and layers on one level do not
 * import each other. docs/development.md draws the same picture.
 */
class ArchitectureTest {

	/** Levels from the bottom; the layers of one level are independent of each other. */
	static final String[][] LEVELS = { //
		{ "api" }, // settings table and typed options, errors, progress
		{ "image" }, // image steps on float RGB planes
		{ "style", "engine", "flow" }, // style steps; ONNX Runtime sessions; optical flow
		{ "model.download" }, // downloads: limits, redirects, checksums, safe file names
		{ "model.catalog", "model.pt", "model.precision", "model.graph" }, // the catalog; .pt import; int8/fp16 copies; graph rewrites
		{ "model" }, // generators, model families, the model library and cache
		{ "stylize" }, // one plane through a generator: size policy, tiles, style steps
		{ "face" }, // face detection and face modes
		{ "pipeline" }, // a whole ImagePlus: planes, batches, progress, the summary
		{ "files" }, // reading image files within the memory budget, writing results atomically
		{ "batch" }, // a folder of image files through the pipeline, one row per file
		{ "command", "cli" }, // the SciJava command and ImageJ 1.x plugin; the command line
	};

	private static final String BASE = "org.animegan.fiji";

	private static final JavaClasses PRODUCT = new ClassFileImporter().withImportOption(
		ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

	@Test
	void importsOnlyGoDownTheLayers() {
		LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers();
		for (final String[] level : LEVELS)
			for (final String layer : level)
				rule = rule.layer(layer).definedBy(BASE + "." + layer);
		for (int i = 0; i < LEVELS.length; i++) {
			final List<String> above = new ArrayList<>();
			for (int j = i + 1; j < LEVELS.length; j++)
				above.addAll(Arrays.asList(LEVELS[j]));
			for (final String layer : LEVELS[i])
				rule = above.isEmpty() ? rule.whereLayer(layer).mayNotBeAccessedByAnyLayer() : rule
					.whereLayer(layer).mayOnlyBeAccessedByLayers(above.toArray(new String[0]));
		}
		rule.check(PRODUCT);
	}

	@Test
	void noPackageCycles() {
		slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(PRODUCT);
	}

	/** A new package must be given its place in {@link #LEVELS}. */
	@Test
	void everyPackageHasALayer() {
		final Set<String> known = new TreeSet<>();
		for (final String[] level : LEVELS)
			known.addAll(Arrays.asList(level));
		final Set<String> unplaced = new TreeSet<>();
		for (final JavaClass c : PRODUCT) {
			final String pkg = c.getPackageName();
			final String rel = pkg.equals(BASE) ? "" : pkg.substring(BASE.length() + 1);
			if (!known.contains(rel)) unplaced.add(pkg);
		}
		assertEquals(Set.of(), unplaced, "packages without a layer");
	}
}
