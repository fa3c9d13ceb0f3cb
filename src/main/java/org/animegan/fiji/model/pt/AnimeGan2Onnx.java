package org.animegan.fiji.model.pt;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.SettingsMessages;

/**
 * The AnimeGANv2 generator of the PyTorch port (bryandlee/animegan2-pytorch, module names as in its
 * state_dicts) written as an ONNX graph. The same {@link #define} walk lists the parameters the
 * architecture expects (to check a checkpoint) and emits the nodes (to convert it), so the check and
 * the graph cannot disagree.
 *
 * <p>Input {@code input} [N,3,H,W] in [-1,1], output {@code output} [N,3,H,W] from tanh; batch, height
 * and width are dynamic. Upsampling is bilinear with align_corners=True, the port's default.
 */
public final class AnimeGan2Onnx {

	public static final String INPUT = "input";
	public static final String OUTPUT = "output";
	static final int OPSET = 13;
	/** PyTorch's GroupNorm default. */
	static final float EPS = 1e-5f;

	/** Parameter name and shape, in the order the architecture uses them. */
	private final Map<String, long[]> expected = new LinkedHashMap<>();
	/** Null while only listing expected shapes. */
	private final Map<String, TorchTensor> weights;
	private final GraphProto.Builder graph = GraphProto.newBuilder();
	private final Set<String> initializers = new HashSet<>();
	private int counter;

	private AnimeGan2Onnx(final Map<String, TorchTensor> weights) {
		this.weights = weights;
	}

	/** Every parameter of the architecture with its shape, in order (all a checkpoint may hold). */
	public static Map<String, long[]> expectedShapes() {
		final AnimeGan2Onnx a = new AnimeGan2Onnx(null);
		a.define();
		return a.expected;
	}

	/**
	 * Checks names and shapes against the architecture.
	 *
	 * @throws AnimeGanException naming the first missing, misshapen or unexpected key
	 */
	public static void check(final Map<String, TorchTensor> tensors, final String name)
		throws AnimeGanException
	{
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		for (final Map.Entry<String, TorchTensor> e : tensors.entrySet())
			shapes.put(e.getKey(), e.getValue().shape());
		checkShapes(shapes, name);
	}

	/**
	 * Checks names and shapes (before any data is read) against the architecture.
	 *
	 * @throws AnimeGanException naming the first missing, misshapen or unexpected key
	 */
	static void checkShapes(final Map<String, long[]> shapes, final String name)
		throws AnimeGanException
	{
		final Map<String, long[]> all = expectedShapes();
		for (final Map.Entry<String, long[]> e : all.entrySet()) {
			final long[] got = shapes.get(e.getKey());
			if (got == null) throw new AnimeGanException(PtMessages.ptMissingKey(name, e.getKey()));
			if (!Arrays.equals(got, e.getValue())) {
				throw new AnimeGanException(PtMessages.ptWrongShape(name, e.getKey(), TorchTensor
					.shapeString(got), TorchTensor.shapeString(e.getValue())));
			}
		}
		for (final String key : shapes.keySet())
			if (!all.containsKey(key)) throw new AnimeGanException(PtMessages.ptUnexpectedKey(name,
				SettingsMessages.shown(key)));
	}

