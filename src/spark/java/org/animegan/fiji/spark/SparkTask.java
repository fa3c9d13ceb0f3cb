package org.animegan.fiji.spark;

import java.io.Serializable;

/**
 * One input of the batch: a file, or with {@code --sequence} a folder of frames. A multi-page TIFF or
 * an AVI stays one task, so that {@code temporal_smoothing} sees its frames in order and the result
 * is the command line's single stack or video.
 */
final class SparkTask implements Serializable {

	private static final long serialVersionUID = 1L;

	/** The input's full Hadoop URI. */
	final String input;
	/** A folder of numbered frames ({@code --sequence}). */
	final boolean folder;
	/** The result's name without its extension: {@code <name>-anime}. */
	final String stem;
	/** Estimated pixels (all planes), what partitions are balanced by. */
	final long cost;

	SparkTask(final String input, final boolean folder, final String stem, final long cost) {
		this.input = input;
		this.folder = folder;
		this.stem = stem;
		this.cost = cost;
	}
}
