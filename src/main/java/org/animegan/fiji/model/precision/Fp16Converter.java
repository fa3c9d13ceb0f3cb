package org.animegan.fiji.model.precision;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A half-precision copy of a float generator: float weights and constants become float16, and so
 * does every activation, while the model's input and output stay float32 through a Cast at each
 * end, so that the rest of the plugin sees the same model. Resize's roi and scales stay float, as
 * the operator requires.
 */
final class Fp16Converter {

	static final String CAST = "Cast";
	private static final String FP16_SUFFIX = "_fp16";

	private Fp16Converter() {}

	static ModelProto convert(final ModelProto model, final String name) {
		final GraphProto g = model.getGraph();
		final Set<String> keepFloat = new HashSet<>();
		for (final NodeProto n : g.getNodeList())
			if ("Resize".equals(n.getOpType())) for (int i = 1; i <= 2 && i < n.getInputCount(); i++)
				keepFloat.add(n.getInput(i));
		// Inside the graph, the input and outputs are read and written under half-precision names.
		final Map<String, String> renamed = new HashMap<>();
		for (final ValueInfoProto v : g.getInputList())
			renamed.put(v.getName(), v.getName() + FP16_SUFFIX);
		for (final ValueInfoProto v : g.getOutputList())
			renamed.put(v.getName(), v.getName() + FP16_SUFFIX);

		final GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer().clearValueInfo();
		for (final TensorProto t : g.getInitializerList())
			out.addInitializer(Tensors.isFloat(t) && !keepFloat.contains(t.getName()) ? Tensors.toHalf(
				t) : t);
		for (final ValueInfoProto v : g.getInputList())
			out.addNode(cast(v.getName(), v.getName() + FP16_SUFFIX, TensorProto.DataType.FLOAT16));
		for (final NodeProto n : g.getNodeList()) {
			final NodeProto.Builder b = n.toBuilder();
			for (int i = 0; i < b.getInputCount(); i++)
				b.setInput(i, renamed.getOrDefault(b.getInput(i), b.getInput(i)));
			for (int i = 0; i < b.getOutputCount(); i++)
				b.setOutput(i, renamed.getOrDefault(b.getOutput(i), b.getOutput(i)));
			if (n.getOutputCount() == 1 && !keepFloat.contains(n.getOutput(0))) toHalf(b);
			out.addNode(b);
		}
		for (final ValueInfoProto v : g.getOutputList())
			out.addNode(cast(v.getName() + FP16_SUFFIX, v.getName(), TensorProto.DataType.FLOAT));
		return model.toBuilder().setGraph(out).setDocString(
			"fp16 copy made by AnimeGAN for Fiji of " + name).build();
	}

	/** Constants and casts that produce float produce float16 instead. */
	private static void toHalf(final NodeProto.Builder n) {
		for (int i = 0; i < n.getAttributeCount(); i++) {
			final AttributeProto a = n.getAttribute(i);
			if (("Constant".equals(n.getOpType()) && "value".equals(a.getName()) || "ConstantOfShape"
				.equals(n.getOpType()) && "value".equals(a.getName())) && Tensors.isFloat(a.getT()))
				n.setAttribute(i, a.toBuilder().setT(Tensors.toHalf(a.getT())));
			else if (CAST.equals(n.getOpType()) && "to".equals(a.getName()) && a
				.getI() == TensorProto.DataType.FLOAT_VALUE) n.setAttribute(i, a.toBuilder().setI(
					TensorProto.DataType.FLOAT16_VALUE));
		}
	}

	private static NodeProto cast(final String in, final String out,
		final TensorProto.DataType to)
	{
		return Tensors.node(CAST, out + "_cast", out, in).toBuilder().addAttribute(Tensors.intAttr(
			"to", to.getNumber())).build();
	}
}
