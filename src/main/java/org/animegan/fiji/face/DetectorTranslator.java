package org.animegan.fiji.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;

/**
 * UltraFace's pre- and post-processing, on plain arrays (DJL's ONNX Runtime engine has no NDArray
 * maths): the image is resized to the detector's fixed size, normalised as (x - 127) / 128, NCHW;
 * {@code scores} [1, N, 2] (index 1 = face) and {@code boxes} [1, N, 4] (x1, y1, x2, y2 in 0..1)
 * become boxes in the image's pixels, thresholded and suppressed.
 */
final class DetectorTranslator implements NoBatchifyTranslator<RgbImage, List<FaceBox>> {

	private final String inputName;
	private final int width, height;
	private final float threshold;
	private final float iou;

	DetectorTranslator(final String inputName, final int width, final int height,
		final float threshold, final float iou)
	{
		this.inputName = inputName;
		this.width = width;
		this.height = height;
		this.threshold = threshold;
		this.iou = iou;
	}

	@Override
	public NDList processInput(final TranslatorContext ctx, final RgbImage image) {
		ctx.setAttachment("size", new int[] { image.width(), image.height() });
		// Upstream stretches to the fixed size (no letterbox); the boxes are relative, so it undoes itself.
		final float[] d = Resampler.resize(image, width, height).data();
		final FloatBuffer buf = ByteBuffer.allocateDirect(d.length * Float.BYTES).order(ByteOrder
			.nativeOrder()).asFloatBuffer();
		for (final float v : d)
			buf.put((v - 127f) / 128f);
		buf.rewind();
		final NDArray array = ctx.getNDManager().create(buf, new Shape(1, 3, height, width));
		array.setName(inputName);
		return new NDList(array);
	}

	@Override
	public List<FaceBox> processOutput(final TranslatorContext ctx, final NDList list) {
		final int[] size = (int[]) ctx.getAttachment("size");
		NDArray scores = list.get("scores"), boxes = list.get("boxes");
		if (scores == null || boxes == null) { // unnamed outputs: upstream order is scores, boxes
			scores = list.get(0);
			boxes = list.get(1);
		}
		final float[] s = scores.toFloatArray(), b = boxes.toFloatArray();
		final int n = s.length / 2;
		final List<FaceBox> found = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			final float p = s[2 * i + 1];
			if (p <= threshold) continue;
			found.add(new FaceBox(clamp(b[4 * i]) * size[0], clamp(b[4 * i + 1]) * size[1], clamp(b[4 *
				i + 2]) * size[0], clamp(b[4 * i + 3]) * size[1], p));
		}
		return Nms.hard(found, iou, FaceDetector.CANDIDATES);
	}

	private static float clamp(final float v) {
		return v < 0 ? 0 : v > 1 ? 1 : v;
	}
}
