package org.animegan.fiji.image;

/**
 * Decides the size a plane is stylized at: the long side scaled to {@code input_size} (or kept, for
 * native), then padded by reflection up to the model's stride or fixed input size. Never stretched.
 */
public final class SizePolicy {

	/** The sizes of one plane on its way through the model. */
	public static final class Plan {

		public final int width, height;
		public final int scaledWidth, scaledHeight;
		public final int paddedWidth, paddedHeight;

		Plan(final int width, final int height, final int scaledWidth, final int scaledHeight,
			final int paddedWidth, final int paddedHeight)
		{
			this.width = width;
			this.height = height;
			this.scaledWidth = scaledWidth;
			this.scaledHeight = scaledHeight;
			this.paddedWidth = paddedWidth;
			this.paddedHeight = paddedHeight;
		}

		/** Resize and pad a plane to the model's input size. */
		public RgbImage toModel(final RgbImage in) {
			return ReflectPad.pad(Resampler.resize(in, scaledWidth, scaledHeight), paddedWidth,
				paddedHeight);
		}

		/** Crop the padding off a model result and scale it back to the plane's size. */
		public RgbImage fromModel(final RgbImage out) {
			return Resampler.resize(out.crop(0, 0, scaledWidth, scaledHeight), width, height);
		}

		@Override
		public String toString() {
			return width + "x" + height + " -> " + scaledWidth + "x" + scaledHeight + " padded to " +
				paddedWidth + "x" + paddedHeight;
		}
	}

	private SizePolicy() {}

	/**
	 * @param inputSize the long side to scale to, or 0 to keep the size
	 * @param stride sides are padded to a multiple of this
	 * @param fixedWidth the model's fixed input width, or -1 if dynamic
	 * @param fixedHeight the model's fixed input height, or -1 if dynamic
	 */
	public static Plan plan(final int width, final int height, final int inputSize,
		final int stride, final int fixedWidth, final int fixedHeight)
	{
		return plan(width, height, inputSize, stride, 0, false, fixedWidth, fixedHeight);
	}

	/**
	 * As {@link #plan(int, int, int, int, int, int)}, for families that resize rather than pad
	 * ({@code resize}): each side is rounded down to the stride, and a side under {@code minSide}
	 * raised to it, as AnimeGANv3's own ONNX script does; the plane is stretched to that and back.
	 */
	public static Plan plan(final int width, final int height, final int inputSize,
		final int stride, final int minSide, final boolean resize, final int fixedWidth,
		final int fixedHeight)
	{
		if (fixedWidth > 0 && fixedHeight > 0) {
			// A static model: fit inside its canvas, keeping the aspect ratio, and pad the rest.
			final double f = Math.min((double) fixedWidth / width, (double) fixedHeight / height);
			final int sw = clamp((int) Math.round(width * f), fixedWidth);
			final int sh = clamp((int) Math.round(height * f), fixedHeight);
			return new Plan(width, height, sw, sh, fixedWidth, fixedHeight);
		}
		int sw = width, sh = height;
		if (inputSize > 0) {
			final double f = (double) inputSize / Math.max(width, height);
			sw = Math.max(1, (int) Math.round(width * f));
			sh = Math.max(1, (int) Math.round(height * f));
		}
		if (resize) {
			final int tw = roundDown(sw, stride, minSide), th = roundDown(sh, stride, minSide);
			return new Plan(width, height, tw, th, tw, th);
		}
		return new Plan(width, height, sw, sh, roundUp(sw, stride), roundUp(sh, stride));
	}

	private static int clamp(final int v, final int max) {
		return Math.max(1, Math.min(v, max));
	}

	static int roundDown(final int v, final int stride, final int minSide) {
		if (v < minSide) return minSide;
		return Math.max(stride, v - v % Math.max(1, stride));
	}

	static int roundUp(final int v, final int stride) {
		if (stride <= 1) return v;
		return (v + stride - 1) / stride * stride;
	}
}
