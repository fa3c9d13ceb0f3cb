package org.animegan.fiji.api;

import java.util.Objects;

/**
 * How ONNX Runtime sessions are built ({@code engine.Sessions}): threads, device, memory mode and
 * graph optimisation level. Immutable; two equal options may share a cached session.
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

	/** ONNX Runtime's graph optimisation levels. */
	public enum OptLevel {
		NONE, BASIC, EXTENDED, ALL
	}

	private final int threads;
	private final Device device;
	private final MemoryMode memory;
	private final OptLevel optLevel;

	private RuntimeOptions(final int threads, final Device device, final MemoryMode memory,
		final OptLevel optLevel)
	{
		this.threads = Math.max(1, threads);
		this.device = device;
		this.memory = memory;
		this.optLevel = optLevel;
	}

	/** The measured defaults (README, performance): device auto, fast memory mode, all optimisations. */
	public static RuntimeOptions threads(final int threads) {
		return new RuntimeOptions(threads, Device.AUTO, MemoryMode.FAST, OptLevel.ALL);
	}

	public RuntimeOptions withDevice(final Device d) {
		return new RuntimeOptions(threads, d, memory, optLevel);
	}

	public RuntimeOptions withMemory(final MemoryMode m) {
		return new RuntimeOptions(threads, device, m, optLevel);
	}

	public RuntimeOptions withOptLevel(final OptLevel o) {
		return new RuntimeOptions(threads, device, memory, o);
	}

	/** Intra-op threads. */
	public int threads() {
		return threads;
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

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof RuntimeOptions)) return false;
		final RuntimeOptions r = (RuntimeOptions) o;
		return threads == r.threads && device == r.device && memory == r.memory &&
			optLevel == r.optLevel;
	}

	@Override
	public int hashCode() {
		return Objects.hash(threads, device, memory, optLevel);
	}

	@Override
	public String toString() {
		return "threads=" + threads + " device=" + Choices.key(device) + " memory=" + Choices.key(
			memory) + " opt=" + Choices.key(optLevel);
	}
}
