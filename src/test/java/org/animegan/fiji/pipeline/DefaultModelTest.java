package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.download.Downloader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings that name no model run the table's default catalog model. The real one would be
 * downloaded; here a catalog with the same id points at a small generator already in the models
 * folder, so no network is used.
 */
class DefaultModelTest {

	@TempDir
	Path models;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	@Test
	void settingsWithoutAModelUseTheDefaultCatalogModel() throws Exception {
		final Path file = Files.copy(Fixtures.path("generator_v3_nhwc.onnx"), models.resolve(
			"default.onnx"));
		final Catalog catalog = Catalog.read(new StringReader("{\"models\": [{\"id\": \"" +
			Settings.DEFAULT_MODEL + "\", \"name\": \"Default\", \"file\": \"default.onnx\", " +
			"\"family\": \"animegan3\", \"verified\": true, \"licence\": \"test\"}]}"));
		final ModelLocator locator = new ModelLocator(models);
		final Settings none = Settings.of(Settings.INPUT_SIZE, "native", Settings.THREADS, "1");
		assertEquals(Settings.DEFAULT_MODEL, none.model().model());
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache, new ModelLibrary(locator, catalog,
				new Downloader()), locator);
			assertEquals(file, tool.library().resolve(none.model().model(), "", Progress.NONE).file());
			final ImagePlus photo = Fixtures.open("astronaut_128x96.png");
			final ImagePlus byDefault = tool.stylize(photo, none, Progress.NONE);
			final ImagePlus named = tool.stylize(photo, none.with(Settings.MODEL, file.toString()),
				Progress.NONE);
			assertArrayEquals((int[]) named.getProcessor().getPixels(), (int[]) byDefault.getProcessor()
				.getPixels());
		}
	}
}
