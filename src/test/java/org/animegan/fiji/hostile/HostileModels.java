package org.animegan.fiji.hostile;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * ONNX models that reach outside their file, built from the small committed generator
 * ({@code generator_v3_nhwc.onnx}) so that nothing hostile is committed. Each is a working model:
 * ONNX Runtime, given its path, loads it and reads the named file into a tensor.
 */
public final class HostileModels {

	/** A float[16] initializer of the fixture generator: 64 bytes, less than any /etc/passwd. */
	public static final String BIAS = "inner.down.bias";
	public static final int BIAS_BYTES = 64;
	public static final String SECRET = "/etc/passwd";

	private HostileModels() {}

	/** The fixture generator, parsed. */
	public static OnnxMl.ModelProto generator() throws IOException {
		return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(HostileCase.fixture(
			"generator_v3_nhwc.onnx")));
	}

	/** The generator with its {@link #BIAS} read from {@code location} instead. */
	public static OnnxMl.ModelProto externalInitializer(final String location) throws IOException {
		final OnnxMl.ModelProto model = generator();
		final OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder();
		for (int i = 0; i < graph.getInitializerCount(); i++)
			if (graph.getInitializer(i).getName().equals(BIAS)) graph.setInitializer(i, external(graph
				.getInitializer(i), location));
		return model.toBuilder().setGraph(graph).build();
	}

	/** The generator plus a Constant node whose value is read from {@code location}. */
	public static OnnxMl.ModelProto externalInConstant(final String location) throws IOException {
		final OnnxMl.ModelProto model = generator();
		final OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder().addNode(constant(
			"hostile_constant", external(bias(model), location)));
		return model.toBuilder().setGraph(graph).build();
	}

	/** The generator plus an If node whose branches hold such a Constant. */
	public static OnnxMl.ModelProto externalInIf(final String location) throws IOException {
		final OnnxMl.ModelProto model = generator();
		final OnnxMl.TensorProto leak = external(bias(model), location);
		final OnnxMl.TensorProto yes = OnnxMl.TensorProto.newBuilder().setName("yes").setDataType(
			OnnxMl.TensorProto.DataType.BOOL.getNumber()).addInt32Data(1).build();
		final OnnxMl.AttributeProto.Builder then = branch("then_branch", leak, "then_out");
		final OnnxMl.AttributeProto.Builder otherwise = branch("else_branch", leak, "else_out");
		final OnnxMl.NodeProto.Builder ifNode = OnnxMl.NodeProto.newBuilder().setOpType("If").setName(
			"hostile_if").addInput("hostile_cond").addOutput("hostile_if_out").addAttribute(then)
			.addAttribute(otherwise);
		final OnnxMl.GraphProto.Builder graph = model.getGraph().toBuilder().addNode(constant(
			"hostile_cond", yes)).addNode(ifNode);
		return model.toBuilder().setGraph(graph).build();
	}

	/** {@code t} with its data moved to {@code location} (offset 0, its own length). */
	public static OnnxMl.TensorProto external(final OnnxMl.TensorProto t, final String location) {
		return t.toBuilder().clearRawData().setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
			.addExternalData(entry("location", location)).addExternalData(entry("offset", "0"))
			.addExternalData(entry("length", String.valueOf(t.getRawData().size()))).build();
	}

	public static OnnxMl.StringStringEntryProto entry(final String key, final String value) {
		return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
	}

	/** A Constant node with output {@code name}. */
	public static OnnxMl.NodeProto constant(final String name, final OnnxMl.TensorProto value) {
		return OnnxMl.NodeProto.newBuilder().setOpType("Constant").setName(name).addOutput(name)
			.addAttribute(OnnxMl.AttributeProto.newBuilder().setName("value").setType(
				OnnxMl.AttributeProto.AttributeType.TENSOR).setT(value)).build();
	}

	public static void write(final OnnxMl.ModelProto model, final Path file) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (OutputStream out = Files.newOutputStream(file)) {
			model.writeTo(out);
		}
	}

	/** The fixture generator cut off in the middle of its weights. */
	public static void truncated(final Path file) throws IOException {
		final byte[] all = Files.readAllBytes(HostileCase.fixture("generator_v3_nhwc.onnx"));
		Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
	}

	/** Text, not protobuf: its first byte is an invalid tag. */
	public static void garbage(final Path file) throws IOException {
		Files.write(file, "this is not a model\n".repeat(50).getBytes(StandardCharsets.US_ASCII));
	}

	/** A sparse file of {@code size} bytes: no disk or time spent on it. */
	public static void sized(final Path file, final long size) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
			f.setLength(size);
		}
	}

	private static OnnxMl.TensorProto bias(final OnnxMl.ModelProto model) {
		for (final OnnxMl.TensorProto t : model.getGraph().getInitializerList())
			if (t.getName().equals(BIAS)) return t.toBuilder().setName("hostile_value").build();
		throw new IllegalStateException("The fixture generator has no " + BIAS);
	}

	private static OnnxMl.AttributeProto.Builder branch(final String name,
		final OnnxMl.TensorProto leak, final String out)
	{
		final OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName(name).addNode(
			constant(out, leak)).addOutput(OnnxMl.ValueInfoProto.newBuilder().setName(out).setType(
				OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
					.setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()))));
		return OnnxMl.AttributeProto.newBuilder().setName(name).setType(
			OnnxMl.AttributeProto.AttributeType.GRAPH).setG(g);
	}
}
