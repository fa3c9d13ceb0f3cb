package org.animegan.fiji.engine;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.nio.file.Path;

/**
 * What package engine says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class EngineMessages {

	private EngineMessages() {}

	public static String cannotLoadModel(final Path file, final String why) {
		return "The file " + file + " could not be loaded as an ONNX model (" + firstLine(why) + ").";
	}

	public static String engineUnavailable(final String why) {
		return "The ONNX Runtime engine could not be started (" + firstLine(why) + ").";
	}
}
