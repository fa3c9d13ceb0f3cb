package org.animegan.fiji.model.precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.RecordingProgress;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.RuntimeOptions.Precision;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.cli.AnimeGanCliAccess;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the copies go, when they are made again, and fp16's refusal on the CPU (tiny v3 model). */
class PrecisionCopiesTest {

	@TempDir
	Path dir;

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	private Path model(final String fixture) throws Exception {
		final Path copy = dir.resolve("model.onnx");
		Files.copy(Fixtures.path(fixture), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		return copy;
	}

	@Test
	void theCopyIsMadeOnceNextToTheModelAndReused() throws Exception {
		final Path file = model("generator_v3_nhwc.onnx");
		final Path copy = PrecisionCopies.ensure(file, Precision.INT8, 1);
		assertEquals(dir, copy.getParent());
		assertTrue(copy.getFileName().toString().matches("model\\.onnx\\.int8-[0-9a-f]{12}"), copy
			.toString());
		final FileTime made = FileTime.fromMillis(1_000_000_000_000L);
		Files.setLastModifiedTime(copy, made);
		assertEquals(copy, PrecisionCopies.ensure(file, Precision.INT8, 1));
		assertEquals(made, Files.getLastModifiedTime(copy), "not written again");
		assertEquals(List.of("model.onnx", copy.getFileName().toString()), files(), "no .part left");
	}

	@Test
	void aChangedModelGetsANewCopyAndTheOldOneGoes() throws Exception {
		final Path file = model("generator_v3_nhwc.onnx");
		final Path first = PrecisionCopies.ensure(file, Precision.FP16, 1);
		model("gray_input.onnx"); // another model under the same name
		final Path second = PrecisionCopies.ensure(file, Precision.FP16, 1);
		assertNotEquals(first, second);
		assertFalse(Files.exists(first));
		assertEquals(List.of("model.onnx", second.getFileName().toString()), files());
	}

	@Test
	void theGeneratorOfAnInt8RunIsTheCopyAndPassesTheModelCheck() throws Exception {
		final Path file = model("generator_v3_nhwc.onnx");
		try (ModelCache cache = new ModelCache()) {
			final AnimeGan tool = new AnimeGan(cache);
			final Settings int8 = Settings.of("model", file.toString(), "precision", "int8", "threads",
				"1");
			final RecordingProgress progress = new RecordingProgress();
			final Generator g = tool.generator(int8.model(), int8.runtime(), progress);
			// Opened through engine.Sessions, which checks every model it is given.
			final Path copy = PrecisionCopies.ensure(file, Precision.INT8, 1);
			assertEquals(copy, g.file());
			tool.generator(int8.model(), int8.runtime(), progress);
			assertEquals(1, cache.loads());
			final String running = PrecisionMessages.runningCopy(Precision.INT8, copy);
			assertEquals(1, progress.logs.stream().filter(running::equals).count(), () -> "once per load: " +
				progress.logs);
		}
	}

	@Test
	void fp16IsRefusedOnTheCpuInOneSentenceBeforeAnythingIsWritten() throws Exception {
		final Path file = model("generator_v3_nhwc.onnx");
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> PrecisionCopies
			.forRuntime(file, RuntimeOptions.threads(1).withPrecision(Precision.FP16)));
		assertEquals(PrecisionMessages.fp16OnCpu(), e.getMessage());
		assertTrue(e.getMessage().contains("CPU") && e.getMessage().contains("slower"), e
			.getMessage());
		assertEquals(1, e.getMessage().split("\\. ").length, "one sentence");
		try (ModelCache cache = new ModelCache()) {
			final AnimeGanException viaSettings = assertThrows(AnimeGanException.class,
				() -> new AnimeGan(cache).generator(Settings.of("model", file.toString(), "precision",
					"fp16")));
			assertEquals(PrecisionMessages.fp16OnCpu(), viaSettings.getMessage());
		}
		assertEquals(List.of("model.onnx"), files());
	}

	@Test
	void theCommandLineRunsInt8AndRefusesFp16WithExitCode2() throws Exception {
		final Path file = model("generator_v3_nhwc.onnx");
		final Path out = dir.resolve("out.png");
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		final PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
		final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true,
			StandardCharsets.UTF_8);
		final String photo = Fixtures.path("astronaut_128x96.png").toString();
		assertEquals(2, new AnimeGanCliAccess().run(quiet, errs, "--model", file.toString(),
			"--precision", "fp16", photo, "-o", out.toString()));
		assertTrue(err.toString(StandardCharsets.UTF_8).contains(PrecisionMessages.fp16OnCpu()), err
			.toString(StandardCharsets.UTF_8));
		assertFalse(Files.exists(out));
		assertEquals(0, new AnimeGanCliAccess().run(quiet, errs, "--model", file.toString(),
			"--precision", "int8", "--threads", "1", photo, "-o", out.toString()));
		assertTrue(Files.size(out) > 0);
	}

	@Test
	void modelsThatCannotBeQuantizedAreRefusedInOneSentenceAndNothingIsWritten() throws Exception {
		final Path file = dir.resolve("model.onnx");
		Files.write(file, "not a model".getBytes(StandardCharsets.UTF_8));
		final AnimeGanException notOnnx = assertThrows(AnimeGanException.class, () -> PrecisionCopies
			.ensure(file, Precision.INT8, 1));
		assertTrue(notOnnx.getMessage().contains("could not be loaded as an ONNX model"), notOnnx
			.getMessage());
		identity(file, 17);
		assertEquals(PrecisionMessages.nothingToQuantize("model.onnx"), assertThrows(
			AnimeGanException.class, () -> PrecisionCopies.ensure(file, Precision.INT8, 1)).getMessage());
		identity(file, 11);
		assertEquals(PrecisionMessages.opsetTooOld("model.onnx", 11), assertThrows(
			AnimeGanException.class, () -> PrecisionCopies.ensure(file, Precision.INT8, 1)).getMessage());
		assertEquals(List.of("model.onnx"), files());
	}

	/** A model without convolutions: y = x. */
	private static void identity(final Path file, final int opset) throws Exception {
		final OnnxMl.ValueInfoProto.Builder x = OnnxMl.ValueInfoProto.newBuilder().setName("x")
			.setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
				.setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)));
		final OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("identity").addInput(x)
			.addOutput(x.clone().setName("y")).addNode(Tensors.node("Identity", "id", "y", "x")).build();
		Files.write(file, OnnxMl.ModelProto.newBuilder().setIrVersion(7).addOpsetImport(
			OnnxMl.OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(graph).build()
			.toByteArray());
	}

	@Test
	void fp32IsTheModelItself() throws Exception {
		final Path file = model("generator_v3_nhwc.onnx");
		assertEquals(file, PrecisionCopies.forRuntime(file, Settings.defaults().runtime()));
		assertEquals(Precision.FP32, Settings.defaults().runtime().precision());
		assertEquals(List.of("model.onnx"), files());
	}

	private List<String> files() throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
