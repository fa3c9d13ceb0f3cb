package org.animegan.fiji.model.graph;

/**
 * What package model.graph says: why a graph's normalisation could not be shared between tiles (a
 * Log line; tiling then falls back to the reduced-size guidance).
 */
public final class GraphMessages {

	private GraphMessages() {}

	public static String notRecognised(final String name, final String why) {
		return "The model " + name + " normalises in a way that cannot be shared between tiles (" +
			why + "), so its tiles are matched to a reduced-size pass instead.";
	}

	static String unknownOp(final String op, final String node) {
		return "unrecognised " + op + " node '" + node + "'";
	}

	static String notOnnx() {
		return "the graph cannot be read";
	}
}
