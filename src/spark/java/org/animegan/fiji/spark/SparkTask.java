package org.animegan.fiji.spark;

import java.io.Serializable;

/**
 * One input of the batch (a file, or with {@code --sequence} a folder of frames), or a range of a
 * stack's or video's planes: without {@code temporal_smoothing} a long one is split into such
 * ranges, each written to a hidden part file that the driver assembles into the one result.
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

	/** Planes of the input as its header declares them (1 where unknown or not splittable). */
	final long planes;
	/** The range of planes, from 1, both included; 0 and 0 for the whole input. */
	final long first, last;

	SparkTask(final String input, final boolean folder, final String stem, final long cost,
		final long planes)
	{
		this(input, folder, stem, cost, planes, 0, 0);
	}

	private SparkTask(final String input, final boolean folder, final String stem, final long cost,
		final long planes, final long first, final long last)
	{
		this.input = input;
		this.folder = folder;
		this.stem = stem;
		this.cost = cost;
		this.planes = planes;
		this.first = first;
		this.last = last;
	}

	/** Planes {@code from} to {@code to} of this input, with their share of its cost. */
	SparkTask range(final long from, final long to) {
		return new SparkTask(input, folder, stem, Math.max(1, cost * (to - from + 1) / planes), planes,
			from, to);
	}

	boolean isRange() {
		return first > 0;
	}

	/** The hidden part file a range is written to, beside the results. */
	String partName() {
		return partPrefix() + first + "-" + last + ".tif";
	}

	/** What the names of this input's part files (and their temporary files) start with. */
	String partPrefix() {
		return "." + stem + ".frames-";
	}
}