	/** Checks the tensors and returns the ONNX model. */
	public static OnnxMl.ModelProto convert(final Map<String, TorchTensor> tensors,
		final String name) throws AnimeGanException
	{
		check(tensors, name);
		final AnimeGan2Onnx a = new AnimeGan2Onnx(tensors);
		a.define();
		a.graph.setName("animegan2_generator");
		a.graph.addInput(imageValue(INPUT));
		a.graph.addOutput(imageValue(OUTPUT));
		return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("AnimeGAN for Fiji")
			.setDocString("Converted from the PyTorch checkpoint " + name).addOpsetImport(
				OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(a.graph)
			.build();
	}

	// -- the architecture --

	private void define() {
		String x = INPUT;
		x = cnl(x, "block_a.0", 3, 32, 7, 1, 3, 3, 3, 3, 1, false);
		x = cnl(x, "block_a.1", 32, 64, 3, 2, 0, 1, 0, 1, 1, false);
		x = cnl(x, "block_a.2", 64, 64, 3, 1, 1, 1, 1, 1, 1, false);
		final String half = x;
		x = cnl(x, "block_b.0", 64, 128, 3, 2, 0, 1, 0, 1, 1, false);
		x = cnl(x, "block_b.1", 128, 128, 3, 1, 1, 1, 1, 1, 1, false);
		x = cnl(x, "block_c.0", 128, 128, 3, 1, 1, 1, 1, 1, 1, false);
		x = invertedResidual(x, "block_c.1", 128, 256);
		x = invertedResidual(x, "block_c.2", 256, 256);
		x = invertedResidual(x, "block_c.3", 256, 256);
		x = invertedResidual(x, "block_c.4", 256, 256);
		x = cnl(x, "block_c.5", 256, 128, 3, 1, 1, 1, 1, 1, 1, false);
		x = resizeLike(x, half);
		x = cnl(x, "block_d.0", 128, 128, 3, 1, 1, 1, 1, 1, 1, false);
		x = cnl(x, "block_d.1", 128, 128, 3, 1, 1, 1, 1, 1, 1, false);
		x = resizeLike(x, INPUT);
		x = cnl(x, "block_e.0", 128, 64, 3, 1, 1, 1, 1, 1, 1, false);
		x = cnl(x, "block_e.1", 64, 64, 3, 1, 1, 1, 1, 1, 1, false);
		x = cnl(x, "block_e.2", 64, 32, 7, 1, 3, 3, 3, 3, 1, false);
		x = conv(x, "out_layer.0", 32, 3, 1, 1, 1, false);
		node("Tanh", List.of(x), OUTPUT);
	}

	/** ConvNormLReLU: reflect pad (top, bottom, left, right), conv, GroupNorm(1), LeakyReLU(0.2). */
	private String cnl(final String x, final String prefix, final int in, final int out,
		final int k, final int stride, final int top, final int bottom, final int left,
		final int right, final int groups, final boolean bias)
	{
		String y = reflectPad(x, top, bottom, left, right);
		y = conv(y, prefix + ".1", in, out, k, stride, groups, bias);
		y = groupNorm(y, prefix + ".2", out);
		return node("LeakyRelu", List.of(y), null, floatAttr("alpha", 0.2f));
	}

	private String invertedResidual(final String x, final String prefix, final int in,
		final int out)
	{
		final int bottleneck = 2 * in;
		String y = cnl(x, prefix + ".layers.0", in, bottleneck, 1, 1, 0, 0, 0, 0, 1, false);
		y = cnl(y, prefix + ".layers.1", bottleneck, bottleneck, 3, 1, 1, 1, 1, 1, bottleneck, true);
		y = conv(y, prefix + ".layers.2", bottleneck, out, 1, 1, 1, false);
		y = groupNorm(y, prefix + ".layers.3", out);
		return in == out ? node("Add", List.of(x, y), null) : y;
	}

	// -- building blocks --

	private String reflectPad(final String x, final int top, final int bottom, final int left,
		final int right)
	{
		if (top == 0 && bottom == 0 && left == 0 && right == 0) return x;
		final String pads = ints("pads", 0, 0, top, left, 0, 0, bottom, right);
		return node("Pad", List.of(x, pads), null, stringAttr("mode", "reflect"));
	}

	private String conv(final String x, final String prefix, final int in, final int out,
		final int k, final int stride, final int groups, final boolean bias)
	{
		final List<String> inputs = new ArrayList<>(List.of(x, param(prefix + ".weight", new long[] {
			out, in / groups, k, k }, null)));
		if (bias) inputs.add(param(prefix + ".bias", new long[] { out }, null));
		return node("Conv", inputs, null, intsAttr("kernel_shape", k, k), intsAttr("strides", stride,
			stride), intsAttr("pads", 0, 0, 0, 0), intsAttr("dilations", 1, 1), intAttr("group",
				groups));
	}

	/**
	 * GroupNorm with one group: InstanceNormalization over the [N, 1, C*H*W] reshape (mean and biased
	 * variance over C, H and W together), then the per-channel affine.
	 */
	private String groupNorm(final String x, final String prefix, final int channels) {
		final String shape = node("Shape", List.of(x), null);
		final String flat = node("Reshape", List.of(x, ints("flat", 0, 1, -1)), null);
		final String norm = node("InstanceNormalization", List.of(flat, floats("one", 1f), floats(
			"zero", 0f)), null, floatAttr("epsilon", EPS));
		final String back = node("Reshape", List.of(norm, shape), null);
		final long[] affine = { channels, 1, 1 };
		final String scaled = node("Mul", List.of(back, param(prefix + ".weight", new long[] {
			channels }, affine)), null);
		return node("Add", List.of(scaled, param(prefix + ".bias", new long[] { channels }, affine)),
			null);
	}

	/** Bilinear resize (align_corners) of x to the height and width of {@code like}. */
	private String resizeLike(final String x, final String like) {
		final String nc = node("Slice", List.of(node("Shape", List.of(x), null), ints("s0", 0), ints(
			"s2", 2)), null);
		final String hw = node("Slice", List.of(node("Shape", List.of(like), null), ints("s2", 2),
			ints("s4", 4)), null);
		final String sizes = node("Concat", List.of(nc, hw), null, intAttr("axis", 0));
		return node("Resize", List.of(x, "", "", sizes), null, stringAttr("mode", "linear"),
			stringAttr("coordinate_transformation_mode", "align_corners"));
	}

	// -- protobuf helpers --

	/** A weight: recorded as expected; when converting, added as an initializer of shape dims. */
	private String param(final String key, final long[] shape, final long[] dims) {
		expected.put(key, shape);
		if (weights != null && !hasInitializer(key)) {
			graph.addInitializer(floatTensor(key, dims == null ? shape : dims, weights.get(key)
				.data()));
		}
		return key;
	}

	/** True the first time a name is seen, so shared constants are added once. */
	private boolean hasInitializer(final String key) {
		return !initializers.add(key);
	}

	private String ints(final String name, final long... values) {
		final String key = "const_" + name + "_" + Arrays.toString(values).replaceAll("[^0-9-]+",
			"_");
		if (weights != null && !hasInitializer(key)) {
			final ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
			for (final long v : values)
				b.putLong(v);
			graph.addInitializer(TensorProto.newBuilder().setName(key).addDims(values.length)
				.setDataType(TensorProto.DataType.INT64_VALUE).setRawData(ByteString.copyFrom(b
					.array())));
		}
		return key;
	}

	private String floats(final String name, final float... values) {
		final String key = "const_" + name;
		if (weights != null && !hasInitializer(key)) {
			graph.addInitializer(floatTensor(key, new long[] { values.length }, values));
		}
		return key;
	}

	private static TensorProto floatTensor(final String name, final long[] dims,
		final float[] values)
	{
		final ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : values)
			b.putFloat(v);
		final TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(
			TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(b.array()));
		for (final long d : dims)
			t.addDims(d);
		return t.build();
	}

