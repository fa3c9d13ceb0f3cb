package org.animegan.fiji.engine;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.util.Locale;

/**
 * The ONNX Runtime session options we run generators with, chosen by measurement (see the README,
 * "Large images and performance", and {@code animegan-cli.jar benchmark}). Each can be overridden by
 * a system property so that the benchmark can compare alternatives without a rebuild:
 * {@code animegan.ort.opt} (none, basic, extended, all), {@code animegan.ort.arena},
 * {@code animegan.ort.pattern} (true/false) and {@code animegan.ort.inter} (threads).
 */
public final class SessionTuning {

	/** Graph optimisation level. */
	static final String OPT = "animegan.ort.opt";
	/** CPU memory arena: keeps freed activation blocks for reuse instead of returning them. */
	static final String ARENA = "animegan.ort.arena";
	/** Memory pattern planning: one big pre-planned block per input shape. */
	static final String PATTERN = "animegan.ort.pattern";
	static final String INTER = "animegan.ort.inter";

	private SessionTuning() {}

	public static SessionOptions options(final int threads) throws OrtException {
		final SessionOptions options = new SessionOptions();
		options.setIntraOpNumThreads(Math.max(1, threads));
		options.setInterOpNumThreads(Integer.getInteger(INTER, 1));
		options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
		options.setOptimizationLevel(optLevel(System.getProperty(OPT, "all")));
		// On by default: without them every run faults its activation memory in afresh (measured at
		// 512x512: 6.07 s instead of 2.97 s per image). A single photo has nothing to reuse, so the
		// command line turns them off then (preferLowMemory) for a lower peak.
		options.setCPUArenaAllocator(Boolean.parseBoolean(System.getProperty(ARENA, "true")));
		options.setMemoryPatternOptimization(Boolean.parseBoolean(System.getProperty(PATTERN,
			"true")));
		return options;
	}

	/**
	 * For a process that runs the model once (one photo): no arena or memory pattern, and large blocks
	 * returned to the system at once ({@link NativeMemory}). Call before the session is opened.
	 * Explicit system properties win.
	 */
	public static void preferLowMemory() {
		if (System.getProperty(ARENA) == null) System.setProperty(ARENA, "false");
		if (System.getProperty(PATTERN) == null) System.setProperty(PATTERN, "false");
		NativeMemory.limitFragmentation();
	}

	/** A one-line description of the options in effect, for benchmark output. */
	public static String describe() {
		return "opt=" + System.getProperty(OPT, "all") + " arena=" + System.getProperty(ARENA,
			"true") + " pattern=" + System.getProperty(PATTERN, "true") + " inter=" + Integer
				.getInteger(INTER, 1);
	}

	static SessionOptions.OptLevel optLevel(final String name) {
		switch (name.toLowerCase(Locale.ROOT)) {
			case "none":
				return SessionOptions.OptLevel.NO_OPT;
			case "basic":
				return SessionOptions.OptLevel.BASIC_OPT;
			case "extended":
				return SessionOptions.OptLevel.EXTENDED_OPT;
			default:
				return SessionOptions.OptLevel.ALL_OPT;
		}
	}
}
