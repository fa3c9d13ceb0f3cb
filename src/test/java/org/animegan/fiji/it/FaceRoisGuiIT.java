package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.face.FaceDetector;
import org.animegan.fiji.pipeline.PipelineMessages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Face detect mode in a real ImageJ 1.x with its window (issue 4): the faces found go to the ROI
 * Manager, and their count to the Log. The detector is the real UltraFace RFB-640 from
 * ../shared/models, linked into a temporary models folder; the generators are the tiny v3 fixture.
 */
@Tag("slow")
class FaceRoisGuiIT {

	/** Where the astronaut's face is in astronaut.png (512x512), with room for the detector's box. */
	private static final Rectangle FACE = new Rectangle(100, 30, 250, 250);
	private static final int WIDTH = 512;

	@TempDir
	Path tmp;

	@Test
	void portraitPutsItsOneFaceInTheRoiManager() throws IOException {
		final Processes.Result r = detect("astronaut.png");
		assertFaces(r, "astronaut.png", List.of(FACE));
	}

	@Test
	void twoPortraitsSideBySidePutBothFacesInTheRoiManager() throws IOException {
		final Processes.Result r = detect("two portraits", //
			"run('Duplicate...', 'title=mirror');", //
			"run('Flip Horizontally');", //
			"run('Combine...', 'stack1=astronaut.png stack2=mirror');", //
			"rename('two portraits');");
		final Rectangle mirrored = new Rectangle(2 * WIDTH - FACE.x - FACE.width, FACE.y, FACE.width,
			FACE.height);
		assertFaces(r, "two portraits", List.of(FACE, mirrored));
	}

	/**
	 * Opens astronaut.png, runs the extra macro lines that make the test image, then Photo to Anime
	 * in detect mode, and prints the image size, the ROI Manager and the Log.
	 */
	private Processes.Result detect(final String title, final String... makeImage)
		throws IOException
	{
		final Path detector = Packaged.sharedDetector();
		final ImageJ1 ij = new ImageJ1(tmp);
		final Path models = Files.createDirectories(tmp.resolve("models"));
		Files.createSymbolicLink(models.resolve(FaceDetector.FILE_NAME), detector);
		final String model = Packaged.fixture("generator_v3_nhwc.onnx").toString();
		final List<String> lines = new ArrayList<>();
		lines.add("open('" + Packaged.fixture("astronaut.png") + "');");
		lines.addAll(List.of(makeImage));
		lines.add("out('input', getTitle() + ' ' + getWidth() + 'x' + getHeight());");
		lines.add("run('Photo to Anime...', 'model=[" + model + "] input_size=256 " +
			"face_enhance=detect face_model=[" + model + "]');");
		lines.add("out('output', getTitle());");
		lines.add("out('managerShown', call('org.animegan.fiji.it.Ij1Probe.roiManagerShown'));");
		lines.add("out('boxes', call('org.animegan.fiji.it.Ij1Probe.roiManagerBoxes'));");
		lines.add("logLines = split(getInfo('log'), '\\n');");
		lines.add("for (i = 0; i < logLines.length; i++) call('org.animegan.fiji.it.Ij1Probe.out', " +
			"'LOG ' + logLines[i]);");
		lines.add("run('Quit');");
		lines.add("function out(key, value) { call('org.animegan.fiji.it.Ij1Probe.out', " +
			"'RESULT ' + key + '=' + value); }");
		return ij.gui(ij.macro("faces.ijm", lines.toArray(new String[0])), "-Danimegan.models=" +
			models);
	}

	/** One roi per expected face, each inside its face's region, and the count in the Log. */
	private static void assertFaces(final Processes.Result r, final String title,
		final List<Rectangle> faces)
	{
		final Map<String, String> result = ImageJ1MacroIT.results(r);
		assertEquals(0, r.exit, r::toString);
		assertEquals(title + " " + faces.size() * WIDTH + "x" + WIDTH, result.get("input"), r::toString);
		// The output is named after the input without its extension.
		assertEquals(title.replaceFirst("\\.png$", "") + "-anime", result.get("output"), r::toString);
		assertEquals("true", result.get("managerShown"), r::toString);
		final List<Rectangle> boxes = new ArrayList<>();
		for (final String box : result.get("boxes").split(";")) {
			if (box.isEmpty()) continue;
			final String[] v = box.split(",");
			boxes.add(new Rectangle(Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(
				v[2]), Integer.parseInt(v[3])));
		}
		assertEquals(faces.size(), boxes.size(), r::toString);
		boxes.sort(Comparator.comparingInt(b -> b.x));
		for (int i = 0; i < faces.size(); i++) {
			final Rectangle box = boxes.get(i);
			assertTrue(faces.get(i).contains(box), "roi " + box + " outside face " + faces.get(i));
			// A face, not a speck: at least a third of the face region across.
			assertTrue(box.width > FACE.width / 3 && box.height > FACE.height / 3, box::toString);
		}
		assertTrue(r.lines("LOG ").contains(PipelineMessages.facesFound(title, faces.size())), r::toString);
		ImageJ1MacroIT.assertClean(r);
	}
}
