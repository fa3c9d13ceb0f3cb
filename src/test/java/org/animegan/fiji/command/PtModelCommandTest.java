package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.pt.PtImportTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/**
 * A PyTorch checkpoint given as {@code model} through the command (headless CommandService) and the
 * command line reproduces PyTorch's output within one grey level; the dialog's model choices.
 */
class PtModelCommandTest {

	static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");

	@TempDir
	Path tmp;

	@Test
	void commandConvertsAndRunsACheckpointGivenByPath() throws Exception {
		final Path pt = Files.copy(FIXTURES.resolve("generator_v2.pt"), tmp.resolve("g.pt"));
		final ImagePlus in = IJ.openImage(FIXTURES.resolve("astronaut_128x96.png").toString());
		final ImagePlus ref = IJ.openImage(FIXTURES.resolve("reference_128x96.png").toString());
		System.setProperty("java.awt.headless", "true");
		final Context context = new Context();
		try {
			// Values a user last chose are remembered between runs; tests start from the defaults.
			context.service(PrefService.class).clear(PhotoToAnime.class);
			assertNotNull(context.service(CommandService.class).getCommand(PhotoToAnime.class), "command known");
			final Module m = context.service(ModuleService.class).run(context.service(
				CommandService.class).getCommand(PhotoToAnime.class), true, "image", in, "model", pt.toString(), "input_size", "native", "max_batch_size", 1,
				"threads", 1).get();
			final PhotoToAnime command = (PhotoToAnime) m;
			assertTrue(!command.isCanceled(), command.getCancelReason());
			final ImagePlus out = (ImagePlus) m.getOutput("output");
			assertNotNull(out);
			final int diff = PtImportTestSupport.maxDifference(out, ref);
			assertTrue(diff <= 1, "max difference " + diff);
			assertTrue(Files.isRegularFile(tmp.resolve("g.onnx")), "converted next to the .pt");
			assertTrue(((String) m.getInput("licence")).isEmpty(), "no licence line for a file");
		}
		finally {
			context.dispose();
		}
	}

	@Test
	void commandLineConvertsAndRunsACheckpoint() throws Exception {
		final Path pt = Files.copy(FIXTURES.resolve("generator_v2.pt"), tmp.resolve("g.pt"));
		final Path out = tmp.resolve("out.png");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final int code = new org.animegan.fiji.cli.AnimeGanCliAccess().run(new PrintStream(
			new ByteArrayOutputStream()), new PrintStream(err), "--model", pt.toString(), "--input-size",
			"native", "--threads", "1", FIXTURES.resolve("astronaut_128x96.png").toString(), "-o", out
				.toString());
		assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains("Converting the PyTorch checkpoint"));
		final int diff = PtImportTestSupport.maxDifference(IJ.openImage(out.toString()), IJ.openImage(
			FIXTURES.resolve("reference_128x96.png").toString()));
		assertTrue(diff <= 1, "max difference " + diff);
	}

	@Test
	void dialogListsTheCatalogTheFolderAndCustomFileWithLicenceLines() throws Exception {
		final Catalog catalog = Catalog.standard();
		// The folder holds a model of its own and a converted catalog model, listed by catalog name.
		Files.copy(FIXTURES.resolve("generator_v3_nhwc.onnx"), tmp.resolve("my_style.onnx"));
		Files.copy(FIXTURES.resolve("generator_v3_nhwc.onnx"), tmp.resolve("paprika.onnx"));
		final ModelChoices choices = new ModelChoices(catalog, new ModelLocator(tmp));
		final List<String> expected = new ArrayList<>(catalog.names());
		expected.add("my_style");
		expected.add(ModelMessages.CUSTOM_FILE);
		assertEquals(expected, choices.names(), "the dialog lists models/catalog.json and the folder");
		for (final String n : catalog.names())
			assertTrue(choices.licenceOf(n).contains(catalog.find(n).get().licence()));
		assertTrue(choices.licenceOf("Hayao (AnimeGANv2, TF export)").contains("not confirmed"));
		assertFalse(choices.licenceOf("face_paint_512_v2").contains("not confirmed"));
		assertEquals("", choices.licenceOf("/some/file.onnx"));
	}
}
