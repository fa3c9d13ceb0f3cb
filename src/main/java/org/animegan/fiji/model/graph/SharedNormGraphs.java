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

	/** The original graph with every layer's mean and variance as further outputs. */
	public byte[] statistics() {
		final Builder b = new Builder();
		b.nodes.addAll(model.getGraph().getNodeList());
		for (int k = 0; k < layers.size(); k++) {
			final Layer l = layers.get(k);
			if (l.norm != null) b.statistics(b.flat(l.norm.getInput(0), k), k, "");
			else {
				b.node("Identity", mean(k), l.meanNode.getOutput(0));
				b.node("Identity", var(k), l.varNode.getOutput(0));
			}
			b.output(mean(k));
			b.output(var(k));
		}
		return b.build();
	}

	/** Output name of layer k's own statistic in the shared graph with statistics. */
	public static String own(final String statistic) {
		return statistic + "_own";
	}

	/**
	 * The graph with every layer normalised by the statistics given as inputs; with
	 * {@code alsoStatistics}, it also outputs each layer's own statistics of its input (computed with
	 * the given statistics in the layers before), named {@link #own own(mean(k))}.
	 */
	public byte[] shared(final boolean alsoStatistics) {
		final Builder b = new Builder();
		// Chains: every reader of the tile's own mean and variance takes the given ones instead, except
		// the chain itself, which goes on computing the tile's own (an output, or pruned by ONNX Runtime).
		final Map<String, String> rename = new HashMap<>();
		final Map<NodeProto, Integer> index = new HashMap<>();
		for (int k = 0; k < layers.size(); k++) {
			final Layer l = layers.get(k);
			b.input(mean(k));
			b.input(var(k));
			index.put(l.norm != null ? l.norm : l.sub, k);
			if (l.norm == null) {
				rename.put(l.meanNode.getOutput(0), mean(k));
				rename.put(l.varNode.getOutput(0), var(k));
			}
		}
		final Map<NodeProto, Layer> chain = new HashMap<>();
		for (final Layer l : layers)
			if (l.norm == null) {
				chain.put(l.meanNode, l);
				chain.put(l.square, l);
				chain.put(l.varNode, l);
			}
		for (final NodeProto n : model.getGraph().getNodeList()) {
			final Integer k = index.get(n);
			final Layer l = k == null ? null : layers.get(k);
			if (l != null && l.norm != null) b.normalise(n, k, alsoStatistics);
			else if (l != null) {
				// The tile's own deviation feeds its variance; the other readers get x - shared mean.
				final String local = own(n.getOutput(0));
				b.nodes.add(n.toBuilder().setOutput(0, local).setName(local).build());
				b.node("Sub", n.getOutput(0), n.getInput(0), mean(k));
			}
			else if (chain.containsKey(n)) b.nodes.add(chainNode(n, chain.get(n)));
			else {
				final NodeProto.Builder nb = n.toBuilder();
				for (int i = 0; i < nb.getInputCount(); i++) {
					final String r = rename.get(nb.getInput(i));
					if (r != null) nb.setInput(i, r);
				}
				b.nodes.add(nb.build());
			}
		}
		if (alsoStatistics) for (int k = 0; k < layers.size(); k++) {
			final Layer l = layers.get(k);
			if (l.norm == null) {
				b.node("Identity", own(mean(k)), l.meanNode.getOutput(0));
				b.node("Identity", own(var(k)), l.varNode.getOutput(0));
			}
			b.output(own(mean(k)));
			b.output(own(var(k)));
		}
		return b.build();
	}

	/** A chain node as rewritten: the square reads the tile's own deviation. */
	private static NodeProto chainNode(final NodeProto n, final Layer l) {
		if (n != l.square) return n;
		final String local = own(l.sub.getOutput(0));
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

		/** Mean and variance of a flattened [N, C, L] tensor, as outputs mean(k), var(k) + suffix. */
		void statistics(final String flat, final int k, final String suffix) {
			final String m = meanOverLast(flat, suffix.isEmpty() ? mean(k) : own(mean(k)));
			final String d = node("Sub", name(k + "/dev" + suffix), flat, m);
			meanOverLast(node("Mul", name(k + "/sq" + suffix), d, d), suffix.isEmpty() ? var(k) : own(
				var(k)));
		}

		/** Layer k's instance norm with the given statistics: (x - mean) / sqrt(var + eps) * s + b. */
		void normalise(final NodeProto norm, final int k, final boolean alsoStatistics) {
			float eps = 1e-5f;
			for (final AttributeProto a : norm.getAttributeList())
				if (a.getName().equals("epsilon")) eps = a.getF();
			final String flat = flat(norm.getInput(0), k);
			if (alsoStatistics) statistics(flat, k, "_own");
			final String d = node("Sub", name(k + "/centred"), flat, mean(k));
			final String sd = node("Sqrt", name(k + "/sd"), node("Add", name(k + "/var_eps"), var(k),
				scalar("eps_" + k, eps)));
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
