package org.animegan.fiji.model.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A generator's graph rewritten so that every normalisation layer can be given the mean and variance
 * of the whole image, so that tiles are normalised alike. Two layer forms are recognised:
 * <ul>
 * <li>{@code InstanceNormalization} on any input (the PyTorch port writes GroupNorm with one group as
 * InstanceNormalization over an [N,1,C*H*W] reshape, so this covers it too), statistics per sample
 * and channel of the flattened input, shape [N,C,1];</li>
 * <li>the chain TensorFlow exports write for instance and layer norm: {@code m = ReduceMean(x)},
 * {@code ReduceMean(Mul(x - m, x - m))} or {@code ReduceMean(Pow(x - m, 2))} over the same axes;
 * statistics in the shape of those means.</li>
 * </ul>
 * Any other normalising or reducing node ({@code ReduceMean} outside such a chain,
 * {@code LayerNormalization}, ...) makes the graph not recognised: a statistic we do not replace
 * would still differ between tiles. BatchNormalization uses fixed statistics and needs nothing.
 * <p>
 * Layer k's statistics are the graph's outputs (statistics graph) or inputs (shared graph) named
 * {@link #mean(int)} and {@link #var(int)}.
 */
public final class SharedNormGraphs {

	/** Nodes that compute statistics of their input, which tiles would then not share. */
	private static final Set<String> UNSHARED = Set.of("ReduceMean", "ReduceSum", "ReduceSumSquare",
		"ReduceL1", "ReduceL2", "ReduceLogSumExp", "ReduceMax", "ReduceMin", "ReduceProd",
		"LayerNormalization", "GroupNormalization", "MeanVarianceNormalization", "LpNormalization",
		"GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "Softmax", "LogSoftmax");

	private final ModelProto model;
	private final List<Layer> layers;
	private final int opset;

	/** One normalisation layer: an instance norm node, or a ReduceMean chain. */
	private static final class Layer {

		/** The InstanceNormalization node, or null for a chain. */
		NodeProto norm;
		/** Chain: m = ReduceMean(x), d = Sub(x, m), sq = d * d (or d ^ 2), v = ReduceMean(sq). */
		NodeProto meanNode;
		NodeProto sub;
		NodeProto square;
		NodeProto varNode;
	}

	private SharedNormGraphs(final ModelProto model, final List<Layer> layers) {
		this.model = model;
		this.layers = layers;
		int v = 1;
		for (final OperatorSetIdProto o : model.getOpsetImportList())
			if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) v = (int) o.getVersion();
		this.opset = v;
	}

	/** Thrown when a graph's normalisation is not one of the recognised forms; says why. */
	public static final class NotRecognised extends Exception {

		private static final long serialVersionUID = 1L;

		NotRecognised(final String why) {
			super(why);
		}
	}

	/** Reads a model and finds its normalisation layers (none is fine: tiles then need nothing). */
	public static SharedNormGraphs of(final ByteBuffer bytes) throws NotRecognised {
		final ModelProto model;
		try {
			model = ModelProto.parseFrom(bytes.duplicate());
		}
		catch (final InvalidProtocolBufferException e) {
			throw new NotRecognised(GraphMessages.notOnnx());
		}
		final GraphProto g = model.getGraph();
		final Map<String, List<NodeProto>> consumers = new HashMap<>();
		for (final NodeProto n : g.getNodeList()) {
			for (final String i : n.getInputList())
				consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
		}
		final Map<String, TensorProto> constants = constants(g);
		final List<Layer> layers = new ArrayList<>();
		final Set<NodeProto> matched = new HashSet<>();
		for (final NodeProto n : g.getNodeList()) {
			if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) continue;
			if (n.getOpType().equals("InstanceNormalization")) {
				final Layer l = new Layer();
				l.norm = n;
				layers.add(l);
			}
			else if (n.getOpType().equals("ReduceMean") && !matched.contains(n)) {
				final Layer l = chainFrom(n, consumers, constants);
				if (l == null) continue; // checked below: an unmatched ReduceMean refuses the graph
				matched.add(n);
				matched.add(l.varNode);
				layers.add(l);
			}
		}
		for (final NodeProto n : g.getNodeList())
			if (UNSHARED.contains(n.getOpType()) && !matched.contains(n)) throw new NotRecognised(
				GraphMessages.unknownOp(n.getOpType(), n.getName().isEmpty() ? n.getOutput(0) : n
					.getName()));
		return new SharedNormGraphs(model, layers);
	}

	/** The chain that the ReduceMean {@code mean} starts, or null if it starts none. */
	private static Layer chainFrom(final NodeProto mean, final Map<String, List<NodeProto>> consumers,
		final Map<String, TensorProto> constants)
	{
		final String x = mean.getInput(0), m = mean.getOutput(0);
		// tf.nn.moments subtracts stop_gradient(mean), which tf2onnx writes as an Identity.
		final Set<String> means = new HashSet<>(List.of(m));
		final List<NodeProto> readers = new ArrayList<>(consumers.getOrDefault(m, List.of()));
		for (final NodeProto n : consumers.getOrDefault(m, List.of()))
			if (n.getOpType().equals("Identity")) {
				means.add(n.getOutput(0));
				readers.addAll(consumers.getOrDefault(n.getOutput(0), List.of()));
			}
		for (final NodeProto sub : readers) {
			if (!sub.getOpType().equals("Sub") || !sub.getInput(0).equals(x) || !means.contains(sub
				.getInput(1))) continue;
			final String d = sub.getOutput(0);
			for (final NodeProto sq : consumers.getOrDefault(d, List.of())) {
				final boolean square = sq.getOpType().equals("Mul") && sq.getInput(0).equals(d) && sq
					.getInput(1).equals(d) || sq.getOpType().equals("Pow") && sq.getInput(0).equals(d) &&
						isTwo(constants.get(sq.getInput(1)));
				if (!square) continue;
				for (final NodeProto r : consumers.getOrDefault(sq.getOutput(0), List.of()))
					if (r.getOpType().equals("ReduceMean") && sameReduction(mean, r)) {
						final Layer l = new Layer();
						l.meanNode = mean;
						l.sub = sub;
						l.square = sq;
						l.varNode = r;
						return l;
					}
			}
		}
		return null;
	}

	private static boolean sameReduction(final NodeProto a, final NodeProto b) {
		return a.getAttributeList().equals(b.getAttributeList()) && (a.getInputCount() < 2 ? b
			.getInputCount() < 2 : b.getInputCount() >= 2 && a.getInput(1).equals(b.getInput(1)));
	}

	private static boolean isTwo(final TensorProto t) {
		if (t == null) return false;
		if (t.getFloatDataCount() == 1) return t.getFloatData(0) == 2f;
		if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getRawData().size() == 4) {
			return ByteBuffer.wrap(t.getRawData().toByteArray()).order(java.nio.ByteOrder.LITTLE_ENDIAN)
				.getFloat() == 2f;
		}
		return false;
	}

	private static Map<String, TensorProto> constants(final GraphProto g) {
		final Map<String, TensorProto> c = new HashMap<>();
		for (final TensorProto t : g.getInitializerList())
			c.put(t.getName(), t);
		for (final NodeProto n : g.getNodeList())
			if (n.getOpType().equals("Constant")) for (final AttributeProto a : n.getAttributeList())
				if (a.getName().equals("value")) c.put(n.getOutput(0), a.getT());
		return c;
	}

	/** The number of normalisation layers (0: tiles need no shared statistics). */
	public int layers() {
		return layers.size();
	}

	/** Input or output name of layer k's mean. */
	public static String mean(final int k) {
		return "shared_norm_mean_" + k;
	}

	/** Input or output name of layer k's variance (biased, as the layers use it). */
	public static String var(final int k) {
		return "shared_norm_var_" + k;
	}

	/** Output name of layer k's own statistic (what the layer's input had). */
	public static String own(final String statistic) {
		return statistic + "_own";
	}

	/**
	 * The graph with inputs for every layer's mean and variance and the input {@link #WEIGHT} w,
	 * normalising each layer with own + w (given - own), and with every layer's own statistics (those
	 * of its input) as outputs {@link #own own(mean(k))}, {@code own(var(k))}. With w = 0 it is the
	 * model itself, and outputs the statistics of a whole image (the given ones may then be any
	 * broadcastable tensor, such as a single 0); with w = 1 every layer takes the given statistics. One
	 * graph for both, so that one ONNX Runtime session (and one memory arena) serves both.
	 */
	public byte[] combined() {
		final Builder b = new Builder();
		b.input(WEIGHT);
		// Chains: every reader of the layer's mean and variance takes the mixed ones instead, except the
		// chain itself, which goes on computing the tile's own.
		final Map<String, String> rename = new HashMap<>();
		final Map<NodeProto, Integer> index = new HashMap<>();
		for (int k = 0; k < layers.size(); k++) {
			final Layer l = layers.get(k);
			b.input(mean(k));
			b.input(var(k));
			index.put(l.norm != null ? l.norm : l.sub, k);
			if (l.norm == null) {
				index.put(l.meanNode, k);
				index.put(l.varNode, k);
				rename.put(l.meanNode.getOutput(0), b.used(mean(k)));
				rename.put(l.varNode.getOutput(0), b.used(var(k)));
			}
		}
		for (final NodeProto n : model.getGraph().getNodeList()) {
			final Integer k = index.get(n);
			final Layer l = k == null ? null : layers.get(k);
			if (l == null) {
				final NodeProto.Builder nb = n.toBuilder();
				for (int i = 0; i < nb.getInputCount(); i++) {
					final String r = rename.get(nb.getInput(i));
					if (r != null) nb.setInput(i, r);
				}
				b.nodes.add(l == null && isSquare(n) ? square(n) : nb.build());
			}
			else if (l.norm != null) b.normalise(n, k);
			else if (n == l.meanNode || n == l.varNode) {
				b.nodes.add(n);
				final String stat = n == l.meanNode ? mean(k) : var(k);
				b.node("Identity", own(stat), n.getOutput(0));
				b.mix(own(stat), stat);
			}
			else {
				// The layer's own deviation feeds its variance; the other readers get x - mixed mean.
				final String local = own(n.getOutput(0));
				b.nodes.add(n.toBuilder().setOutput(0, local).setName(local).build());
				b.node("Sub", n.getOutput(0), n.getInput(0), b.used(mean(k)));
			}
		}
		for (int k = 0; k < layers.size(); k++) {
			b.output(own(mean(k)));
			b.output(own(var(k)));
		}
		return b.build();
	}

	/** The graph input that says how much of the given statistics the layers take (0 or 1). */
	public static final String WEIGHT = "shared_norm_weight";

	private boolean isSquare(final NodeProto n) {
		for (final Layer l : layers)
			if (n == l.square) return true;
		return false;
	}

	/** A chain's square as rewritten: it reads the layer's own deviation. */
	private NodeProto square(final NodeProto n) {
		Layer of = null;
		for (final Layer l : layers)
			if (n == l.square) of = l;
		final String local = own(of.sub.getOutput(0));
		final NodeProto.Builder sq = n.toBuilder().setInput(0, local);
		if (n.getOpType().equals("Mul")) sq.setInput(1, local);
		return sq.build();
	}

	/** Collects new nodes (in graph order), inputs, outputs and constants, then writes the model. */
	private final class Builder {

		final List<NodeProto> nodes = new ArrayList<>();
		private final List<ValueInfoProto> inputs = new ArrayList<>();
		private final List<ValueInfoProto> outputs = new ArrayList<>();
		private final List<TensorProto> consts = new ArrayList<>();
		private final Set<String> constNames = new HashSet<>();

		private String name(final String base) {
			return "shared_norm/" + base;
		}

		private String longs(final String n, final long... v) {
			final String name = name(n);
			if (constNames.add(name)) {
				final TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(
					TensorProto.DataType.INT64_VALUE).addDims(v.length);
				for (final long x : v)
					t.addInt64Data(x);
				consts.add(t.build());
			}
			return name;
		}

		private String scalar(final String n, final float v) {
			final String name = name(n);
			if (constNames.add(name)) consts.add(TensorProto.newBuilder().setName(name).setDataType(
				TensorProto.DataType.FLOAT_VALUE).addFloatData(v).build());
			return name;
		}

		String node(final String op, final String out, final String... in) {
			final NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name("node/" + out))
				.addOutput(out);
			for (final String i : in)
				n.addInput(i);
			nodes.add(n.build());
			return out;
		}

		/** The input of layer k's instance norm as [N, C, L]. */
		String flat(final String x, final int k) {
			return node("Reshape", name(k + "/flat"), x, longs("shape_n_c_rest", 0, 0, -1));
		}

		/** Mean over the last axis of [N, C, L], kept as [N, C, 1]. */
		private String meanOverLast(final String in, final String out) {
			if (opset >= 18) return node("ReduceMean", out, in, longs("axis_2", 2));
			nodes.add(NodeProto.newBuilder().setOpType("ReduceMean").setName(name("node/" + out)).addOutput(out)
				.addInput(in).addAttribute(AttributeProto.newBuilder().setName("axes").setType(
					AttributeProto.AttributeType.INTS).addInts(2)).addAttribute(AttributeProto.newBuilder()
						.setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(1)).build());
			return out;
		}

		/** Layer k's own mean and variance of a flattened [N, C, L] tensor, as outputs. */
		private void statistics(final String flat, final int k) {
			final String m = meanOverLast(flat, own(mean(k)));
			final String d = node("Sub", name(k + "/dev"), flat, m);
			meanOverLast(node("Mul", name(k + "/sq"), d, d), own(var(k)));
		}

		/** The statistic a layer uses: own + w (given - own). */
		String used(final String given) {
			return name(given + "/used");
		}

		void mix(final String own, final String given) {
			node("Add", used(given), own, node("Mul", name(given + "/shift"), WEIGHT, node("Sub", name(
				given + "/diff"), given, own)));
		}

		/** Layer k's instance norm with the mixed statistics: (x - m) / sqrt(v + eps) * s + b. */
		void normalise(final NodeProto norm, final int k) {
			float eps = 1e-5f;
			for (final AttributeProto a : norm.getAttributeList())
				if (a.getName().equals("epsilon")) eps = a.getF();
			final String flat = flat(norm.getInput(0), k);
			statistics(flat, k);
			mix(own(mean(k)), mean(k));
			mix(own(var(k)), var(k));
			final String d = node("Sub", name(k + "/centred"), flat, used(mean(k)));
			final String sd = node("Sqrt", name(k + "/sd"), node("Add", name(k + "/var_eps"), used(var(
				k)), scalar("eps_" + k, eps)));
			final String n = node("Div", name(k + "/normed"), d, sd);
			final String col = longs("shape_c_1", -1, 1);
			final String scaled = node("Mul", name(k + "/scaled"), n, node("Reshape", name(k + "/scale"),
				norm.getInput(1), col));
			final String y = node("Add", name(k + "/shifted"), scaled, node("Reshape", name(k + "/bias"),
				norm.getInput(2), col));
			node("Reshape", norm.getOutput(0), y, node("Shape", name(k + "/shape"), norm.getInput(0)));
		}

		void input(final String name) {
			inputs.add(floatValue(name));
		}

		void output(final String name) {
			outputs.add(floatValue(name));
		}

		private ValueInfoProto floatValue(final String name) {
			return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
				.setTensorType(TypeProto.Tensor.newBuilder().setElemType(
					TensorProto.DataType.FLOAT_VALUE))).build();
		}

		byte[] build() {
			final GraphProto.Builder g = model.getGraph().toBuilder().clearNode().addAllNode(nodes)
				.addAllInput(inputs).addAllOutput(outputs).addAllInitializer(consts);
			return model.toBuilder().setGraph(g).build().toByteArray();
		}
	}
}
