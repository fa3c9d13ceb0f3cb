package org.animegan.fiji.tools;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.engine.DjlRuntime;

/**
 * {@code providers}: which ONNX Runtime the jars carry and which execution providers it was built
 * with, as {@code key=value} lines; src/tools/check_gpu_build.sh reads them from the -Pgpu build.
 */
final class Providers {

	private Providers() {}

	static int print(final PrintStream out) throws AnimeGanException {
		final OrtEnvironment env = DjlRuntime.environment(); // through DJL, as the plugin starts it
		final List<String> names = new ArrayList<>();
		for (final OrtProvider p : OrtEnvironment.getAvailableProviders())
			names.add(p.name());
		out.println("onnxruntime_version=" + env.getVersion());
		out.println("providers=" + String.join(",", names));
		return 0;
	}
}
