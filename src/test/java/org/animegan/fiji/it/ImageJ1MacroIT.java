package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.command.PhotoToAnime;
import org.animegan.fiji.command.PhotoToAnimePlugIn;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.catalog.Catalog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a real, plain ImageJ 1.x (ij.jar plus target/fiji), driven by macros as a user's
 * macro would drive it. Needs an X display (plain ImageJ cannot run plugins headless); .ci/run
 * starts Xvfb.
 */
@Tag("slow")
class ImageJ1MacroIT {

	private static final String LABEL = "Photo to Anime...";

	@TempDir
	Path tmp;

	@Test
	void macroLineStylizesEveryPlaneOfAFiveSliceStack() {
		final ImageJ1 ij = new ImageJ1(tmp);
		final Path macro = ij.macro("stack.ijm", //
			"model = getArgument();", //
			"newImage('cells', '8-bit ramp', 64, 48, 5);", //
			"for (i = 1; i <= 5; i++) { setSlice(i); run('Add...', 'value=' + (i * 40) + ' slice'); }", //
			"before = means();", //
			"run('Photo to Anime...', 'model=[' + model + '] input_size=256 max_batch_size=2 threads=2');", //
			"print('RESULT title=' + getTitle());", //
			"print('RESULT slices=' + nSlices);", //
			"print('RESULT bitDepth=' + bitDepth());", //
			"print('RESULT size=' + getWidth() + 'x' + getHeight());", //
			"print('RESULT means=' + means());", //
			"selectImage('cells');", //
			"print('RESULT inputUnchanged=' + (before == means()));", //
			"print('RESULT images=' + nImages);", //
			"function means() { s = ''; for (i = 1; i <= nSlices; i++) { setSlice(i); s = s + getValue('Mean') + ' '; } return s; }");
		final Processes.Result r = ij.batch(macro, Packaged.fixture("generator_nchw.onnx").toString());
		final Map<String, String> result = results(r);
		assertEquals(0, r.exit, r::toString);
		assertEquals("cells-anime", result.get("title"), r::toString);
		assertEquals("5", result.get("slices"), r::toString);
		assertEquals("24", result.get("bitDepth"), r::toString);
		assertEquals("64x48", result.get("size"), r::toString);
		assertEquals("1", result.get("inputUnchanged"), r::toString); // macro booleans print as 1/0
		assertEquals("2", result.get("images"), r::toString);
		// Five different inputs give five different outputs: each plane was stylized on its own.
		final List<String> means = List.of(result.get("means").trim().split(" "));
		assertEquals(5, new HashSet<>(means).size(), r::toString);
		assertTrue(r.output.contains("Photo to Anime: cells, 5 planes"), r::toString); // the Log summary
		assertClean(r);
	}

	@Test
	void commandIsInTheMenuExactlyOnceAndLoadsFromThePluginsFolder() {
		final ImageJ1 ij = new ImageJ1(tmp);
		// With its window and menu bar, unlike -batch; the macro prints through Ij1Probe.out.
		final Path macro = ij.macro("menu.ijm", //
			"out('paths', call('org.animegan.fiji.it.Ij1Probe.menuPaths', '" + LABEL + "'));", //
			"out('class', call('org.animegan.fiji.it.Ij1Probe.commandClass', '" + LABEL + "'));", //
			"out('jar', call('org.animegan.fiji.it.Ij1Probe.loadedFrom', '" + PhotoToAnimePlugIn.class
				.getName() + "'));", //
			"run('Quit');", //
			"function out(key, value) { call('org.animegan.fiji.it.Ij1Probe.out', 'RESULT ' + key + '=' + value); }");
		final Processes.Result r = ij.gui(macro);
		final Map<String, String> result = results(r);
		assertEquals(0, r.exit, r::toString);
		assertEquals(PhotoToAnime.MENU_PATH, result.get("paths"), r::toString);
		assertEquals(PhotoToAnimePlugIn.class.getName(), result.get("class"), r::toString);
		assertEquals(Packaged.pluginJar().getFileName().toString(), result.get("jar"), r::toString);
		assertClean(r);
	}

	@Test
	void worksWithTheDependenciesInPluginsJars() {
		final ImageJ1 ij = new ImageJ1(tmp, true);
		final Path macro = ij.macro("one.ijm", //
			"newImage('photo', 'RGB ramp', 40, 30, 1);", //
			"run('Photo to Anime...', 'model=[' + getArgument() + '] input_size=256 threads=2');", //
			"print('RESULT title=' + getTitle() + ' ' + getWidth() + 'x' + getHeight() + ' ' + bitDepth());");
		final Processes.Result r = ij.batch(macro, Packaged.fixture("generator_v3_nhwc.onnx")
			.toString());
		assertEquals(0, r.exit, r::toString);
		assertEquals("photo-anime 40x30 24", results(r).get("title"), r::toString);
		assertClean(r);
	}

