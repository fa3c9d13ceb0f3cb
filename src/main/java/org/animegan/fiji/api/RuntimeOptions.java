package org.animegan.fiji.api;

import java.util.Objects;

/**
 * How ONNX Runtime sessions are built ({@code engine.Sessions}): threads, device, memory mode,
 * graph optimisation level and the precision of the generator's copy. Immutable; two equal options
 * may share a cached session.
 */
public final class RuntimeOptions {

	/** Where the model runs. */
	public enum Device {
		/** CUDA when ONNX Runtime's CUDA provider loads and finds a GPU, else the CPU (one Log line why). */
		AUTO,
		CPU,
		/** CUDA or a clear error: never silently the CPU. */
		GPU
	}

	/** The memory/speed trade-off of a session. */
	public enum MemoryMode {
		/**
		 * Memory arena and memory patterns on: freed activation blocks are reused, so every image after
		 * the first is about twice as fast, for a few hundred MB more.
		 */
		FAST,
		/**
		 * Arena and patterns off, and large blocks returned to the system at once ({@code memory_mode=low}):
		 * about half the peak for one photo, which has nothing to reuse, at nearly twice its time.
		 */
		LOW
	}

	/**
	 * The number format a generator runs in ({@code precision}). INT8 and FP16 run a copy of the
	 * model made once and cached next to it ({@code model.precision}).
	 */
	public enum Precision {
		/** The model as it is. */
		FP32,
		/** Statically quantized convolutions: faster on the CPU, slightly different results. */
		INT8,
		/** Half-precision weights and activations: for GPUs; refused on the CPU, where it is slower. */
		FP16
	}

	/** ONNX Runtime's graph optimisation levels. */
	public enum OptLevel {
		NONE, BASIC, EXTENDED, ALL
	}

	private final int threads;
	private final Device device;
	private final MemoryMode memory;
	private final OptLevel optLevel;
	private final Precision precision;
	private final int runs;

	private RuntimeOptions(final int threads, final Device device, final MemoryMode memory,
		final OptLevel optLevel, final Precision precision, final int runs)
	{
		this.threads = Math.max(1, threads);
		this.device = device;
		this.memory = memory;
		this.optLevel = optLevel;
		this.precision = precision;
		this.runs = Math.max(1, runs);
	}

	/** The measured defaults (README, performance): device auto, fast memory mode, all optimisations, fp32. */
	public static RuntimeOptions threads(final int threads) {
		return new RuntimeOptions(threads, Device.AUTO, MemoryMode.FAST, OptLevel.ALL, Precision.FP32,
			1);
	}

	public RuntimeOptions withDevice(final Device d) {
		return new RuntimeOptions(threads, d, memory, optLevel, precision, runs);
	}

	public RuntimeOptions withMemory(final MemoryMode m) {
		return new RuntimeOptions(threads, device, m, optLevel, precision, runs);
	}

	public RuntimeOptions withOptLevel(final OptLevel o) {
		return new RuntimeOptions(threads, device, memory, o, precision, runs);
	}

	public RuntimeOptions withPrecision(final Precision p) {
		return new RuntimeOptions(threads, device, memory, optLevel, p, runs);
	}

	/**
	 * A copy for a session that runs {@code r} images at once, from as many threads: the threads are
	 * then shared among those runs ({@link #intraOpThreads}).
	 */
	public RuntimeOptions withConcurrentRuns(final int r) {
		return new RuntimeOptions(threads, device, memory, optLevel, precision, r);
	}

	/** The threads given: for all the runs of a session together. */
	public int threads() {
		return threads;
	}

	/** How many runs of a session go on at once (1: one image after the other). */
	public int concurrentRuns() {
		return runs;
	}

	/**
	 * ONNX Runtime's intra-op threads for each run: the threads shared among the concurrent runs, at
	 * least 1. Pad, instance normalisation and layout reorders scale badly with threads, so two
	 * images on one thread each beat one image on two (docs/performance.md).
	 */
	public int intraOpThreads() {
		return Math.max(1, threads / runs);
	}

	public Device device() {
		return device;
	}

	public MemoryMode memory() {
		return memory;
	}

	public OptLevel optLevel() {
		return optLevel;
	}

	public Precision precision() {
		return precision;
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof RuntimeOptions)) return false;
		final RuntimeOptions r = (RuntimeOptions) o;
		return threads == r.threads && device == r.device && memory == r.memory &&
			optLevel == r.optLevel && precision == r.precision && runs == r.runs;
	}

	@Override
	public int hashCode() {
		return Objects.hash(threads, device, memory, optLevel, precision, runs);
	}

	@Override
	public String toString() {
		return "threads=" + threads + " device=" + Choices.key(device) + " memory=" + Choices.key(
			memory) + " opt=" + Choices.key(optLevel) + " precision=" + Choices.key(precision) +
			" runs=" + runs;
	}
}
