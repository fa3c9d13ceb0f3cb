package org.animegan.fiji.flow;

import boofcv.abst.flow.DenseOpticalFlow;
import boofcv.alg.flow.ConfigBroxWarping;
import boofcv.factory.flow.FactoryDenseOpticalFlow;
import boofcv.struct.flow.ImageFlow;
import boofcv.struct.image.GrayF32;

/**
 * Dense optical flow between two grey frames: BoofCV's Brox warping, which was the most accurate of
 * its dense methods on a 2-pixel pan and the quietest on sensor noise at the cost we can afford
 * (docs/temporal.md). Not thread-safe: one per sequence of frames.
 */
final class DenseFlow {

	private final DenseOpticalFlow<GrayF32> solver;
	/** Reused while the frame size stays: it holds one object per pixel. */
	private final ImageFlow flow = new ImageFlow(1, 1);

	DenseFlow() {
		final ConfigBroxWarping config = new ConfigBroxWarping();
		// Fewer warps and iterations, and halving pyramid levels, than BoofCV's defaults: about 4x
		// faster for 0.03 px more error on a 2-pixel pan (docs/temporal.md).
		config.numOuter = 5;
		config.maxIterationsSor = 30;
		config.pyrScale = 0.5;
		solver = FactoryDenseOpticalFlow.broxWarping(config, GrayF32.class);
	}

	/** Where each pixel of {@code from} is in {@code to}; both frames have the same size. */
	FlowField between(final GrayF32 from, final GrayF32 to) {
		flow.reshape(from.width, from.height);
		solver.process(from, to, flow);
		final FlowField field = new FlowField(from.width, from.height);
		for (int i = 0; i < field.u.length; i++) {
			final ImageFlow.D d = flow.data[i];
			field.u[i] = d.isValid() ? d.x : Float.NaN;
			field.v[i] = d.isValid() ? d.y : Float.NaN;
		}
		return field;
	}
}
