package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.Macro;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.catalog.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ImageJ 1.x dialog is made of, checked headless (a GenericDialog needs a display; the
 * recorded and replayed dialog is tested in ImageJ1MacroIT).
 */
class PlugInDialogTest {

	@TempDir
	Path models;

	/** Two entries: one with a known size, one without; neither file is in the folder at first. */
	private static Catalog catalog() throws Exception {
		return Catalog.read(new StringReader("{\"models\": [" + //
			"{\"id\": \"paprika\", \"name\": \"Paprika (port)\", \"file\": \"paprika.pt\", \"verified\": true, \"licence\": \"MIT.\"}," + //
			"{\"id\": \"hayao_v2\", \"name\": \"Hayao\", \"file\": \"generator_Hayao.onnx\", \"size\": 8600000, \"verified\": false, \"licence\": \"Non-commercial.\"}]}"));
	}

	@Test
	void modelListShowsTheCatalogCachedOrDownloadTheFolderAndCustomFile() throws Exception {
		Files.copy(Fixtures.path("generator_v3_nhwc.onnx"), models.resolve("generator_Hayao.onnx"));
		Files.copy(Fixtures.path("generator_v3_nhwc.onnx"), models.resolve("my_style.onnx"));
		final ModelChoices choices = new ModelChoices(catalog(), new ModelLocator(models));
		final Map<String, String> expected = new LinkedHashMap<>();
		expected.put("Paprika (port) \u2014 download", "paprika");
		expected.put("Hayao \u2014 cached", "hayao_v2");
		expected.put("my_style", "my_style");
		expected.put(ModelMessages.CUSTOM_FILE, ModelMessages.CUSTOM_FILE);
		assertEquals(expected, choices.items());
		// The same models, in the same order, as the SciJava command's list.
		assertEquals(choices.names().size(), choices.items().size());
		assertEquals("Paprika (port) \u2014 download", choices.itemOf("paprika"));
		assertEquals("Hayao \u2014 cached", choices.itemOf("Hayao"));
		assertEquals("my_style", choices.itemOf("my_style"));
		assertNull(choices.itemOf("/some/model.onnx"));
		// Licence lines: the catalog's, a note for the folder's own model, nothing for a path.
		assertTrue(choices.licenceOf("hayao_v2").startsWith("Hayao: Non-commercial. Download address not confirmed"));
		assertTrue(choices.licenceOf("my_style").startsWith("my_style: a model of your own in " + models));
		assertEquals("", choices.licenceOf("/some/model.onnx"));
		// The Fiji dialog's list shows names only, so its line says what the items say here.
		assertTrue(choices.lineOf("hayao_v2").startsWith("cached. Hayao: Non-commercial."));
		assertTrue(choices.lineOf("Paprika (port)").startsWith("download. Paprika (port): MIT."));
		assertEquals(choices.licenceOf("my_style"), choices.lineOf("my_style"));
	}

	@Test
	void aKnownSizeIsShownInMegabytes() throws Exception {
		final ModelChoices choices = new ModelChoices(catalog(), new ModelLocator(models));
		assertEquals("Hayao \u2014 8.6 MB download", choices.itemOf("hayao_v2"));
	}

	@Test
	void theStandardListOffersTheDefaultModel() {
		final ModelChoices choices = new ModelChoices(Catalog.standardOrEmpty(), new ModelLocator(
			models));
		final String item = choices.itemOf(Settings.DEFAULT_MODEL);
		assertTrue(item.startsWith("Paprika (PyTorch port) \u2014 "), item);
		assertEquals(Settings.DEFAULT_MODEL, choices.items().get(item));
	}

	@Test
	void labelsReadAsWordsButKeepTheMacroKeys() throws Exception {
		for (final Param p : Settings.PARAMS) {
			final String label = PlugInDialog.label(p);
			// ImageJ's rule: the key is the label's first word, lower-cased.
			assertEquals(p.key(), Macro.trimKey(label), label);
			assertTrue(Character.isUpperCase(label.charAt(0)), label);
		}
		assertEquals("Input_size", PlugInDialog.label(Settings.param(Settings.INPUT_SIZE)));
		assertEquals("LUT_file", PlugInDialog.label(Settings.param(Settings.LUT_FILE)));
		assertEquals("TTA_enabled", PlugInDialog.label(Settings.param(Settings.TTA_ENABLED)));
	}

	@Test
	void parametersAreGroupedUnderModelStyleFacesPerformance() throws Exception {
		final List<Param> ordered = PlugInDialog.ordered();
		assertEquals(Settings.PARAMS.size(), ordered.size());
		final List<String> headings = new ArrayList<>();
		for (final Param p : ordered)
			if (headings.isEmpty() || !headings.get(headings.size() - 1).equals(p.section().heading()))
				headings.add(p.section().heading());
		assertEquals(List.of("Model", "Style", "Faces", "Performance"), headings);
		assertEquals(Settings.MODEL, ordered.get(0).key());
		assertEquals(Param.Section.PERFORMANCE, Settings.param(Settings.THREADS).section());
		assertEquals(Param.Section.FACES, Settings.param(Settings.FACE_MODEL).section());
	}

	@Test
	void lastUsedValuesAreRememberedUntilReset() throws Exception {
		final Param weight = Settings.param(Settings.STYLE_WEIGHT);
		final Param model = Settings.param(Settings.MODEL);
		try {
			DialogMemory.remember(Map.of(Settings.STYLE_WEIGHT, "0.7", Settings.MODEL, "my_style"));
			assertEquals("0.7", DialogMemory.value(weight));
			assertEquals("my_style", DialogMemory.value(model));
			assertEquals("0.7", ij.Prefs.get("animegan.style_weight", ""), "in ImageJ's preferences");
		}
		finally {
			DialogMemory.forget();
		}
		assertEquals(weight.defaultValue(), DialogMemory.value(weight));
		assertEquals(Settings.DEFAULT_MODEL, DialogMemory.value(model));
	}

	@Test
	void licenceLineKeepsItsHeight() {
		final String shortText = PlugInDialog.wrap("MIT.");
		final String longText = PlugInDialog.wrap("word ".repeat(50).trim());
		assertEquals(4, shortText.split("\n").length);
		assertEquals(4, longText.split("\n").length);
		for (final String line : longText.split("\n"))
			assertTrue(line.length() <= 72, line);
	}
}
