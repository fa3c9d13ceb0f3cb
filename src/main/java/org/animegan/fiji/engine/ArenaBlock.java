package org.animegan.fiji.engine;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.RuntimeOptions;

/**
 * DJL's ONNX Runtime block, whose runs can give the CPU arena's free memory back afterwards. DJL
 * 0.36's {@link OrtSymbolBlock} runs the session without run options, so each large tile would leave
 * the arena's regions (grown by doubling) in place for the rest of the process. Runs made inside
 * {@link #shrinking} pass {@link Sessions#shrinkingRuns}; all others are DJL's own, unchanged.
 */
public final class ArenaBlock extends OrtSymbolBlock {

	/** A model call that may fail as the pipeline's calls do. */
	public interface Call<T> {

		T call() throws AnimeGanException;
	}

	private final OrtSession session;
	private final OrtNDManager manager;
	/** Null when the session has no arena to shrink (memory_mode=low). */
	private final OrtSession.RunOptions shrink;
	private final ThreadLocal<Boolean> shrinking = ThreadLocal.withInitial(() -> false);

	public ArenaBlock(final OrtSession session, final OrtNDManager manager,
		final RuntimeOptions runtime) throws AnimeGanException
	{
		super(session, manager);
		this.session = session;
		this.manager = manager;
		this.shrink = Sessions.shrinkingRuns(runtime);
	}

	/** Runs {@code call}, whose model runs on this thread give the arena's free regions back after each. */
	public <T> T shrinking(final Call<T> call) throws AnimeGanException {
		final boolean before = shrinking.get();
		shrinking.set(true);
		try {
			return call.call();
		}
		finally {
			shrinking.set(before);
		}
	}

	@Override
	protected NDList forwardInternal(final ParameterStore store, final NDList inputs,
		final boolean training, final PairList<String, Object> params)
	{
		if (shrink == null || !shrinking.get()) return super.forwardInternal(store, inputs, training,
			params);
		final List<String> names = new ArrayList<>(session.getInputNames());
		// As DJL's block: inputs converted in a sub-manager closed after the run, results in the inputs'.
		try (OrtNDManager sub = (OrtNDManager) manager.newSubManager()) {
			final Map<String, OnnxTensor> feed = new LinkedHashMap<>();
			for (int i = 0; i < inputs.size(); i++) {
				final NDArray a = inputs.get(i);
				feed.put(a.getName() != null ? a.getName() : names.get(i), sub.from(a).getTensor());
			}
			final NDManager target = inputs.head().getManager();
			try (OrtSession.Result r = session.run(feed, shrink)) {
				final NDList out = new NDList();
				for (final Map.Entry<String, OnnxValue> e : r) {
					final OnnxTensor t = (OnnxTensor) e.getValue();
					final FloatBuffer data = t.getFloatBuffer();
					if (data == null) throw new EngineException("output " + e.getKey() + " is not float");
					final NDArray a = target.create(data, new Shape(t.getInfo().getShape()), DataType.FLOAT32);
					a.setName(e.getKey());
					out.add(a);
				}
				return out;
			}
		}
		catch (final OrtException e) {
			throw new EngineException(e);
		}
	}

	@Override
	public void close() {
		if (shrink != null) shrink.close();
		super.close();
	}
}
