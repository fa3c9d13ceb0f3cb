package org.animegan.fiji.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.SettingsMessages;
import org.animegan.fiji.hostile.HostileModels;
import org.animegan.fiji.model.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OnnxModelCheck} and {@link Sessions}: every place a tensor can hide external data is
 * refused with one sentence naming the file, real models pass unchanged.
 */
class OnnxModelCheckTest {

	private static final String OUTSIDE = "takes its data from outside the model file";

	@TempDir
	Path tmp;

	@Test
	void realModelsPassAndTheBytesReadAreTheFile() throws Exception {
		for (final String name : new String[] { "generator_v3_nhwc.onnx", "generator_nchw.onnx",
			"generator_nhwc.onnx", "classifier.onnx" })
		{
			final Path file = Fixtures.path(name);
			final ByteBuffer read = OnnxModelCheck.read(file);
			final byte[] bytes = new byte[read.remaining()];
			read.get(bytes);
			DirectBuffers.free(read);
			assertArrayEquals(Files.readAllBytes(file), bytes, name);
		}
	}

	@Test
	void theHostileModelIsARealExploitThatOnnxRuntimeLoadsByPath() throws Exception {
		// Guards the tests below: without the check, ORT accepts this file and reads /etc/passwd.
		final Path file = write(HostileModels.externalInitializer(HostileModels.SECRET));
		try (SessionOptions o = new SessionOptions(); OrtSession s = DjlRuntime.environment()
			.createSession(file.toString(), o))
		{
			assertFalse(s.getInputNames().isEmpty());
		}
		refused(file, OUTSIDE, HostileModels.SECRET);
	}

	@Test
	void externalInitializerRelativeToTheModelFolderIsRefused() throws Exception {
		Files.write(tmp.resolve("secret.bin"), new byte[HostileModels.BIAS_BYTES]);
		final Path file = tmp.resolve("models").resolve("m.onnx");
		HostileModels.write(HostileModels.externalInitializer("../secret.bin"), file);
		refused(file, OUTSIDE, "../secret.bin");
	}

	@Test
	void externalDataInNodesAndSubgraphsIsRefused() throws Exception {
		refused(write(HostileModels.externalInConstant(HostileModels.SECRET)), OUTSIDE,
			"hostile_value");
		refused(write(HostileModels.externalInIf(HostileModels.SECRET)), OUTSIDE, "hostile_value");
		// In a subgraph ONNX's own checker stops absolute and ../ paths, but not a link in the folder.
		Files.createSymbolicLink(tmp.resolve("leak.bin"), Path.of(HostileModels.SECRET));
		final Path viaLink = write(HostileModels.externalInIf("leak.bin"));
		try (SessionOptions o = new SessionOptions(); OrtSession s = DjlRuntime.environment()
			.createSession(viaLink.toString(), o))
		{
			assertFalse(s.getInputNames().isEmpty());
		}
		refused(viaLink, OUTSIDE, "leak.bin");
	}

