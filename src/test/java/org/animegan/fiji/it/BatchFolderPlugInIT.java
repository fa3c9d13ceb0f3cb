package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.animegan.fiji.batch.BatchFolder;
import org.animegan.fiji.command.BatchFolderCommand;
import org.animegan.fiji.command.BatchFolderPlugIn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins › AnimeGAN › Batch Folder... in a real, plain ImageJ 1.x: its plugins.config entry, and a
 * macro line over a folder of mixed files (good images, a corrupt one, a text file) that ends in the
 * Results table.
 */
@Tag("slow")
class BatchFolderPlugInIT {

	@TempDir
	Path tmp;

	@Test
	void mixedFolderGivesOneRowPerFileAndWritesTheGoodOnes() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final ColorProcessor cp = new ColorProcessor(64, 48);
		for (int i = 0; i < cp.getPixelCount(); i++)
			cp.set(i, (i * 7) & 0xffffff);
		assertTrue(new FileSaver(new ImagePlus("a", cp)).saveAsPng(in.resolve("a.png").toString()));
		assertTrue(new FileSaver(new ImagePlus("b", cp.resize(40, 30))).saveAsJpeg(in.resolve("b.jpg")
			.toString()));
		// A PNG signature and then garbage, and a file that is no image at all.
		Files.write(in.resolve("corrupt.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10,
			1, 2, 3, 4, 5 });
		Files.writeString(in.resolve("notes.txt"), "not an image");
		final Path out = tmp.resolve("out");
		final ImageJ1 ij = new ImageJ1(tmp);
		final Path macro = ij.macro("batch.ijm", //
			"print('RESULT class=' + call('org.animegan.fiji.it.Ij1Probe.commandClass', 'Batch Folder...'));", //
			"run('Batch Folder...', 'input=[" + in + "] output=[" + out + "] pattern=* model=[' + getArgument() + '] input_size=256 threads=2');", //
			"t = '" + BatchFolder.TITLE + "';", //
			"print('RESULT rows=' + Table.size(t));", //
			"for (i = 0; i < Table.size(t); i++) print('ROW ' + Table.getString('file', i, t) + ' | ' + Table.getString('size', i, t) + ' | ' + Table.getString('faces', i, t) + ' | ' + Table.getString('status', i, t) + ' | ' + Table.getString('time (s)', i, t));");
		final Processes.Result r = ij.batch(macro, Packaged.fixture("generator_v3_nhwc.onnx")
			.toString());
		assertEquals(0, r.exit, r::toString);
		ImageJ1MacroIT.assertClean(r);
		final Map<String, String> result = ImageJ1MacroIT.results(r);
		assertEquals(BatchFolderPlugIn.class.getName(), result.get("class"), r::toString);
		assertEquals("4", result.get("rows"), r::toString);
		final List<String> rows = r.lines("ROW ");
		System.out.println("Results table of " + BatchFolderCommand.MENU_PATH + ":\n" + String.join(
			"\n", rows));
		assertTrue(rows.get(0).startsWith("a.png | 64x48 |  | done | "), r::toString);
		assertTrue(rows.get(1).startsWith("b.jpg | 40x30 |  | done | "), r::toString);
		assertTrue(rows.get(2).startsWith("corrupt.png |  |  | failed: "), r::toString);
		assertTrue(rows.get(3).startsWith("notes.txt |  |  | failed: "), r::toString);
		assertEquals(List.of("a-anime.png", "b-anime.png"), Packaged.list(out).stream().map(p -> p
			.getFileName().toString()).collect(Collectors.toList()));
	}

	@Test
	void recordedLineReplaysToTheSameFile() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		final ColorProcessor cp = new ColorProcessor(48, 32);
		for (int i = 0; i < cp.getPixelCount(); i++)
			cp.set(i, (i * 13) & 0xffffff);
		assertTrue(new FileSaver(new ImagePlus("a", cp)).saveAsPng(in.resolve("a.png").toString()));
		final Path out = tmp.resolve("out");
		final Processes.Result r = new ImageJ1(tmp).runWithMyStyle(BatchRecorderProbe.class.getName(),
			in.toString(), out.toString());
		assertEquals(0, r.exit, r::toString);
		final Map<String, String> result = ImageJ1MacroIT.results(r);
		final String recorded = result.get("recorded");
		// The folders (in brackets where their paths have spaces), the pattern, then the parameters.
		assertTrue(recorded.matches("run\\(\"Batch Folder...\", \"input=\\[?" + Pattern.quote(in
			.toString()) + "\\]? output=.* pattern=.* model=my_style .*"), r::toString);
		assertEquals("true", result.get("sameBytes"), r::toString);
		ImageJ1MacroIT.assertClean(r);
	}
}
