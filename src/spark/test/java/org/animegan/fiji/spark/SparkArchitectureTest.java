package org.animegan.fiji.spark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

import org.junit.jupiter.api.Test;

/**
 * The Spark package sits above every layer of the plugin (docs/ArchitectureTest in the main tests,
 * which do not see it): nothing below imports it, and it stays off the GUI's command package.
 */
class SparkArchitectureTest {

	private static final JavaClasses ALL = new ClassFileImporter().importPackages(
		"org.animegan.fiji");

	@Test
	void nothingBelowImportsSpark() {
		noClasses().that().resideOutsideOfPackage("org.animegan.fiji.spark..").should()
			.dependOnClassesThat().resideInAPackage("org.animegan.fiji.spark..").check(ALL);
	}

	@Test
	void sparkStaysOffTheGuiCommand() {
		noClasses().that().resideInAPackage("org.animegan.fiji.spark..").should()
			.dependOnClassesThat().resideInAPackage("org.animegan.fiji.command..").check(ALL);
	}
}
