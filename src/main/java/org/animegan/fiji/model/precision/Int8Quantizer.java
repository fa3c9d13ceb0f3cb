package org.animegan.fiji.model.precision;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.animegan.fiji.api.AnimeGanException;

/**
 * A statically quantized copy of a float generator in the QDQ format: every convolution whose
 * weights are stored in the model gets QuantizeLinear/DequantizeLinear on its input and its
 * output (uint8, asymmetric, ranges from {@link Calibration}), int8 weights quantized per output
 * channel (symmetric) and an int32 bias; everything else, normalisation layers included, stays in
 * float. ONNX Runtime fuses each DequantizeLinear, Conv, QuantizeLinear group into one integer
 * convolution (QLinearConv, with VNNI where the processor has it).
 */
final class Int8Quantizer {

	static final String QUANTIZE = "QuantizeLinear";
	static final String DEQUANTIZE = "DequantizeLinear";
	/** Per-axis DequantizeLinear came with opset 13. */
	static final int MIN_OPSET = 13;

	private Int8Quantizer() {}

	/**
	 * The quantized copy of {@code model}, calibrated with {@code threads} threads.
	 *
	 * @throws AnimeGanException if the model has no convolution to quantize or is older than opset 13
	 */
	static ModelProto quantize(final ModelProto model, final String name, final int threads)
		throws AnimeGanException
	{
		final GraphProto g = model.getGraph();
		if (opset(model) < MIN_OPSET) throw new AnimeGanException(PrecisionMessages.opsetTooOld(name,
			opset(model)));
		final Map<String, TensorProto> initializers = new HashMap<>();
		for (final TensorProto t : g.getInitializerList())
			initializers.put(t.getName(), t);
		final Map<String, Integer> uses = new HashMap<>();
		for (final NodeProto n : g.getNodeList())
			for (final String in : n.getInputList())
				uses.merge(in, 1, Integer::sum);
		final Set<String> calibrate = new LinkedHashSet<>();
		for (final NodeProto n : g.getNodeList())
			if (quantizable(n, initializers)) {
				calibrate.add(n.getInput(0));
				calibrate.add(n.getOutput(0));
			}
		if (calibrate.isEmpty()) throw new AnimeGanException(PrecisionMessages.nothingToQuantize(name));
		final Map<String, Calibration.Range> ranges = Calibration.ranges(model, calibrate, threads);

		final GraphProto.Builder out = g.toBuilder().clearNode().clearInitializer();
		final Set<String> replaced = new LinkedHashSet<>();
		int k = 0;
		for (final NodeProto n : g.getNodeList()) {
			if (!quantizable(n, initializers)) {
				out.addNode(n);
				continue;
			}
			final String p = "int8_" + k++ + "_";
			final Activation x = Activation.of(ranges.get(n.getInput(0)));
			final String xq = x.quantizeAndBack(out, p + "x", n.getInput(0));
			final TensorProto w = initializers.get(n.getInput(1));
			final float[] wScale = weights(out, p + "w", w);
			final NodeProto.Builder conv = n.toBuilder().setInput(0, xq).setInput(1, p + "w_dq")
				.setOutput(0, p + "y_conv");
			if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
				bias(out, p + "b", initializers.get(n.getInput(2)), x.scale, wScale);
				conv.setInput(2, p + "b_dq");
			}
			for (int i = 1; i < n.getInputCount(); i++)
				if (uses.get(n.getInput(i)) == 1) replaced.add(n.getInput(i));
			out.addNode(conv);
			Activation.of(ranges.get(n.getOutput(0))).quantizeAndBack(out, p + "y", p + "y_conv", n
				.getOutput(0));
		}
		for (final TensorProto t : g.getInitializerList())
			if (!replaced.contains(t.getName())) out.addInitializer(t);
		return model.toBuilder().setGraph(out).setDocString(
			"int8 copy (QDQ, calibrated) made by AnimeGAN for Fiji of " + name).build();
	}

	/** A 2-D convolution with its weights (and bias, if any) stored in the model as floats. */
	static boolean quantizable(final NodeProto n, final Map<String, TensorProto> initializers) {
		if (!"Conv".equals(n.getOpType()) || n.getInputCount() < 2) return false;
		final TensorProto w = initializers.get(n.getInput(1));
		if (w == null || !Tensors.isFloat(w) || w.getDimsCount() != 4) return false;
		if (n.getInputCount() < 3 || n.getInput(2).isEmpty()) return true;
		final TensorProto b = initializers.get(n.getInput(2));
		return b != null && Tensors.isFloat(b);
	}

	static long opset(final ModelProto model) {
		for (final OperatorSetIdProto o : model.getOpsetImportList())
			if (o.getDomain().isEmpty() || "ai.onnx".equals(o.getDomain())) return o.getVersion();
		return 0;
	}

	/** int8 weights per output channel, symmetric; adds them and their DequantizeLinear. */
	private static float[] weights(final GraphProto.Builder g, final String p, final TensorProto w) {
		final float[] v = Tensors.floats(w);
		final long[] dims = Tensors.dims(w);
		final int channels = (int) dims[0], per = v.length / channels;
		final float[] scale = new float[channels];
		final byte[] q = new byte[v.length];
		for (int c = 0; c < channels; c++) {
			float max = 0;
			for (int i = c * per; i < (c + 1) * per; i++)
				max = Math.max(max, Math.abs(v[i]));
			scale[c] = max > 0 ? max / 127f : 1f;
			for (int i = c * per; i < (c + 1) * per; i++)
				q[i] = (byte) Math.max(-127, Math.min(127, Math.round(v[i] / scale[c])));
		}
		g.addInitializer(Tensors.int8Tensor(p + "_q", dims, q));
		g.addInitializer(Tensors.floatTensor(p + "_scale", new long[] { channels }, scale));
		g.addInitializer(Tensors.int8Tensor(p + "_zero", new long[] { channels },
			new byte[channels]));
		g.addNode(Tensors.node(DEQUANTIZE, p + "_dequantize", p + "_dq", p + "_q", p + "_scale", p +
			"_zero").toBuilder().addAttribute(Tensors.intAttr("axis", 0)));
		return scale;
	}

	/** int32 bias on the scale of input times weight, as QLinearConv takes it. */
	private static void bias(final GraphProto.Builder g, final String p, final TensorProto b,
		final float xScale, final float[] wScale)
	{
		final float[] v = Tensors.floats(b);
		final float[] scale = new float[v.length];
		final int[] q = new int[v.length];
		for (int c = 0; c < v.length; c++) {
			scale[c] = xScale * wScale[c];
			q[c] = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.round(
				(double) v[c] / scale[c])));
		}
		final long[] dims = { v.length };
		g.addInitializer(Tensors.int32Tensor(p + "_q", dims, q));
		g.addInitializer(Tensors.floatTensor(p + "_scale", dims, scale));
		g.addInitializer(Tensors.int32Tensor(p + "_zero", dims, new int[v.length]));
		g.addNode(Tensors.node(DEQUANTIZE, p + "_dequantize", p + "_dq", p + "_q", p + "_scale", p +
			"_zero").toBuilder().addAttribute(Tensors.intAttr("axis", 0)));
	}

	/** uint8 quantization of an activation: scale and zero point from its calibrated range. */
	static final class Activation {

		final float scale;
		final int zero;

		private Activation(final float scale, final int zero) {
			this.scale = scale;
			this.zero = zero;
		}

		/** The range widened to hold 0 exactly, mapped onto 0..255. */
		static Activation of(final Calibration.Range r) {
			final float lo = Math.min(0f, r.min), hi = Math.max(0f, r.max);
			final float scale = hi > lo ? (hi - lo) / 255f : 1f;
			return new Activation(scale, Math.max(0, Math.min(255, Math.round(-lo / scale))));
		}

		/** QuantizeLinear then DequantizeLinear of {@code in}; returns the float tensor's name. */
		String quantizeAndBack(final GraphProto.Builder g, final String p, final String in) {
			return quantizeAndBack(g, p, in, p + "_dq");
		}

		String quantizeAndBack(final GraphProto.Builder g, final String p, final String in,
			final String out)
		{
			g.addInitializer(Tensors.floatTensor(p + "_scale", new long[0], new float[] { scale }));
			g.addInitializer(Tensors.uint8Scalar(p + "_zero", zero));
			g.addNode(Tensors.node(QUANTIZE, p + "_quantize", p + "_q", in, p + "_scale", p + "_zero"));
			g.addNode(Tensors.node(DEQUANTIZE, p + "_dequantize", out, p + "_q", p + "_scale", p +
				"_zero"));
			return out;
		}
	}
}
