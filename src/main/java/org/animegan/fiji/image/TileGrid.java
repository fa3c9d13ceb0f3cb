package org.animegan.fiji.image;

/**
 * Where the tiles of one axis start: tiles of a fixed size (a multiple of the model's stride), spread
 * evenly so that neighbours overlap by at least {@code overlap} pixels and the last one ends at the
 * image's edge.
 */
public final class TileGrid {

	private TileGrid() {}

	/** Start positions for tiles of {@code tile} pixels covering {@code length} pixels. */
	public static int[] starts(final int length, final int tile, final int overlap) {
		if (tile <= overlap) throw new IllegalArgumentException("tile " + tile + " <= overlap " +
			overlap);
		if (length <= tile) return new int[] { 0 };
		final int n = (int) Math.ceil((double) (length - overlap) / (tile - overlap));
		final int count = Math.max(2, n);
		final int[] s = new int[count];
		for (int i = 0; i < count; i++)
			s[i] = (int) Math.round((double) i * (length - tile) / (count - 1));
		return s;
	}
}
