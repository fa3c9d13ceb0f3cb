package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the Spark tests share: test images, the fixtures folder, folder listings, plane checks. */
final class SparkFixtures {

	private SparkFixtures() {}

	/** A file of the plugin's test fixtures. */
	static Path fixture(final String name) {
		return Paths.get(System.getProperty("animegan.basedir", "."), "src/test/resources/fixtures",
			name).toAbsolutePath();
	}

	/** A colour gradient whose content moves with {@code shift}: each plane differs. */
	static ColorProcessor gradient(final int w, final int h, final int shift) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				cp.set(x, y, ((x * 5 + shift) & 0xff) << 16 | ((y * 5) & 0xff) << 8 | (x + y + shift) &
					0xff);
		return cp;
	}

	/** The names in a folder, sorted. */
	static Set<String> files(final Path folder) throws IOException {
		try (Stream<Path> list = Files.list(folder)) {
			return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(
				TreeSet::new));
		}
	}

	/** Same size and planes, pixel for pixel. */
	static void assertSamePlanes(final ImagePlus expected, final ImagePlus actual, final String name) {
		assertNotNull(actual, name);
		assertEquals(expected.getStackSize(), actual.getStackSize(), name);
		assertEquals(expected.getWidth(), actual.getWidth(), name);
		assertEquals(expected.getHeight(), actual.getHeight(), name);
		for (int i = 1; i <= expected.getStackSize(); i++)
			assertArrayEquals((int[]) expected.getStack().getPixels(i), (int[]) actual.getStack()
				.getPixels(i), name + " plane " + i);
	}
}
