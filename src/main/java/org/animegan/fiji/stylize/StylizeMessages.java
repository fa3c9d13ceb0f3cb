package org.animegan.fiji.stylize;

/**
 * What package stylize says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class StylizeMessages {

	private StylizeMessages() {}

	/** The Log line when the model could not allocate and is tried again with less at once. */
	public static String retrying(final String before, final int tile, final boolean oneAtATime) {
		return "Not enough memory for the model " + before + "; trying again " + (tile > 0 ? "in " +
			tile + "-pixel tiles" : "on the whole plane") + (oneAtATime ? ", one at a time." : ".");
	}

	/** How a run is described in {@link #retrying}: the whole plane, or tiles of a side. */
	static String attempt(final int tile, final int planes) {
		return tile > 0 ? "in " + tile + "-pixel tiles" : planes > 1 ? "on " + planes +
			" planes at once" : "on the whole plane";
	}

	public static String outOfMemory(final int tile) {
		return "Not enough memory to run the model even " + (tile > 0 ? "in " + tile +
			"-pixel tiles, one at a time" : "on one plane") +
			"; choose a smaller input_size or give ImageJ more memory (Edit > Options > Memory & Threads).";
	}
}