	@Test
	void badModelPathGivesOneSentenceAndNoStackTrace() {
		final ImageJ1 ij = new ImageJ1(tmp);
		final String missing = tmp.resolve("no-such-model.onnx").toString();
		final Path macro = ij.macro("bad.ijm", //
			"newImage('cells', '8-bit ramp', 64, 48, 1);", //
			"run('Photo to Anime...', 'model=[" + missing + "]');", //
			"print('RESULT reached=after the error');");
		final Processes.Result r = ij.batch(macro, null);
		// The macro stops at the error, which the user sees in ImageJ's macro error dialog.
		assertFalse(results(r).containsKey("reached"), r::toString);
		final List<String> dialogs = r.lines("DIALOG ");
		assertEquals(1, dialogs.size(), r::toString);
		final String expectedStart = ModelMessages.modelNotFound(missing, tmp).split(tmp.toString())[0];
		assertTrue(dialogs.get(0).startsWith("Macro Error: " + expectedStart), r::toString);
		assertFalse(r.output.contains("Exception"), r::toString);
		assertFalse(r.output.contains("\tat "), r::toString);
	}

	@Test
	void recordedMacroLineReplaysToTheSamePixels() throws Exception {
		final ImageJ1 ij = new ImageJ1(tmp);
		// A model of the user's own in the models folder, chosen from the dialog's list.
		final Processes.Result r = ij.runWithMyStyle(RecorderProbe.class.getName());
		final Path models = ij.models();
		final Map<String, String> result = results(r);
		assertEquals(0, r.exit, r::toString);
		// The dialog: the catalog (not downloaded here), the folder's model with its line (shown
		// because the choice changed), Custom file..., and the sections' headings in order.
		final List<String> dialogs = r.lines("DIALOG Photo to Anime:");
		assertEquals(1, dialogs.size(), r::toString);
		final String dialog = dialogs.get(0);
		assertTrue(dialog.matches(".* Model .* Style .* Faces .* Performance .*"), dialog);
		for (final String name : Catalog.standard().names())
			assertTrue(dialog.contains(name + " "), name + " in " + dialog);
		assertTrue(dialog.contains(" download | "), dialog);
		assertTrue(dialog.contains(" | my_style | " + ModelMessages.CUSTOM_FILE + "]"), dialog);
		assertTrue(dialog.contains("my_style: a model of your own in " + models), dialog);
		assertTrue(dialog.contains(" Input size ") && dialog.contains(" TTA enabled"), dialog);
		assertTrue(dialog.matches(".* Help( .*)?"), dialog); // the button to the README's parameters
		// The recorder writes the model's value, not what its item shows.
		final String recorded = result.get("recorded");
		assertTrue(recorded.startsWith("run(\"" + LABEL + "\", \"model=my_style "), r::toString);
		// Every parameter is recorded, so the line replays the same run whatever the defaults become.
		for (final Param p : Settings.PARAMS) {
			if (p.kind() != Param.Kind.BOOLEAN) assertTrue(recorded.contains(" " + p.key() + "=") ||
				recorded.contains("\"" + p.key() + "="), p.key() + ": " + recorded);
		}
		assertEquals("cells-anime", result.get("first"), r::toString);
		assertEquals("cells-anime", result.get("second"), r::toString);
		assertEquals("true", result.get("samePixels"), r::toString);
		assertClean(r);
	}

	/** {@code RESULT key=value} lines of a run. */
	static Map<String, String> results(final Processes.Result r) {
		final Map<String, String> map = new HashMap<>();
		for (final String line : r.lines("RESULT ")) {
			final int eq = line.indexOf('=');
			map.put(line.substring(0, eq), line.substring(eq + 1));
		}
		return map;
	}

	@Test
	void noLibraryWarningsOnTheConsoleWithTheSlf4jBindingOfTargetImagej() {
		final String[] lines = { "newImage('photo', 'RGB ramp', 40, 30, 1);", //
			"run('Photo to Anime...', 'model=[' + getArgument() + '] input_size=256 threads=1');", //
			"print('RESULT title=' + getTitle());" };
		final String model = Packaged.fixture("generator_v3_nhwc.onnx").toString();
		// Without target/imagej/jars, SLF4J (used by DJL) complains on every start: the check can fail.
		final ImageJ1 bare = new ImageJ1(tmp.resolve("bare"));
		bare.imagejJars = false;
		final Processes.Result noisy = bare.batch(bare.macro("quiet.ijm", lines), model);
		assertEquals("photo-anime", results(noisy).get("title"), noisy::toString);
		assertTrue(noisy.output.contains("SLF4J"), noisy::toString);
		final ImageJ1 ij = new ImageJ1(tmp.resolve("installed"));
		final Processes.Result r = ij.batch(ij.macro("quiet.ijm", lines), model);
		assertEquals("photo-anime", results(r).get("title"), r::toString);
		assertClean(r);
	}

	/** No unexpected dialog, no stack trace, no library warnings. */
	static void assertClean(final Processes.Result r) {
		final List<String> dialogs = r.lines("DIALOG ");
		dialogs.removeIf(d -> d.startsWith("Photo to Anime:")); // the recorder test's own dialog
		assertEquals(List.of(), dialogs, r::toString);
		assertFalse(r.output.contains("Exception"), r::toString);
		assertFalse(r.output.contains("SLF4J"), r::toString);
	}
}
