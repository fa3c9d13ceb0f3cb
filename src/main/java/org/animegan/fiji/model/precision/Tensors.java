package org.animegan.fiji.model.precision;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The few ONNX tensor and node pieces the precision copies read and write. */
final class Tensors {

	private Tensors() {}

	static boolean isFloat(final TensorProto t) {
		return t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
	}

	/** A float tensor's values, from raw_data (little-endian) or float_data. */
	static float[] floats(final TensorProto t) {
		if (t.getRawData().isEmpty()) {
			final float[] v = new float[t.getFloatDataCount()];
			for (int i = 0; i < v.length; i++)
				v[i] = t.getFloatData(i);
			return v;
		}
		final ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
		final float[] v = new float[b.remaining() / Float.BYTES];
		b.asFloatBuffer().get(v);
		return v;
	}

	/** A float tensor of the given dims (none: a scalar). */
	static TensorProto floatTensor(final String name, final long[] dims, final float[] values) {
		final ByteBuffer b = ByteBuffer.allocate(Float.BYTES * values.length).order(
			ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(values);
		return tensor(name, dims, TensorProto.DataType.FLOAT_VALUE, b.array());
	}

	/** The same tensor in half precision (IEEE 754 binary16, round to nearest even). */
	static TensorProto toHalf(final TensorProto t) {
		final float[] v = floats(t);
		final ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float f : v)
			b.putShort(Half.fromFloat(f));
		return t.toBuilder().clearFloatData().setDataType(TensorProto.DataType.FLOAT16_VALUE)
			.setRawData(ByteString.copyFrom(b.array())).build();
	}

	static TensorProto int8Tensor(final String name, final long[] dims, final byte[] values) {
		return tensor(name, dims, TensorProto.DataType.INT8_VALUE, values);
	}

	static TensorProto uint8Scalar(final String name, final int value) {
		return tensor(name, new long[0], TensorProto.DataType.UINT8_VALUE, new byte[] {
			(byte) value });
	}

	static TensorProto int32Tensor(final String name, final long[] dims, final int[] values) {
		final ByteBuffer b = ByteBuffer.allocate(Integer.BYTES * values.length).order(
			ByteOrder.LITTLE_ENDIAN);
		b.asIntBuffer().put(values);
		return tensor(name, dims, TensorProto.DataType.INT32_VALUE, b.array());
	}

	private static TensorProto tensor(final String name, final long[] dims, final int type,
		final byte[] raw)
	{
		final TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
			.setRawData(ByteString.copyFrom(raw));
		for (final long d : dims)
			t.addDims(d);
		return t.build();
	}

	static long[] dims(final TensorProto t) {
		final long[] d = new long[t.getDimsCount()];
		for (int i = 0; i < d.length; i++)
			d[i] = t.getDims(i);
		return d;
	}

	static NodeProto node(final String op, final String name, final String output,
		final String... inputs)
	{
		final NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(
			output);
		for (final String in : inputs)
			n.addInput(in);
		return n.build();
	}

	static AttributeProto intAttr(final String name, final long v) {
		return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
			.setI(v).build();
	}

	/** Float to binary16 bits, rounding to nearest even; overflow gives infinity. */
	static final class Half {

		private Half() {}

		static short fromFloat(final float f) {
			final int bits = Float.floatToRawIntBits(f);
			final int sign = bits >>> 16 & 0x8000;
			final int exp = bits >>> 23 & 0xff;
			int mant = bits & 0x7fffff;
			if (exp == 0xff) return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0)); // inf, NaN
			final int e = exp - 127 + 15;
			if (e >= 0x1f) return (short) (sign | 0x7c00);
			if (e <= 0) {
				if (e < -10) return (short) sign; // below the smallest subnormal
				mant |= 0x800000;
				final int shift = 14 - e;
				int half = mant >> shift;
				final int rest = mant & (1 << shift) - 1, mid = 1 << shift - 1;
				if (rest > mid || rest == mid && (half & 1) != 0) half++;
				return (short) (sign | half);
			}
			int half = e << 10 | mant >> 13;
			final int rest = mant & 0x1fff;
			if (rest > 0x1000 || rest == 0x1000 && (half & 1) != 0) half++; // may carry into the exponent
			return (short) (sign | half);
		}
	}
}