	@Test
	void everyOtherPlaceATensorCanSitIsChecked() throws Exception {
		final OnnxMl.ModelProto base = HostileModels.generator();
		final OnnxMl.TensorProto leak = HostileModels.external(base.getGraph().getInitializer(0),
			HostileModels.SECRET);
		final OnnxMl.TensorProto plain = base.getGraph().getInitializer(0);
		final OnnxMl.TensorProto indices = OnnxMl.TensorProto.newBuilder().setName("idx").setDataType(
			OnnxMl.TensorProto.DataType.INT64.getNumber()).addDims(1).addInt64Data(0).build();

		// Sparse initializer: its values, and its indices.
		checkRefused(withGraph(base, base.getGraph().toBuilder().addSparseInitializer(
			OnnxMl.SparseTensorProto.newBuilder().setValues(leak).setIndices(indices))));
		checkRefused(withGraph(base, base.getGraph().toBuilder().addSparseInitializer(
			OnnxMl.SparseTensorProto.newBuilder().setValues(plain).setIndices(HostileModels.external(
				indices, HostileModels.SECRET)))));
		// Attributes: TENSORS, SPARSE_TENSOR, SPARSE_TENSORS.
		checkRefused(withNode(base, attribute("a").setType(OnnxMl.AttributeProto.AttributeType.TENSORS)
			.addTensors(plain).addTensors(leak)));
		checkRefused(withNode(base, attribute("a").setType(
			OnnxMl.AttributeProto.AttributeType.SPARSE_TENSOR).setSparseTensor(
				OnnxMl.SparseTensorProto.newBuilder().setValues(leak).setIndices(indices))));
		checkRefused(withNode(base, attribute("a").setType(
			OnnxMl.AttributeProto.AttributeType.SPARSE_TENSORS).addSparseTensors(
				OnnxMl.SparseTensorProto.newBuilder().setValues(leak).setIndices(indices))));
		// A tensor in a field the declared type does not name (ORT must not be trusted to ignore it).
		checkRefused(withNode(base, attribute("a").setType(OnnxMl.AttributeProto.AttributeType.INT)
			.setI(1).setT(leak)));
		// GRAPHS, and a subgraph three levels down, as initializer.
		final OnnxMl.GraphProto inner = OnnxMl.GraphProto.newBuilder().setName("inner")
			.addInitializer(leak).build();
		checkRefused(withNode(base, attribute("body").setType(OnnxMl.AttributeProto.AttributeType.GRAPHS)
			.addGraphs(inner)));
		OnnxMl.GraphProto nested = inner;
		for (int depth = 0; depth < 3; depth++)
			nested = OnnxMl.GraphProto.newBuilder().setName("level" + depth).addNode(node("Loop")
				.addAttribute(attribute("body").setType(OnnxMl.AttributeProto.AttributeType.GRAPH).setG(
					nested))).build();
		checkRefused(withGraph(base, base.getGraph().toBuilder().addNode(node("Loop").addAttribute(
			attribute("body").setType(OnnxMl.AttributeProto.AttributeType.GRAPH).setG(nested)))));
		// A model-local function, and a training graph.
		checkRefused(base.toBuilder().addFunctions(OnnxMl.FunctionProto.newBuilder().setName("f")
			.setDomain("local").addNode(HostileModels.constant("c", leak))).build());
		checkRefused(base.toBuilder().addTrainingInfo(OnnxMl.TrainingInfoProto.newBuilder()
			.setInitialization(inner)).build());
		// external_data entries without the EXTERNAL flag: not loaded by ORT 1.21, refused anyway.
		checkRefused(withGraph(base, base.getGraph().toBuilder().addInitializer(plain.toBuilder()
			.setName("x").addExternalData(HostileModels.entry("location", HostileModels.SECRET)))));
		// Control: the same shapes without external data pass.
		OnnxModelCheck.check(tmp, ByteBuffer.wrap(withNode(base, attribute("a").setType(
			OnnxMl.AttributeProto.AttributeType.TENSORS).addTensors(plain)).toByteArray()));
		OnnxModelCheck.check(tmp, ByteBuffer.wrap(base.toBuilder().addFunctions(
			OnnxMl.FunctionProto.newBuilder().setName("f").setDomain("local").addNode(HostileModels
				.constant("c", plain))).build().toByteArray()));
	}

	@Test
	void precompiledContextNodesAndRuntimeSettingsAreRefused() throws Exception {
		final OnnxMl.ModelProto base = HostileModels.generator();
		refused(write(withGraph(base, base.getGraph().toBuilder().addNode(node("EPContext").setDomain(
			"com.microsoft").addAttribute(attribute("ep_cache_context").setType(
				OnnxMl.AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString
					.copyFromUtf8("../context.bin")))))), "EPContext", "hostile_node");
		refused(write(base.toBuilder().addMetadataProps(HostileModels.entry("ort_config",
			"{\"session_options\": {\"enable_profiling\": true}}")).build()), "ort_config");
	}

