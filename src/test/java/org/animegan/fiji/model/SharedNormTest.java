package org.animegan.fiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ij.IJ;
import ij.process.ColorProcessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewritten graphs: given the image's own statistics, the shared graph is the model; statistics
 * from elsewhere change the result; graphs with unknown normalisation are refused.
 */
public class SharedNormTest {

	static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");

	public static RgbImage astronaut(final int w, final int h) {
		return Resampler.resize(PlaneConverter.fromRgb((ColorProcessor) IJ.openImage(FIXTURES.resolve(
			"astronaut.png").toString()).getProcessor()), w, h);
	}

	static double maxDiff(final RgbImage a, final RgbImage b) {
		double m = 0;
		for (int i = 0; i < a.data().length; i++)
			m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
		return m;
	}

	/** The image's own statistics through the shared graph give the model's own result. */
	private static void reproduces(final String fixture, final int layers) throws AnimeGanException {
		try (Generator g = Generator.open(FIXTURES.resolve(fixture), 1)) {
			final RgbImage in = astronaut(96, 64);
			final RgbImage whole = g.run(List.of(in)).get(0);
			final SharedNorm shared = g.sharedNorm();
			assertNotNull(shared, fixture + " recognised");
			assertEquals(layers, shared.layers(), fixture + " normalisation layers");
			final SharedNorm.Statistics own = shared.statistics(in);
			assertEquals(layers, own.layers());
			assertTrue(maxDiff(whole, shared.run(in, own)) < 0.05, fixture + ": at most 0.05 of a level");
			final SharedNorm.Run withOwn = shared.runWithOwn(in, own);
			assertTrue(maxDiff(whole, withOwn.image) < 0.05);
			if (layers == 0) return;
			// Each layer sees what it was given, so its own statistics are the given ones.
			for (int k = 0; k < layers; k++) {
				assertEquals(own.mean(k), withOwn.own.mean(k), 1e-3 + 1e-3 * Math.abs(own.mean(k)));
				assertEquals(own.var(k), withOwn.own.var(k), 1e-3 + 1e-3 * own.var(k));
			}
			// Another image's statistics give another tone: the inputs are really used.
			final SharedNorm.Statistics other = shared.statistics(Resampler.resize(astronaut(200, 200)
				.crop(0, 0, 60, 60), 96, 64));
			assertTrue(maxDiff(whole, shared.run(in, other)) > 5);
		}
	}

	@Test
	void portGraphWithItsOwnStatisticsIsTheModel() throws AnimeGanException {
		reproduces("generator_nchw.onnx", 24);
	}

	@Test
	void nhwcGraphWithItsOwnStatisticsIsTheModel() throws AnimeGanException {
		reproduces("generator_nhwc.onnx", 24);
	}

	@Test
	void v3FixtureHasNoNormalisationToShare() throws AnimeGanException {
		reproduces("generator_v3_nhwc.onnx", 0);
	}

	/** Means and variances of parts combine into those of the whole, exactly. */
	@Test
	void statisticsOfPartsCombine() {
		final long[][] shapes = { { 1, 1, 1 }, { 1, 1, 1 } };
		// Halves with values {0, 2} (mean 1, var 1) and {4, 6} (mean 5, var 1): all four, mean 3, var 5.
		final SharedNorm.Statistics whole = SharedNorm.Statistics.combine(List.of(
			new SharedNorm.Statistics(new float[][] { { 1 }, { 1 } }, shapes), new SharedNorm.Statistics(
				new float[][] { { 5 }, { 1 } }, shapes)));
		assertEquals(3, whole.mean(0), 1e-6);
		assertEquals(5, whole.var(0), 1e-6);
	}

	/** Layer norm as TensorFlow exports it: ReduceMean, Sub, Mul, ReduceMean, then (x - m) / sd. */
	@Test
	void reduceMeanChainIsRecognised(@TempDir final Path dir) throws Exception {
		final Path file = dir.resolve("layernorm.onnx");
		Files.write(file, chainModel(true).toByteArray());
		reproducesChain(file);
	}

	private static void reproducesChain(final Path file) throws AnimeGanException {
		try (Generator g = Generator.open(file, 1)) {
			final RgbImage in = astronaut(40, 32);
			final RgbImage whole = g.run(List.of(in)).get(0);
			final SharedNorm shared = g.sharedNorm();
			assertNotNull(shared);
			assertEquals(1, shared.layers());
			final SharedNorm.Statistics own = shared.statistics(in);
			assertTrue(maxDiff(whole, shared.run(in, own)) < 0.05);
			assertTrue(maxDiff(whole, shared.run(in, shared.statistics(astronaut(40, 32).crop(0, 0, 8,
				8)))) > 5);
			assertEquals(own.var(0), shared.runWithOwn(in, own).own.var(0), 1e-4);
		}
	}

	@Test
	void unknownNormalisationIsRefusedOnce(@TempDir final Path dir) throws IOException,
		AnimeGanException
	{
		final Path file = dir.resolve("mean_only.onnx");
		Files.write(file, chainModel(false).toByteArray());
		try (Generator g = Generator.open(file, 1)) {
			assertNull(g.sharedNorm());
			final String why = g.takeSharedRefusal();
			assertTrue(why.contains("ReduceMean") && why.contains("reduced-size pass"), why);
			assertNull(g.takeSharedRefusal(), "said once");
			// The model itself still runs.
			assertEquals(40, g.run(List.of(astronaut(40, 32))).get(0).width());
		}
	}

	/**
	 * y = tanh(0.5 (x - m) / sqrt(v + eps)) over all of C, H, W; without {@code variance}, only
	 * y = tanh(x - m), a ReduceMean outside any recognised chain.
	 */
	public static ModelProto chainModel(final boolean variance) {
		final GraphProto.Builder g = GraphProto.newBuilder().setName("chain");
		g.addInput(image("x")).addOutput(image("y"));
		g.addInitializer(TensorProto.newBuilder().setName("eps").setDataType(
			TensorProto.DataType.FLOAT_VALUE).addFloatData(1e-5f));
		g.addInitializer(TensorProto.newBuilder().setName("half").setDataType(
			TensorProto.DataType.FLOAT_VALUE).addFloatData(0.5f));
		g.addNode(node("ReduceMean", "m", "x").addAttribute(AttributeProto.newBuilder().setName("axes")
			.setType(AttributeProto.AttributeType.INTS).addInts(1).addInts(2).addInts(3)));
		g.addNode(node("Sub", "d", "x", "m"));
		if (variance) {
			g.addNode(node("Mul", "sq", "d", "d"));
			g.addNode(node("ReduceMean", "v", "sq").addAttribute(AttributeProto.newBuilder().setName(
				"axes").setType(AttributeProto.AttributeType.INTS).addInts(1).addInts(2).addInts(3)));
			g.addNode(node("Add", "ve", "v", "eps"));
			g.addNode(node("Sqrt", "sd", "ve"));
			g.addNode(node("Div", "n", "d", "sd"));
			g.addNode(node("Mul", "h", "n", "half"));
			g.addNode(node("Tanh", "y", "h"));
		}
		else g.addNode(node("Tanh", "y", "d"));
		return ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto.newBuilder()
			.setVersion(13)).setGraph(g).build();
	}

	private static NodeProto.Builder node(final String op, final String out, final String... in) {
		final NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(out).addOutput(out);
		for (final String i : in)
			n.addInput(i);
		return n;
	}

	private static ValueInfoProto image(final String name) {
		final TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
		s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
		s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(3));
		s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("height"));
		s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("width"));
		return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
			TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s)))
			.build();
	}
}
