package org.animegan.fiji.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.engine.DirectBuffers;
import org.animegan.fiji.image.RgbImage;

/**
 * Turns planes into the generator's input tensor and its output back into planes. The layout change
 * and the [0, 255] to [-1, 1] mapping are done here on plain arrays, because DJL's ONNX Runtime
 * engine implements almost no NDArray operations. It batches itself, hence no batchifier.
 */
final class GeneratorTranslator implements NoBatchifyTranslator<ImageBatch, ImageBatch> {

	private final ModelSpec spec;

	GeneratorTranslator(final ModelSpec spec) {
		this.spec = spec;
	}

	@Override
	public NDList processInput(final TranslatorContext ctx, final ImageBatch batch) {
		ctx.setAttachment("input", batch);
		final int n = batch.size(), w = batch.width(), h = batch.height(), area = w * h;
		final ByteBuffer bytes = ByteBuffer.allocateDirect(n * 3 * area * Float.BYTES).order(ByteOrder
			.nativeOrder());
		ctx.setAttachment("buffer", bytes); // freed in processOutput, once the session has run
		final FloatBuffer buf = bytes.asFloatBuffer();
		for (final RgbImage img : batch.images())
			put(buf, img, spec.layout());
		buf.rewind();
		final NDArray array = ctx.getNDManager().create(buf, new Shape(shape(spec.layout(), n, w, h)));
		array.setName(spec.inputName());
		return new NDList(array);
	}

	@Override
	public ImageBatch processOutput(final TranslatorContext ctx, final NDList list)
		throws AnimeGanException
	{
		NDArray out = list.get(spec.outputName());
		if (out == null) out = list.head();
		final ImageBatch in = (ImageBatch) ctx.getAttachment("input");
		final int n = in.size(), w = in.width(), h = in.height(), area = w * h;
		final long[] expected = shape(spec.layout(), n, w, h);
		final long[] got = out.getShape().getShape();
		if (!Arrays.equals(expected, got)) {
			throw new AnimeGanException(ModelMessages.wrongOutputSize(spec.name(), ModelSpec.shape(got),
				ModelSpec.shape(expected)));
		}
		final float[] y = out.toFloatArray();
		DirectBuffers.free((ByteBuffer) ctx.getAttachment("buffer"));
		final List<RgbImage> result = new ArrayList<>(n);
		for (int b = 0; b < n; b++)
			result.add(image(y, b * 3 * area, w, h, spec.layout()));
		return new ImageBatch(result);
	}

	/** The input tensor's shape for n planes of w x h. */
	static long[] shape(final Layout layout, final int n, final int w, final int h) {
		return layout == Layout.NCHW ? new long[] { n, 3, h, w } : new long[] { n, h, w, 3 };
	}

	/** Appends a plane to an input tensor in [-1, 1]. */
	static void put(final FloatBuffer buf, final RgbImage img, final Layout layout) {
		final float[] d = img.data();
		final int area = img.area();
		if (layout == Layout.NCHW) {
			for (int i = 0; i < 3 * area; i++)
				buf.put(d[i] / 127.5f - 1f);
		}
		else {
			for (int i = 0; i < area; i++) {
				buf.put(d[i] / 127.5f - 1f);
				buf.put(d[area + i] / 127.5f - 1f);
				buf.put(d[2 * area + i] / 127.5f - 1f);
			}
		}
	}

	/** The plane at {@code base} of an output tensor, on the 0..255 scale. */
	static RgbImage image(final float[] y, final int base, final int w, final int h,
		final Layout layout)
	{
		final int area = w * h;
		final float[] d = new float[3 * area];
		if (layout == Layout.NCHW) {
			for (int i = 0; i < 3 * area; i++)
				d[i] = toPixel(y[base + i]);
		}
		else {
			for (int i = 0; i < area; i++) {
				d[i] = toPixel(y[base + 3 * i]);
				d[area + i] = toPixel(y[base + 3 * i + 1]);
				d[2 * area + i] = toPixel(y[base + 3 * i + 2]);
			}
		}
		return new RgbImage(w, h, d);
	}

	/** tanh output in [-1, 1] (clamped, in case a graph lacks the tanh) to the 0..255 scale. */
	static float toPixel(final float v) {
		final float c = v < -1f ? -1f : v > 1f ? 1f : v;
		return (c + 1f) * 127.5f;
	}
}
