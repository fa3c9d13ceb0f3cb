package org.animegan.fiji.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.CompositeImage;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.VirtualStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.LUT;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's bad-input suite: each bad input gets one line that names the problem, the input is left
 * as it was, and a normal run works right after.
 */
class BadInputSuiteTest {

	static final Path FIXTURES = Paths.get("src/test/resources/fixtures");
	static final Path MODEL = FIXTURES.resolve("generator_nchw.onnx");

	static ModelCache cache;
	static AnimeGan tool;

	@TempDir
	Path tmp;

	@BeforeAll
	static void open() {
		cache = new ModelCache();
		tool = new AnimeGan(cache);
	}

	@AfterAll
	static void close() {
		cache.close();
	}

	static Settings settings() throws AnimeGanException {
		return Settings.of("model", MODEL.toString(), "input_size", "native", "threads", "1");
	}

	static ColorProcessor photo(final int w, final int h, final int seed) {
		final ColorProcessor cp = new ColorProcessor(w, h);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				cp.set(x, y, ((x * 7 + seed * 40) & 255) << 16 | ((y * 5) & 255) << 8 | ((x + y) * 3 &
					255));
		return cp;
	}

	/** Deep copy of every plane's pixels, to show the input was not touched. */
	static List<Object> snapshot(final ImagePlus imp) {
		final List<Object> copy = new ArrayList<>();
		final ImageStack s = imp.getStack();
		for (int i = 1; i <= s.getSize(); i++)
			copy.add(s.getProcessor(i).duplicate().getPixels());
		return copy;
	}

	static void assertUnchanged(final List<Object> before, final ImagePlus imp) {
		final List<Object> after = snapshot(imp);
		assertEquals(before.size(), after.size());
		for (int i = 0; i < before.size(); i++) {
			final Object a = before.get(i), b = after.get(i);
			if (a instanceof byte[]) assertArrayEquals((byte[]) a, (byte[]) b);
			else if (a instanceof short[]) assertArrayEquals((short[]) a, (short[]) b);
			else if (a instanceof int[]) assertArrayEquals((int[]) a, (int[]) b);
			else assertArrayEquals((float[]) a, (float[]) b);
		}
	}

