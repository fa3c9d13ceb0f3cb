package org.animegan.fiji.model.precision;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.engine.DjlRuntime;
import org.animegan.fiji.engine.Sessions;

/**
 * The value ranges of chosen tensors of a float model, seen while it stylizes a few photos: the
 * fp32 graph with those tensors exposed as extra outputs, run through ONNX Runtime. The photos
 * (256 x 256, public domain or CC0, from scikit-image's data set) ship in the plugin jar, so a
 * copy can be made offline and comes out the same on every machine.
 */
final class Calibration {

	/** Photos other than those the int8 figures in docs/performance.md are measured on. */
	static final List<String> PHOTOS = List.of("coffee.jpg", "chelsea.jpg", "rocket.jpg");

	/** A tensor's smallest and largest value over all calibration photos. */
	static final class Range {

		float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;

		void add(final FloatBuffer values) {
			while (values.hasRemaining()) {
				final float v = values.get();
				if (v < min) min = v;
				if (v > max) max = v;
			}
		}
	}

	private Calibration() {}

	/** The range of each named tensor of {@code model}, over the calibration photos. */
	static Map<String, Range> ranges(final ModelProto model, final Set<String> tensors,
		final int threads) throws AnimeGanException
	{
		final GraphProto.Builder graph = model.getGraph().toBuilder();
		final Set<String> outputs = new LinkedHashSet<>();
		graph.getOutputList().forEach(o -> outputs.add(o.getName()));
		for (final String t : tensors)
			if (outputs.add(t)) graph.addOutput(ValueInfoProto.newBuilder().setName(t).setType(TypeProto
				.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(
					TensorProto.DataType.FLOAT_VALUE))));
		final ValueInfoProto input = graph.getInput(0);
		final boolean nchw = channelsFirst(input);
		final Map<String, Range> ranges = new LinkedHashMap<>();
		for (final String t : tensors)
			ranges.put(t, new Range());
		Path tmp = null;
		try {
			// Sessions opens files only (the bytes checked are the bytes run), so the exposed graph goes
			// through a temporary file.
			tmp = Files.createTempFile("animegan-calibration", ".onnx");
			try (OutputStream out = Files.newOutputStream(tmp)) {
				model.toBuilder().setGraph(graph).build().writeTo(out);
			}
			final OrtEnvironment env = DjlRuntime.environment();
			try (OrtSession session = Sessions.open(tmp, RuntimeOptions.threads(threads))) {
				for (final String photo : PHOTOS) {
					final BufferedImage img = photo(photo);
					final int w = img.getWidth(), h = img.getHeight();
					final long[] shape = nchw ? new long[] { 1, 3, h, w } : new long[] { 1, h, w, 3 };
					try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels(img, nchw)),
						shape); OrtSession.Result r = session.run(Collections.singletonMap(input.getName(), in),
							tensors))
					{
						for (final String t : tensors)
							ranges.get(t).add(((OnnxTensor) r.get(t).orElseThrow()).getFloatBuffer());
					}
				}
			}
		}
		catch (final IOException | OrtException e) {
			throw new AnimeGanException(PrecisionMessages.calibrationFailed(String.valueOf(e
				.getMessage())), e);
		}
		finally {
			if (tmp != null) {
				try {
					Files.deleteIfExists(tmp);
				}
				catch (final IOException ignored) {
					// A temporary file left in the temporary folder.
				}
			}
		}
		return ranges;
	}

	/** NCHW unless the input's last dimension, not its second, is 3 (TensorFlow exports). */
	static boolean channelsFirst(final ValueInfoProto input) {
		final TensorShapeProto s = input.getType().getTensorType().getShape();
		return !(s.getDimCount() == 4 && s.getDim(3).getDimValue() == 3 && s.getDim(1)
			.getDimValue() != 3);
	}

	private static BufferedImage photo(final String name) throws IOException {
		try (InputStream in = Calibration.class.getResourceAsStream("calibration/" + name)) {
			if (in == null) throw new IOException("calibration photo " + name + " missing from the jar");
			return ImageIO.read(in);
		}
	}

	/** RGB 0..255 to [-1, 1], as the generators take it. */
	private static float[] pixels(final BufferedImage img, final boolean nchw) {
		final int w = img.getWidth(), h = img.getHeight(), area = w * h;
		final float[] t = new float[3 * area];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				final int rgb = img.getRGB(x, y), i = y * w + x;
				for (int c = 0; c < 3; c++) {
					final float v = (rgb >> 16 - 8 * c & 0xff) / 127.5f - 1f;
					if (nchw) t[c * area + i] = v;
					else t[3 * i + c] = v;
				}
			}
		return t;
	}
}
