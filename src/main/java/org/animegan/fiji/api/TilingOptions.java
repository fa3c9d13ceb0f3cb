package org.animegan.fiji.api;

/**
 * How large planes are cut into tiles ({@code stylize.TiledStylizer}): the tile side, and how the
 * tiles are given the whole image's tone. The guidance defaults were chosen by measurement
 * (docs/performance.md); the other values are for the measuring tools.
 */
public final class TilingOptions {

	/** Guidance between tiles. */
	public enum Guide {
		/**
		 * Every normalisation layer of every tile takes the whole image's statistics, gathered by a
		 * reduced-size pass (falls back to {@link #BOTH} for graphs whose normalisation is not known).
		 * The default.
		 */
		SHARED,
		/** As {@link #SHARED}, refined by one pass over the tiles that gathers each layer's statistics. */
		SHARED_REFINED,
		/** Per-tile mean/spread matching, then the low frequencies of the reduced pass. */
		BOTH,
		/** Only the low frequencies of the reduced pass. */
		LOWPASS,
		/** Only per-tile mean/spread matching. */
		MEANSTD,
		/** Independent tiles. */
		NONE
	}

	/** Default blur of the low-frequency guidance, as a fraction of the tile side. */
	public static final double DEFAULT_SIGMA = 0.0625;

	private final int tileSize;
	private final Guide guide;
	private final double sigmaFraction;
	private final boolean centered;

	private TilingOptions(final int tileSize, final Guide guide, final double sigmaFraction,
		final boolean centered)
	{
		this.tileSize = tileSize;
		this.guide = guide;
		this.sigmaFraction = sigmaFraction;
		this.centered = centered;
	}

	/** Tiles of this side (model pixels; 0 = whole image unless memory is short), default guidance. */
	public static TilingOptions tileSize(final int tileSize) {
		return new TilingOptions(tileSize, Guide.SHARED, DEFAULT_SIGMA, false);
	}

	public TilingOptions withGuide(final Guide g, final double sigma) {
		return new TilingOptions(tileSize, g, sigma, centered);
	}

	/** Whether the guide only evens out regions (true) or also sets the overall tone (false). */
	public TilingOptions withCentered(final boolean c) {
		return new TilingOptions(tileSize, guide, sigmaFraction, c);
	}

	public int tileSize() {
		return tileSize;
	}

	public Guide guide() {
		return guide;
	}

	public double sigmaFraction() {
		return sigmaFraction;
	}

	public boolean centered() {
		return centered;
	}
}
