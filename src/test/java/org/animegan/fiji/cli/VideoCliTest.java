package org.animegan.fiji.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;
import ij.plugin.AVI_Reader;
import ij.plugin.filter.AVI_Writer;
import ij.process.ColorProcessor;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Video in and out on the command line: AVI files and folders of numbered frames. */
class VideoCliTest {

	private static final int W = 64, H = 48, FRAMES = 5;
	private static final double FPS = 7;

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();
	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	private int run(final String... args) {
		final List<String> all = new ArrayList<>(Arrays.asList("--model", Fixtures.path(
			"generator_v3_nhwc.onnx").toString(), "--input-size", "native", "--threads", "2"));
		all.addAll(Arrays.asList(args));
		return new AnimeGanCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(
			err, true, StandardCharsets.UTF_8)).run(all.toArray(new String[0]));
	}

	private String err() {
		return new String(err.toByteArray(), StandardCharsets.UTF_8);
	}

	/** Frame k: a vertical bar at x = 10k on a background whose red level is 40k. */
	private static ColorProcessor frame(final int k, final int w, final int h) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		cp.setColor(new java.awt.Color(Math.max(0, 40 * k), 120, 200));
		cp.fill();
		cp.setColor(java.awt.Color.white);
		cp.fillRect(10 * k, 0, 6, h);
		return cp;
	}

	private Path avi(final String name) throws Exception {
		final ImageStack stack = new ImageStack(W, H);
		for (int k = 0; k < FRAMES; k++)
			stack.addSlice(frame(k, W, H));
		final ImagePlus imp = new ImagePlus(name, stack);
		imp.getCalibration().fps = FPS;
		final Path p = Files.createDirectories(dir.resolve("in")).resolve(name);
		new AVI_Writer().writeImage(imp, p.toString(), AVI_Writer.PNG_COMPRESSION, 90);
		return p;
	}

	@Test
	void aviRoundTripKeepsFrameCountSizeAndFrameRate() throws Exception {
		final Path clip = avi("clip.avi");
		final Path results = dir.resolve("out");
		assertEquals(0, run(clip.toString(), "-o", results.toString()), err());
		final Path result = results.resolve("clip-anime.avi");
		final AviFiles.Header h = AviFiles.header(result);
		assertEquals(FRAMES, h.frames);
		assertEquals(W, h.width);
		assertEquals(H, h.height);
		assertEquals(FPS, h.fps, 1e-3);
		final ImagePlus read = AVI_Reader.open(result.toString(), false);
		assertEquals(FRAMES, read.getStackSize());
		assertEquals(W, read.getWidth());
		// Stylized, in order: the bar moves right frame by frame, as in the input.
		for (int k = 0; k < FRAMES; k++) {
			final ColorProcessor cp = (ColorProcessor) read.getStack().getProcessor(k + 1);
			final int bar = darkestColumn(cp);
			// Within the bar or on its edges; the bars of other frames are 10 pixels away.
			assertTrue(Math.abs(bar - (10 * k + 3)) <= 4, "bar of frame " + k + " at " + bar);
		}
		try (Stream<Path> left = Files.list(results)) {
			assertEquals(List.of(result), left.collect(Collectors.toList()), "no temporary file left");
		}
	}

	/**
	 * The test generator turns the white bar into a faint dark line (measured: 124 against 126 grey
	 * levels, at the bar or its edges): the darkest column finds it.
	 */
	private static int darkestColumn(final ColorProcessor cp) {
		int darkest = 0;
		for (int x = 1; x < cp.getWidth(); x++)
			if (brightness(cp, x) < brightness(cp, darkest)) darkest = x;
		return darkest;
	}

	private static double brightness(final ColorProcessor cp, final int x) {
		double sum = 0;
		for (int y = 0; y < cp.getHeight(); y++) {
			final int c = cp.get(x, y);
			sum += ((c >> 16 & 0xff) + (c >> 8 & 0xff) + (c & 0xff)) / 3.0;
		}
		return sum / cp.getHeight();
	}

	@Test
	void frameRateOfTheStreamOrTheFrameTime() {
		assertEquals(30000 / 1001.0, AviFiles.frameRate(30000 / 1001.0, 1e6 / 33367), 1e-9);
		// ImageJ's writer: 30 frames per second in the stream, 33,367 microseconds a frame.
		assertEquals(1e6 / 33367, AviFiles.frameRate(30, 1e6 / 33367), 1e-9);
		assertEquals(7, AviFiles.frameRate(7, 0), 0);
	}

	/** ImageJ's writer alone would give the stream 30 frames per second. */
	@Test
	void aFractionalFrameRateIsKept() throws Exception {
		final ImageStack stack = new ImageStack(W, H);
		for (int k = 0; k < 2; k++)
			stack.addSlice(frame(k, W, H));
		final ImagePlus imp = new ImagePlus("ntsc", stack);
		imp.getCalibration().fps = 29.97;
		final Path avi = dir.resolve("ntsc.avi");
		AviFiles.write(imp, avi);
		assertEquals(29.97, AviFiles.header(avi).streamRate, 1e-9);
		assertEquals(29.97, AviFiles.read(avi, (w, h, planes) -> 0).getCalibration().fps, 1e-9);
	}

	/** A batch plans by pixels, so an AVI counts its frames, whatever its bytes. */
	@Test
	void pixelsAndPlanesOfAnAviAndOfAPhotoComeFromTheirHeaders() throws Exception {
		try (SeekableByteChannel ch = Files.newByteChannel(avi("clip.avi"))) {
			assertEquals((long) W * H * FRAMES, AnimeGanCli.pixels(ch));
			// The same channel again: each reader starts from the beginning.
			assertEquals(FRAMES, AnimeGanCli.planes(ch));
		}
		try (SeekableByteChannel ch = Files.newByteChannel(Fixtures.path("astronaut_128x96.png"))) {
			assertEquals(128L * 96, AnimeGanCli.pixels(ch));
			assertEquals(1, AnimeGanCli.planes(ch));
		}
		final Path text = dir.resolve("notes.txt");
		Files.writeString(text, "not an image");
		try (SeekableByteChannel ch = Files.newByteChannel(text)) {
			assertEquals(0, AnimeGanCli.pixels(ch));
		}
	}

	@Test
	void anAviIsATimeLapse() throws Exception {
		final ImagePlus imp = AviFiles.read(avi("clip.avi"), (w, h, planes) -> 0);
		assertEquals(FRAMES, imp.getNFrames(), "temporal_axis=auto smooths along T");
		assertEquals(1, imp.getNSlices());
		assertEquals(FPS, imp.getCalibration().fps, 1e-3);
	}

	@Test
	void outputNamedAviFromATiffStack() throws Exception {
		final ImageStack stack = new ImageStack(W, H);
		for (int k = 0; k < 3; k++)
			stack.addSlice(frame(k, W, H));
		final Path tiff = Files.createDirectories(dir.resolve("in")).resolve("pages.tif");
		assertTrue(new FileSaver(new ImagePlus("pages", stack)).saveAsTiffStack(tiff.toString()));
		final Path result = dir.resolve("movie.avi");
		assertEquals(0, run(tiff.toString(), "-o", result.toString()), err());
		assertEquals(3, AviFiles.header(result).frames);
		assertEquals(7, AviFiles.header(result).fps, 1e-3, "ImageJ's default rate");
	}

	/** An AVI header claiming more frames than memory holds is refused before any frame is read. */
	@Test
	void hugeAviHeaderIsRefusedBeforeDecoding() throws Exception {
		final Path clip = avi("clip.avi");
		final byte[] bytes = Files.readAllBytes(clip);
		final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		final int avih = 32; // the data of the avih chunk, as ImageJ's writer lays it out
		assertEquals("avih", new String(bytes, avih - 8, 4, StandardCharsets.ISO_8859_1));
		b.putInt(avih + 16, 1_000_000); // frames
		b.putInt(avih + 32, 8000); // width
		b.putInt(avih + 36, 8000); // height
		Files.write(clip, bytes);
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> AviFiles.read(clip, (w, h, planes) -> 0));
		assertTrue(e.getMessage().contains("8000x8000 pixels in 1000000 planes"), e.getMessage());
	}

	@Test
	void truncatedAviIsRefused() throws Exception {
		final Path clip = avi("clip.avi");
		final byte[] bytes = Files.readAllBytes(clip);
		Files.write(clip, Arrays.copyOf(bytes, bytes.length / 2));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> AviFiles.read(clip, (w, h, planes) -> 0));
		assertTrue(e.getMessage().startsWith("The AVI file is"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"), e.getMessage());
	}

	@Test
	void damagedAviIsOneSentence() throws Exception {
		final Path clip = dir.resolve("bad.avi");
		Files.write(clip, "RIFF\0\0\0\0AVI junk junk junk junk".getBytes(StandardCharsets.ISO_8859_1));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> AviFiles.read(clip, (w, h, planes) -> 0));
		assertTrue(e.getMessage().startsWith("The AVI file is damaged"), e.getMessage());
	}

	private Path numberedFrames(final int... numbers) throws Exception {
		final Path frames = Files.createDirectories(dir.resolve("frames"));
		for (final int n : numbers)
			assertTrue(new FileSaver(new ImagePlus("", frame(n - 7, W, H))).saveAsPng(frames.resolve(
				"shot_" + n + ".png").toString()));
		return frames;
	}

	@Test
	void sequenceIsInNumericOrder() throws Exception {
		final Path frames = numberedFrames(11, 9, 10, 8);
		final ImagePlus imp = FrameSequence.read(frames, (w, h, planes) -> 0, warning -> {});
		assertEquals(4, imp.getNFrames());
		assertEquals(List.of("shot_8.png", "shot_9.png", "shot_10.png", "shot_11.png"), Arrays.asList(
			imp.getStack().getSliceLabels()).subList(0, 4));
		assertEquals(0, run("--sequence", frames.toString(), "-o", dir.resolve("out").toString()),
			err());
		final ImagePlus result = new Opener().openImage(dir.resolve("out/frames-anime.tif")
			.toString());
		assertNotNull(result);
		assertEquals(4, result.getStackSize());
		assertEquals("shot_10.png", result.getStack().getSliceLabel(3));
	}

	@Test
	void aFrameOfAnotherSizeFailsTheSequence() throws Exception {
		final Path frames = numberedFrames(8, 9, 10);
		assertTrue(new FileSaver(new ImagePlus("", frame(0, W + 6, H))).saveAsPng(frames.resolve(
			"shot_12.png").toString()));
		final Path results = dir.resolve("out");
		assertEquals(1, run("--sequence", frames.toString(), "-o", results.toString()));
		final List<String> failed = err().lines().filter(l -> l.startsWith("failed:")).collect(
			Collectors.toList());
		assertEquals(1, failed.size(), err());
		assertTrue(failed.get(0).endsWith(
			"The frame shot_12.png is 70x48 pixels but the first frame is 64x48; all frames of a sequence must have the same size."),
			failed.get(0));
		assertFalse(Files.exists(results.resolve("frames-anime.tif")));
	}

	@Test
	void framesWithoutNumbersOrWithTheSameNumberFail() throws Exception {
		final Path frames = numberedFrames(1, 2);
		Files.copy(frames.resolve("shot_2.png"), frames.resolve("shot_02.png"));
		AnimeGanException e = assertThrows(AnimeGanException.class, () -> FrameSequence.frames(
			frames));
		assertTrue(e.getMessage().contains("the same frame number"), e.getMessage());
		Files.delete(frames.resolve("shot_02.png"));
		Files.copy(frames.resolve("shot_2.png"), frames.resolve("cover.png"));
		e = assertThrows(AnimeGanException.class, () -> FrameSequence.frames(frames));
		assertTrue(e.getMessage().contains("cover.png has no frame number"), e.getMessage());
	}

	@Test
	void numberedPngOutput() throws Exception {
		final Path clip = avi("clip.avi");
		final Path results = dir.resolve("out");
		assertEquals(0, run("--frames-out", clip.toString(), "-o", results.toString()), err());
		final Path folder = results.resolve("clip-anime");
		try (Stream<Path> files = Files.list(folder)) {
			assertEquals(List.of("00001.png", "00002.png", "00003.png", "00004.png", "00005.png"), files
				.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
		}
		final ImagePlus last = new Opener().openImage(folder.resolve("00005.png").toString());
		assertEquals(W, last.getWidth());
		final int bar = darkestColumn((ColorProcessor) last.getProcessor());
		assertTrue(Math.abs(bar - 43) <= 4, "the last frame's bar at x = 40, not " + bar);
	}

	/** A folder of frames has no rate of its own: --frame-rate gives the AVI one. */
	@Test
	void frameRateOfASequenceWrittenAsAvi() throws Exception {
		final Path frames = numberedFrames(7, 8, 9, 10);
		final Path result = dir.resolve("rated.avi");
		assertEquals(0, run("--sequence", "--frame-rate", "12.5", frames.toString(), "-o", result
			.toString()), err());
		final AviFiles.Header h = AviFiles.header(result);
		assertEquals(4, h.frames);
		assertEquals(W, h.width);
		assertEquals(12.5, h.fps, 1e-3);
		assertEquals(12.5, AviFiles.read(result, (w, hh, planes) -> 0).getCalibration().fps, 1e-3);
	}

	@Test
	void aBadFrameRateIsAUsageError() {
		for (final String bad : new String[] { "0", "-3", "fast", "1e9", "NaN" })
			assertEquals(2, run("--frame-rate", bad, "in.png", "-o", dir.resolve("x").toString()), bad);
		assertTrue(err().contains("frame rate"), err());
	}

	@Test
	void commandLineOptionsAreNotTableKeys() {
		for (final String option : List.of(AnimeGanCli.SEQUENCE, AnimeGanCli.FRAMES_OUT,
			AnimeGanCli.FRAME_RATE)) {
			for (final Param p : Settings.PARAMS)
				assertFalse(p.option().equals(option), option);
			assertTrue(AnimeGanCli.usage().contains(option), option);
		}
	}
}
