package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.io.Opener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged command line, {@code java -jar target/animegan-cli.jar}, as a user runs it. */
@Tag("slow")
class CliIT {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	@TempDir
	Path tmp;

	@Test
	void singleFile() throws Exception {
		final Path in = png("photo.png", 80, 60, 0);
		final Processes.Result r = cli(in.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(0, r.exit, r::toString);
		final ImagePlus out = open(tmp.resolve("out/photo-anime.png"));
		assertEquals(24, out.getBitDepth());
		assertEquals(80, out.getWidth());
		assertEquals(60, out.getHeight());
		assertTrue(r.output.contains(in + " -> "), r::toString);
		assertNoStackTrace(r);
	}

	@Test
	void folder() throws Exception {
		png("in/a.png", 64, 48, 1);
		png("in/b.png", 48, 64, 2);
		Files.writeString(tmp.resolve("in/readme.txt"), "not an image");
		final Processes.Result r = cli(tmp.resolve("in").toString(), "-o", tmp.resolve("out")
			.toString());
		assertEquals(0, r.exit, r::toString);
		assertEquals(List.of("a-anime.png", "b-anime.png"), names(tmp.resolve("out")));
		assertEquals(48, open(tmp.resolve("out/b-anime.png")).getWidth());
		assertNoStackTrace(r);
	}

	@Test
	void deviceAutoWithoutAGpuSaysWhyOnce() throws Exception {
		png("in/a.png", 64, 48, 1);
		png("in/b.png", 48, 64, 2);
		final Processes.Result r = cli(tmp.resolve("in").toString(), "-o", tmp.resolve("out")
			.toString());
		assertEquals(0, r.exit, r::toString);
		final List<String> why = r.lines("The model runs on the CPU: ");
		assertEquals(1, why.size(), "one line for two files: " + r);
		// The CPU build's reason; the GPU build without a GPU names what CUDA lacked instead.
		assertTrue(why.get(0).equals(
			"this ONNX Runtime build has no CUDA provider (the GPU build is made with mvn -Pgpu).") || why
				.get(0).startsWith("ONNX Runtime's CUDA provider could not start ("), r::toString);
		assertEquals(List.of("a-anime.png", "b-anime.png"), names(tmp.resolve("out")));
	}

	@Test
	void folderWithOneCorruptFileGoesOnAndExitsOne() throws Exception {
		png("in/a.png", 64, 48, 1);
		Files.write(tmp.resolve("in/broken.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3 });
		png("in/c.png", 48, 40, 3);
		final Processes.Result r = cli(tmp.resolve("in").toString(), "-o", tmp.resolve("out")
			.toString());
		assertEquals(1, r.exit, r::toString);
		final List<String> failures = r.lines("failed: ");
		assertEquals(1, failures.size(), r::toString);
		assertTrue(failures.get(0).contains("broken.png"), r::toString);
		assertEquals(List.of("a-anime.png", "c-anime.png"), names(tmp.resolve("out")));
		assertNoStackTrace(r);
	}

	@Test
	void multiPageTiffGivesTiffStack() throws Exception {
		final ImageStack stack = new ImageStack(40, 32);
		for (int i = 0; i < 3; i++)
			stack.addSlice(MacrosIT.greyPattern(40, 32, i));
		final Path in = tmp.resolve("pages.tif");
		assertTrue(new FileSaver(new ImagePlus("pages", stack)).saveAsTiffStack(in.toString()));
		final Processes.Result r = cli(in.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(0, r.exit, r::toString);
		final ImagePlus out = open(tmp.resolve("out/pages-anime.tif"));
		assertEquals(3, out.getStackSize());
		assertEquals(24, out.getBitDepth());
		assertEquals(40, out.getWidth());
		assertEquals(32, out.getHeight());
		assertNoStackTrace(r);
	}

	/** Runs the packaged CLI with the tiny test model. */
	private Processes.Result cli(final String... args) {
		final List<String> cmd = new ArrayList<>(List.of(Packaged.java().toString(), "-Xmx1g", "-jar",
			Packaged.cliJar().toString(), "--model", Packaged.fixture("generator_v3_nhwc.onnx")
				.toString(), "--input-size", "256", "--threads", "2"));
		cmd.addAll(List.of(args));
		return Processes.run(cmd, tmp, Map.of(), 120);
	}

	private Path png(final String name, final int w, final int h, final int seed) throws Exception {
		final Path p = tmp.resolve(name);
		Files.createDirectories(p.getParent());
		assertTrue(new FileSaver(new ImagePlus(name, MacrosIT.rgbPattern(w, h, seed))).saveAsPng(p
			.toString()));
		return p;
	}

	private static ImagePlus open(final Path p) {
		assertTrue(Files.isRegularFile(p), p + " was not written");
		return new Opener().openImage(p.toString());
	}

	private static List<String> names(final Path folder) {
		return Packaged.list(folder).stream().map(p -> p.getFileName().toString()).collect(Collectors
			.toList());
	}

	/** No stack trace, and no library's warnings (the jar carries slf4j-nop for DJL's logging). */
	private static void assertNoStackTrace(final Processes.Result r) {
		assertFalse(r.output.contains("Exception"), r::toString);
		assertFalse(r.output.contains("\tat "), r::toString);
		assertFalse(r.output.contains("SLF4J"), r::toString);
	}
}
