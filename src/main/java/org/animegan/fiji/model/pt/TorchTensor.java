package org.animegan.fiji.model.pt;

import java.util.Arrays;

/** One float32 tensor of a state_dict, copied out of its storage in row-major order. */
public final class TorchTensor {

	private final long[] shape;
	private final float[] data;

	public TorchTensor(final long[] shape, final float[] data) {
		this.shape = shape.clone();
		this.data = data;
	}

	public long[] shape() {
		return shape.clone();
	}

	/** Row-major values; not copied, callers must not change them. */
	public float[] data() {
		return data;
	}

	/** As PyTorch prints it; a crafted shape of very many dimensions is only counted. */
	public static String shapeString(final long[] shape) {
		return shape.length <= 8 ? Arrays.toString(shape) : "a shape of " + shape.length +
			" dimensions";
	}

	@Override
	public String toString() {
		return "tensor" + shapeString(shape);
	}
}