	/** Runs a bad input: one-line message containing the clue, input unchanged, then a good run. */
	static void assertRefused(final ImagePlus imp, final Settings s, final String clue)
		throws AnimeGanException
	{
		final List<Object> before = imp == null ? null : snapshot(imp);
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> tool.stylize(imp, s,
			Progress.NONE));
		final String m = e.getMessage();
		assertFalse(m.contains("\n"), "one line: " + m);
		assertTrue(m.toLowerCase().contains(clue.toLowerCase()), "names the problem (" + clue + "): " +
			m);
		if (imp != null) assertUnchanged(before, imp);
		assertStillWorks();
	}

	static void assertStillWorks() throws AnimeGanException {
		final ImagePlus ok = tool.stylize(new ImagePlus("ok", photo(32, 32, 1)), settings(),
			Progress.NONE);
		assertEquals(32, ok.getWidth());
	}

	@Test
	void everyPixelTypeGivesAnRgbResultAndLeavesTheInputAlone() throws AnimeGanException {
		final ByteProcessor lut = new ByteProcessor(32, 24);
		lut.setLut(LUT.createLutFromColor(java.awt.Color.orange));
		final ImagePlus comp = IJ.createHyperStack("comp", 32, 24, 3, 1, 1, 16);
		final List<Supplier<ImagePlus>> inputs = Arrays.asList( //
			() -> new ImagePlus("gray8", ramp(new ByteProcessor(32, 24))), //
			() -> new ImagePlus("lut8", ramp(lut)), //
			() -> new ImagePlus("gray16", ramp(new ShortProcessor(32, 24))), //
			() -> new ImagePlus("gray32", ramp(new FloatProcessor(32, 24))), //
			() -> new ImagePlus("rgb", photo(32, 24, 0)), //
			() -> new CompositeImage(comp, IJ.COMPOSITE));
		for (final Supplier<ImagePlus> in : inputs) {
			final ImagePlus imp = in.get();
			final List<Object> before = snapshot(imp);
			final ImagePlus out = tool.stylize(imp, settings(), Progress.NONE);
			assertEquals(imp.getWidth(), out.getWidth(), imp.getTitle());
			assertEquals(imp.getHeight(), out.getHeight(), imp.getTitle());
			assertEquals(imp.getStackSize(), out.getStackSize(), imp.getTitle());
			assertUnchanged(before, imp);
		}
	}

	private static ImageProcessor ramp(final ImageProcessor ip) {
		for (int y = 0; y < ip.getHeight(); y++)
			for (int x = 0; x < ip.getWidth(); x++)
				ip.putPixelValue(x, y, x * 8 + y * 3);
		ip.resetMinAndMax();
		return ip;
	}

	@Test
	void tinyAndOneRowImages() throws AnimeGanException {
		assertRefused(new ImagePlus("dot", new ByteProcessor(1, 1)), settings(), "1x1");
		assertRefused(new ImagePlus("line", new ByteProcessor(100000, 1)), settings(), "100000x1");
	}

	@Test
	void notANumber() throws AnimeGanException {
		final FloatProcessor fp = (FloatProcessor) ramp(new FloatProcessor(16, 16));
		fp.setf(3, 4, Float.NaN);
		assertRefused(new ImagePlus("nan", fp), settings(), "NaN");
	}

	@Test
	void emptyStackAndNoImage() throws AnimeGanException {
		final ImagePlus empty = new ImagePlus();
		assertRefused(empty.getStack().getSize() == 0 ? empty : null, settings(), empty.getStack()
			.getSize() == 0 ? "no planes" : "no image");
		assertRefused(null, settings(), "no image");
	}

	@Test
	void virtualStackIsReadLazilyAndMatchesTheSameStackInMemory() throws IOException,
		AnimeGanException
	{
		final ImageStack mem = new ImageStack(24, 16);
		for (int i = 0; i < 3; i++) {
			final ColorProcessor cp = photo(24, 16, i);
			mem.addSlice("p" + i, cp);
			assertTrue(new FileSaver(new ImagePlus("p" + i, cp)).saveAsTiff(tmp.resolve("p" + i + ".tif")
				.toString()));
		}
		final AtomicInteger reads = new AtomicInteger();
		final VirtualStack virtual = new VirtualStack(24, 16, null, tmp.toString() + "/") {

			@Override
			public ImageProcessor getProcessor(final int n) {
				reads.incrementAndGet();
				return super.getProcessor(n);
			}
		};
		for (int i = 0; i < 3; i++)
			virtual.addSlice("p" + i + ".tif");
		assertEquals(0, reads.get(), "nothing read before the run");
		final ImagePlus v = tool.stylize(new ImagePlus("virtual", virtual), settings(), Progress.NONE);
		assertTrue(reads.get() >= 3, "planes read on demand");
		final ImagePlus m = tool.stylize(new ImagePlus("memory", mem), settings(), Progress.NONE);
		for (int i = 1; i <= 3; i++)
			assertArrayEquals((int[]) m.getStack().getPixels(i), (int[]) v.getStack().getPixels(i));
		assertTrue(Files.exists(tmp.resolve("p0.tif")), "files left in place");
	}

	@Test
	void brokenModelFiles() throws IOException, AnimeGanException {
		final byte[] good = Files.readAllBytes(MODEL);
		final Path corrupt = tmp.resolve("corrupt.onnx");
		final byte[] c = good.clone();
		for (int i = 0; i < 4096; i++)
			c[i] = (byte) (i * 31 + 7);
		Files.write(corrupt, c);
		final Path truncated = tmp.resolve("truncated.onnx");
		Files.write(truncated, Arrays.copyOf(good, good.length / 2));
		final Path png = tmp.resolve("photo.onnx");
		Files.copy(FIXTURES.resolve("astronaut_128x96.png"), png);
		final Path empty = Files.createFile(tmp.resolve("empty.onnx"));
		for (final Path bad : new Path[] { corrupt, truncated, png, empty }) {
			final ImagePlus imp = new ImagePlus("in", photo(16, 16, 2));
			assertRefused(imp, settings().with("model", bad.toString()), "could not be loaded");
		}
	}

	@Test
	void classifierAndWrongChannelCount() throws AnimeGanException {
		final ImagePlus imp = new ImagePlus("in", photo(16, 16, 3));
		assertRefused(imp, settings().with("model", FIXTURES.resolve("classifier.onnx").toString()),
			"classifier");
		assertRefused(imp, settings().with("model", FIXTURES.resolve("gray_input.onnx").toString()),
			"1-channel");
	}

	@Test
	void twoRunsAtOnceOnOneModelGiveTheSequentialResults() throws Exception {
		final ImagePlus a = new ImagePlus("a", photo(64, 48, 4));
		final ImagePlus b = new ImagePlus("b", photo(48, 64, 5));
		final int[] seqA = (int[]) tool.stylize(a, settings(), Progress.NONE).getProcessor()
			.getPixels();
		final int[] seqB = (int[]) tool.stylize(b, settings(), Progress.NONE).getProcessor()
			.getPixels();
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 2; round++) {
				final Future<ImagePlus> fa = pool.submit(() -> tool.stylize(a, settings(), Progress.NONE));
				final Future<ImagePlus> fb = pool.submit(() -> tool.stylize(b, settings(), Progress.NONE));
				assertArrayEquals(seqA, (int[]) fa.get().getProcessor().getPixels());
				assertArrayEquals(seqB, (int[]) fb.get().getProcessor().getPixels());
			}
		}
		finally {
			pool.shutdown();
		}
		assertEquals(1, cache.size() > 0 ? 1 : 0);
		assertNotNull(tool.generator(settings()));
	}
}