	@Test
	void damagedEmptyAndOversizedFilesGiveOneSentence() throws Exception {
		final Path truncated = tmp.resolve("truncated.onnx");
		HostileModels.truncated(truncated);
		refused(truncated, "could not be loaded as an ONNX model");
		final Path text = tmp.resolve("text.onnx");
		HostileModels.garbage(text);
		refused(text, "could not be loaded as an ONNX model");
		final Path empty = Files.createFile(tmp.resolve("empty.onnx"));
		refused(empty, "could not be loaded as an ONNX model");
		final Path huge = tmp.resolve("huge.onnx");
		HostileModels.sized(huge, OnnxModelCheck.MAX_BYTES + 1);
		refused(huge, "larger than the 256 MB");
		refused(tmp.resolve("missing.onnx"), "could not be read (no such file)");
		refused(Files.createDirectory(tmp.resolve("folder.onnx")),
			"could not be read (not a regular file)");
	}

	@Test
	void subgraphsNestedBeyondProtobufsLimitAreNotAModel() throws Exception {
		// ONNX Runtime's parser stops at 100 nested messages; so does the check, without a stack overflow.
		final OnnxMl.ModelProto base = HostileModels.generator();
		OnnxMl.GraphProto nested = OnnxMl.GraphProto.newBuilder().setName("deepest").build();
		for (int depth = 0; depth < 40; depth++)
			nested = OnnxMl.GraphProto.newBuilder().setName("level" + depth).addNode(node("If")
				.addAttribute(attribute("then_branch").setType(OnnxMl.AttributeProto.AttributeType.GRAPH)
					.setG(nested))).build();
		refused(write(base.toBuilder().setGraph(nested).build()), "could not be loaded as an ONNX model");
	}

	@Test
	void generatorOpenRefusesWithTheSameSentence() throws Exception {
		final Path file = write(HostileModels.externalInitializer(HostileModels.SECRET));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Generator.open(file,
			Fixtures.THREADS));
		assertTrue(e.getMessage().contains(OUTSIDE), e.getMessage());
	}

	@Test
	void shownTextIsOneShortLine() {
		final String shown = SettingsMessages.shown("a\nb\r" + "x".repeat(200));
		assertFalse(shown.contains("\n") || shown.contains("\r"), shown);
		assertTrue(shown.length() <= 83, shown);
	}

	/** {@link Sessions#open} refuses {@code file}; the one-line message names it and each part. */
	private static void refused(final Path file, final String... says) throws Exception {
		{
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Sessions.open(
				file, RuntimeOptions.threads(1)).close());
			final String m = e.getMessage();
			assertTrue(m.contains(file.toString()), m);
			for (final String s : says)
				assertTrue(m.contains(s), m);
			assertFalse(m.contains("\n"), m);
			assertTrue(m.endsWith("."), m);
		}
	}

	private void checkRefused(final OnnxMl.ModelProto model) throws Exception {
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> OnnxModelCheck.check(
			tmp, ByteBuffer.wrap(model.toByteArray())));
		assertTrue(e.getMessage().contains(OUTSIDE), e.getMessage());
	}

	private Path write(final OnnxMl.ModelProto model) throws Exception {
		final Path file = Files.createTempFile(tmp, "hostile", ".onnx");
		HostileModels.write(model, file);
		return file;
	}

	private static OnnxMl.ModelProto withGraph(final OnnxMl.ModelProto base,
		final OnnxMl.GraphProto.Builder graph)
	{
		return base.toBuilder().setGraph(graph).build();
	}

	private static OnnxMl.ModelProto withNode(final OnnxMl.ModelProto base,
		final OnnxMl.AttributeProto.Builder attribute)
	{
		return withGraph(base, base.getGraph().toBuilder().addNode(node("Identity").addAttribute(
			attribute)));
	}

	private static OnnxMl.NodeProto.Builder node(final String op) {
		return OnnxMl.NodeProto.newBuilder().setOpType(op).setName("hostile_node");
	}

	private static OnnxMl.AttributeProto.Builder attribute(final String name) {
		return OnnxMl.AttributeProto.newBuilder().setName(name);
	}
}
