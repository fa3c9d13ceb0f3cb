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

	/**
	 * Evened tiles are used only where they keep at least this share of the tile side: at 4096 pixels
	 * in 1024-pixel tiles, five tiles of 928 (a 9% smaller side, 82 units of 512² instead of 100); at
	 * 2048, evening would shrink the tiles to 768, which cost tone (docs/performance.md).
	 */
	static final double EVEN_SHARE = 0.9;

	/**
	 * The tile side for {@code length} pixels when the largest allowed is {@code tile}: the
	 * {@link #evenTile evened} side where it is at least {@link #EVEN_SHARE} of {@code tile} (less
	 * overlap waste for about the same tone), else {@code tile} itself (at most the axis).
	 */
	public static int tileSide(final int length, final int tile, final int stride,
		final int overlap)
	{
		if (length <= tile) return length;
		final int even = evenTile(length, tile, stride, overlap);
		return even >= EVEN_SHARE * tile ? even : tile;
	}

	/**
	 * As many tiles as {@code tile} needs for {@code length} pixels, but each only as large as covering
	 * the axis with that overlap takes (rounded up to {@code stride}), so that neighbours overlap by
	 * about {@code overlap} instead of by whatever a fixed side leaves over. 2048 pixels in tiles of
	 * at most 1024 with 128 of overlap: three tiles of 768 instead of three of 1024 that overlap by 512.
	 */
	static int evenTile(final int length, final int tile, final int stride, final int overlap) {
		if (length <= tile) return length;
		final int n = starts(length, tile, overlap).length;
		final int least = (length + (n - 1) * overlap + n - 1) / n;
		final int even = (least + stride - 1) / stride * stride;
		// Never more than asked for, and never so small that the overlap would be the whole tile.
		return Math.max(Math.min(tile, even), Math.min(tile, (overlap / stride + 1) * stride));
	}
}
