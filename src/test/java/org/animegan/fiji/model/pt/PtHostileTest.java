package org.animegan.fiji.model.pt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.hostile.HostileCase;
import org.animegan.fiji.hostile.PtCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crafted checkpoints of {@link PtCases} in-process, plus what the command line cannot show:
 * cancel during a conversion, how the converted model is written, and the scan of a real pickle.
 */
class PtHostileTest {

	@TempDir
	Path tmp;

	/** Each case: one sentence from the importer, within seconds, and models/ left as it was. */
	@TestFactory
	Stream<DynamicTest> everyCraftedCheckpointIsOneSentence() {
		return PtCases.cases().stream().map(c -> DynamicTest.dynamicTest(c.name, () -> {
			final Path dir = Files.createDirectories(tmp.resolve("case" + c.name.hashCode()));
			try (HostileCase.Run run = c.setup.prepare(dir)) {
				final Path pt = Path.of(run.args.get(run.args.indexOf("--model") + 1));
				final long start = System.nanoTime();
				final AnimeGanException e = assertThrows(AnimeGanException.class, () -> PtConverter
					.ensureOnnx(pt, Progress.NONE));
				final long ms = (System.nanoTime() - start) / 1_000_000;
				assertTrue(ms < 5000, ms + " ms");
				assertFalse(e.getMessage().contains("\n"), e.getMessage());
				assertFalse(e.getMessage().matches(".*[A-Za-z]+(Exception|Error).*"), e.getMessage());
				run.after.verify(new HostileCase.Outcome(2, e.getMessage(), 0, ms));
			}
		}));
	}

	@Test
	void aCheckpointOfSharedViewsConvertsAndItsStorageIsReadOnce() throws Exception {
		final Path pt = PtCases.Checkpoint.generator().write(tmp.resolve("shared.pt"));
		final Map<String, TorchTensor> t = TorchCheckpoint.read(pt);
		assertEquals(AnimeGan2Onnx.expectedShapes().keySet(), t.keySet());
		// Views at offset 0 of one storage: every tensor starts with the same values.
		assertEquals(t.get("block_a.0.1.weight").data()[5], t.get("out_layer.0.weight").data()[5]);
		final Path onnx = PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(List.of("shared.onnx", "shared.pt"), PtCases.listing(tmp));
		assertTrue(Files.size(onnx) > 8_000_000, "every weight is written: " + Files.size(onnx));
	}

	@Test
	void aCheckpointWithOneStoragePerTensorConverts() throws Exception {
		final Path pt = PtCases.Checkpoint.generator().ownStorages(0).write(tmp.resolve("own.pt"));
		final Map<String, TorchTensor> t = TorchCheckpoint.read(pt);
		assertEquals(AnimeGan2Onnx.expectedShapes().keySet(), t.keySet());
		// Same seed, storage after storage: the first two differ.
		assertFalse(t.get("block_a.0.1.weight").data()[5] == t.get("block_a.0.2.weight").data()[5]);
		PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(List.of("own.onnx", "own.pt"), PtCases.listing(tmp));
	}

	@Test
	void theStorageCapCoversTheGeneratorWithLessThanTwiceItsSize() {
		long params = 0;
		for (final long[] s : AnimeGan2Onnx.expectedShapes().values()) {
			long n = 1;
			for (final long d : s)
				n *= d;
			params += n;
		}
		assertTrue(params * 4 < TorchCheckpoint.MAX_STORAGE_BYTES, "cap below the generator");
		assertTrue(TorchCheckpoint.MAX_STORAGE_BYTES < params * 4 * 2, "cap far above the generator");
	}

	@Test
	void theScanAcceptsWhatTorchSaveWrote() throws Exception {
		try (ZipFile z = new ZipFile(PtImportTest.FIXTURES.resolve("generator_v2.pt").toFile())) {
			PickleScanner.check(z.getInputStream(z.getEntry("generator_v2/data.pkl")).readAllBytes());
		}
	}

	@Test
	void scanRefusesTruncatedAndOversizedArguments() {
		for (final byte[] p : new byte[][] { { (byte) 0x80, 2, '}' }, // no STOP
			{ (byte) 0x80, 2, 'X', 5, 0, 0, 0, 'a', '.' }, // BINUNICODE longer than the file
			{ (byte) 0x80, 2, 'J', 1 }, // BININT cut short
			{ (byte) 0x80, 5, '}', '.' }, // protocol 5
			{ (byte) 0x80, 2, (byte) 0x8a, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, '.' }, // 9-byte LONG1
			{ (byte) 0x80, 2, '}', 'r', 0, 0, 0, (byte) 0x80, '.' }, // memo index 2^31
			{ (byte) 0x80, 2, '(', 'K', 1, 'u', '.' } }) // SETITEMS on no dict
		{
			assertThrows(PickleScanner.Malformed.class, () -> PickleScanner.check(p));
		}
	}

	@Test
	void cancelAtAnyPointLeavesNoFile() throws Exception {
		final Path pt = Files.copy(PtImportTest.FIXTURES.resolve("generator_v2.pt"), tmp.resolve(
			"g.pt"));
		int lastCancelled = -1;
		// Every early check, a few in between, and every check around the end of the storages.
		for (int allowed = 0;; allowed += allowed < 3 || allowed >= 75 ? 1 : 24) {
			final AtomicInteger checks = new AtomicInteger();
			final int limit = allowed;
			final Progress cancelAfter = new Progress() {

				@Override
				public boolean isCancelled() {
					return checks.incrementAndGet() > limit;
				}
			};
			try {
				PtConverter.ensureOnnx(pt, cancelAfter);
				break;
			}
			catch (final CancelledException e) {
				lastCancelled = limit;
				assertEquals(List.of("g.pt"), PtCases.listing(tmp), "after a cancel at check " + limit);
			}
		}
		// One check per storage read (77), after reading, after converting and before the move.
		assertTrue(lastCancelled >= 77, "last cancelled after " + lastCancelled + " checks");
		assertEquals(List.of("g.onnx", "g.pt"), PtCases.listing(tmp));
	}

	@Test
	void theConvertedModelHasTheUsersNormalPermissions() throws Exception {
		if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return;
		final Path pt = Files.copy(PtImportTest.FIXTURES.resolve("generator_v2.pt"), tmp.resolve(
			"g.pt"));
		final Set<PosixFilePermission> normal = Files.getPosixFilePermissions(Files.createFile(tmp
			.resolve("plain")));
		final Path onnx = PtConverter.ensureOnnx(pt, Progress.NONE);
		assertEquals(normal, Files.getPosixFilePermissions(onnx), "as any file the user creates");
	}
}