	private String node(final String op, final List<String> inputs, final String output,
		final AttributeProto... attributes)
	{
		final String out = output != null ? output : op.toLowerCase() + "_" + (counter++);
		final NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out + "_node")
			.addOutput(out);
		for (final String in : inputs)
			n.addInput(in);
		for (final AttributeProto a : attributes)
			n.addAttribute(a);
		graph.addNode(n);
		return out;
	}

	private static AttributeProto floatAttr(final String name, final float v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
			.setF(v).build();
	}

	private static AttributeProto intAttr(final String name, final long v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
			.setI(v).build();
	}

	private static AttributeProto intsAttr(final String name, final long... v) {
		final AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(
			AttributeProto.AttributeType.INTS);
		for (final long x : v)
			a.addInts(x);
		return a.build();
	}

	private static AttributeProto stringAttr(final String name, final String v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
			.setS(ByteString.copyFromUtf8(v)).build();
	}

	private static OnnxMl.ValueInfoProto imageValue(final String name) {
		final OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
		final Iterator<String> dims = List.of("batch", "3", "height", "width").iterator();
		while (dims.hasNext()) {
			final String d = dims.next();
			final OnnxMl.TensorShapeProto.Dimension.Builder dim = OnnxMl.TensorShapeProto.Dimension
				.newBuilder();
			if (d.equals("3")) dim.setDimValue(3);
			else dim.setDimParam(d);
			shape.addDim(dim);
		}
		return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
			.setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(
				TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
	}
}
