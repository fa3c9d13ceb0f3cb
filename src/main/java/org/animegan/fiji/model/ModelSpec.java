package org.animegan.fiji.model;

import org.animegan.fiji.api.AnimeGanException;

/**
 * What the plugin needs to know about a generator, read from the ONNX graph itself: tensor names,
 * layout, fixed dimensions and the stride its sides must be a multiple of.
 */
public final class ModelSpec {

	/** Stride of AnimeGANv2 generators (TensorFlow ones need sides divisible by 32). */
	public static final int STRIDE_V2 = 32;
	/** Stride of AnimeGANv3 generators. */
	public static final int STRIDE_V3 = 8;
	/** Stride of the "tiny" AnimeGANv3 generators (upstream test_by_onnx.py: multiples of 16). */
	public static final int STRIDE_V3_TINY = 16;

	private final String name;
	private final String inputName;
	private final String outputName;
	private final Layout layout;
	private final long batch;
	private final long height;
	private final long width;
	private final int stride;
	private final ModelFamily family;
	private final boolean familyAssumed;

	public ModelSpec(final String name, final String inputName, final String outputName,
		final Layout layout, final long batch, final long height, final long width, final int stride)
	{
		this(name, inputName, outputName, layout, batch, height, width, stride, ModelFamily.guess(
			layout, inputName, name), true);
	}

	private ModelSpec(final String name, final String inputName, final String outputName,
		final Layout layout, final long batch, final long height, final long width, final int stride,
		final ModelFamily family, final boolean familyAssumed)
	{
		this.family = family;
		this.familyAssumed = familyAssumed;
		this.name = name;
		this.inputName = inputName;
		this.outputName = outputName;
		this.layout = layout;
		this.batch = batch;
		this.height = height;
		this.width = width;
		this.stride = stride;
	}

	/**
	 * Reads the layout from an input shape (-1 marks a dynamic dimension): the axis of size 3 is the
	 * channel axis.
	 */
	public static ModelSpec fromShapes(final String name, final String inputName,
		final long[] inputShape, final String outputName, final long[] outputShape)
		throws AnimeGanException
	{
		return fromShapes(name, inputName, inputShape, outputName, outputShape, null);
	}

	/**
	 * As {@link #fromShapes(String, String, long[], String, long[])} for a model of a known family
	 * (null: guessed from the graph and the file name, see {@link ModelFamily#guess}).
	 */
	public static ModelSpec fromShapes(final String name, final String inputName,
		final long[] inputShape, final String outputName, final long[] outputShape,
		final ModelFamily known) throws AnimeGanException
	{
		if (inputShape.length != 4) {
			throw new AnimeGanException(ModelMessages.notAnImageModel(name, shape(inputShape)));
		}
		final Layout layout;
		if (inputShape[1] == 3) layout = Layout.NCHW;
		else if (inputShape[3] == 3) layout = Layout.NHWC;
		else if (inputShape[1] > 0 && inputShape[1] <= 4 && inputShape[3] != 1) {
			throw new AnimeGanException(ModelMessages.wrongChannels(name, inputShape[1]));
		}
		else if (inputShape[3] > 0 && inputShape[3] <= 4) {
			throw new AnimeGanException(ModelMessages.wrongChannels(name, inputShape[3]));
		}
		else throw new AnimeGanException(ModelMessages.notAnImageModel(name, shape(inputShape)));

		if (outputShape.length != 4 || (layout == Layout.NCHW ? outputShape[1] : outputShape[3]) != 3) {
			throw new AnimeGanException(ModelMessages.notAGenerator(name, shape(outputShape)));
		}
		final long h = layout == Layout.NCHW ? inputShape[2] : inputShape[1];
		final long w = layout == Layout.NCHW ? inputShape[3] : inputShape[2];
		final ModelFamily family = known != null ? known : ModelFamily.guess(layout, inputName, name);
		return new ModelSpec(name, inputName, outputName, layout, inputShape[0], h, w, family
			.stride(), family, known == null);
	}

	static String shape(final long[] s) {
		final StringBuilder sb = new StringBuilder("[");
		for (int i = 0; i < s.length; i++) {
			if (i > 0) sb.append(',');
			sb.append(s[i] < 0 ? "?" : Long.toString(s[i]));
		}
		return sb.append(']').toString();
	}

	/** A copy with another stride (a catalog entry may know better than the graph). */
	public ModelSpec withStride(final int newStride) {
		return new ModelSpec(name, inputName, outputName, layout, batch, height, width, newStride,
			family, familyAssumed);
	}

	public String name() {
		return name;
	}

	public String inputName() {
		return inputName;
	}

	public String outputName() {
		return outputName;
	}

	public Layout layout() {
		return layout;
	}

	/** The fixed batch size, or -1 if the model takes any. */
	public long batch() {
		return batch;
	}

	/** The fixed input height, or -1 if dynamic. */
	public long height() {
		return height;
	}

	/** The fixed input width, or -1 if dynamic. */
	public long width() {
		return width;
	}

	public int stride() {
		return stride;
	}

	public ModelFamily family() {
		return family;
	}

	/** True if no catalog entry named the family and it was guessed from the graph. */
	public boolean familyAssumed() {
		return familyAssumed;
	}

	/** The largest batch the model accepts, capped by the user's setting. */
	public int maxBatch(final int wanted) {
		return batch > 0 ? (int) Math.min(batch, wanted) : wanted;
	}

	@Override
	public String toString() {
		return name + " (" + layout + ", input " + inputName + ", output " + outputName + ", stride " +
			stride + ", family " + family + ")";
	}
}
