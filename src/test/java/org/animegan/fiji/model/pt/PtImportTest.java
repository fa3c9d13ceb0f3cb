package org.animegan.fiji.model.pt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, checking and converting PyTorch checkpoints, and refusing unsafe ones. */
class PtImportTest {

	static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");

	@TempDir
	Path tmp;

	@Test
	void readsEveryTensorOfTheFixtureWithTheArchitecturesShapes() throws Exception {
		final Map<String, TorchTensor> t = TorchCheckpoint.read(FIXTURES.resolve("generator_v2.pt"));
		assertEquals(AnimeGan2Onnx.expectedShapes().keySet(), t.keySet());
		long params = 0;
		for (final TorchTensor x : t.values())
			params += x.data().length;
		// make_fixtures.py prints 2.14 M parameters for this generator.
		assertTrue(params > 2_100_000 && params < 2_200_000, "parameters " + params);
		AnimeGan2Onnx.check(t, "generator_v2.pt");
	}

	@Test
	void convertedCheckpointReproducesPyTorchWithinOneLevel() throws Exception {
		final Path pt = Files.copy(FIXTURES.resolve("generator_v2.pt"), tmp.resolve("g.pt"));
		final Path onnx = PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(tmp.resolve("g.onnx"), onnx);
		final ImagePlus in = IJ.openImage(FIXTURES.resolve("astronaut_128x96.png").toString());
		final ImagePlus ref = IJ.openImage(FIXTURES.resolve("reference_128x96.png").toString());
		try (ModelCache cache = new ModelCache()) {
			final ImagePlus out = new AnimeGan(cache, new ModelLocator(tmp)).stylize(in, Settings.of(
				"model", onnx.toString(), "input_size", "native", "threads", "1"), Progress.NONE);
			assertTrue(maxDifference(out, ref) <= 1, "max difference " + maxDifference(out, ref));
		}
	}

	@Test
	void convertsOnceAndAgainWhenTheCheckpointIsNewer() throws Exception {
		final Path pt = Files.copy(FIXTURES.resolve("generator_v2.pt"), tmp.resolve("g.pt"));
		final Path onnx = PtConverter.ensureOnnx(pt, Progress.NONE);
		final FileTime old = FileTime.fromMillis(Files.getLastModifiedTime(pt).toMillis() + 60_000);
		Files.setLastModifiedTime(onnx, old);
		PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(old, Files.getLastModifiedTime(onnx), "an up-to-date conversion is reused");
		final long size = Files.size(onnx);
		Files.write(onnx, new byte[] { 1, 2, 3 }); // a stale, broken conversion
		Files.setLastModifiedTime(onnx, old);
		Files.setLastModifiedTime(pt, FileTime.fromMillis(old.toMillis() + 60_000));
		PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(size, Files.size(onnx), "a newer .pt is converted again");
		final FileTime converted = Files.getLastModifiedTime(onnx);
		PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(converted, Files.getLastModifiedTime(onnx), "and then reused");
	}

	@Test
	void maliciousPickleIsRefusedBeforeAnythingRuns() throws Exception {
		final Path flag = Paths.get("/tmp/animegan_pwned");
		Files.deleteIfExists(flag);
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> TorchCheckpoint.read(
			FIXTURES.resolve("malicious.pt")));
		assertTrue(e.getMessage().contains("posix.system") || e.getMessage().contains("os.system"), e
			.getMessage());
		assertFalse(Files.exists(flag), "the payload must not run");
		assertFalse(Files.exists(FIXTURES.resolve("malicious.onnx")));
	}

	@Test
	void refusesEveryGlobalOutsideTheAllowList() {
		for (final String[] g : new String[][] { { "os", "system" }, { "subprocess", "Popen" }, {
			"builtins", "eval" }, { "torch", "load" }, { "torch._utils", "_rebuild_qtensor" } })
		{
			final RestrictedUnpickler.RefusedException e = assertThrows(
				RestrictedUnpickler.RefusedException.class, () -> RestrictedUnpickler.global(g[0], g[1]));
			assertEquals(g[0] + "." + g[1], e.getMessage());
		}
	}

	@Test
	void wrongShapeAndMissingKeyAreNamed() {
		final AnimeGanException shape = assertThrows(AnimeGanException.class, () -> PtConverter
			.convert(FIXTURES.resolve("bad_shape.pt")));
		assertTrue(shape.getMessage().contains("'block_b.0.1.weight'") && shape.getMessage().contains(
			"[128, 32, 3, 3]"), shape.getMessage());
		final AnimeGanException missing = assertThrows(AnimeGanException.class, () -> PtConverter
			.convert(FIXTURES.resolve("missing_key.pt")));
		assertTrue(missing.getMessage().contains("'block_c.2.layers.1.1.weight'") && missing
			.getMessage().contains("missing"), missing.getMessage());
	}

	@Test
	void pathTraversalAndNonZipFilesAreRefused() throws Exception {
		final Path evil = tmp.resolve("evil.pt");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(evil))) {
			z.putNextEntry(new ZipEntry("archive/data.pkl"));
			z.write(new byte[] { (byte) 0x80, 2, '}', '.' });
			z.putNextEntry(new ZipEntry("archive/../../escape"));
			z.write(1);
		}
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> TorchCheckpoint.read(
			evil));
		assertTrue(e.getMessage().contains("archive/../../escape"), e.getMessage());
		final Path text = Files.writeString(tmp.resolve("text.pt"), "not a zip");
		assertThrows(AnimeGanException.class, () -> TorchCheckpoint.read(text));
	}

	@Test
	void oversizedPickleIsRefused() throws IOException {
		final Path big = tmp.resolve("big.pt");
		try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(big))) {
			z.putNextEntry(new ZipEntry("archive/data.pkl"));
			final byte[] zeros = new byte[1 << 20];
			for (long i = 0; i <= TorchCheckpoint.MAX_PICKLE_BYTES / zeros.length; i++)
				z.write(zeros); // compresses to almost nothing: a zip bomb in miniature
		}
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> TorchCheckpoint.read(
			big));
		assertTrue(e.getMessage().contains("larger"), e.getMessage());
	}

	/** Largest absolute difference over all RGB channels of two RGB images of the same size. */
	static int maxDifference(final ImagePlus a, final ImagePlus b) {
		assertEquals(a.getWidth(), b.getWidth());
		assertEquals(a.getHeight(), b.getHeight());
		final int[] pa = (int[]) a.getProcessor().convertToRGB().getPixels();
		final int[] pb = (int[]) b.getProcessor().convertToRGB().getPixels();
		int max = 0;
		for (int i = 0; i < pa.length; i++)
			for (int s = 0; s <= 16; s += 8)
				max = Math.max(max, Math.abs((pa[i] >> s & 0xff) - (pb[i] >> s & 0xff)));
		return max;
	}

}
