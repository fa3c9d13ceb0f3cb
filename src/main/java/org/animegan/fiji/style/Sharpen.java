package org.animegan.fiji.style;

import ij.plugin.filter.UnsharpMask;

import org.animegan.fiji.image.RgbImage;

/**
 * {@code sharpen_factor}: ImageJ's own unsharp mask on each channel. The factor is the usual
 * unsharp-mask amount a in {@code out = in + a (in - blur(in))}; ImageJ's "mask weight" w gives
 * {@code (in - w blur) / (1 - w)}, which is the same for {@code w = a / (1 + a)}.
 */
public final class Sharpen {

	/** Gaussian radius of the mask; 1 pixel sharpens the fine lines anime styles are made of. */
	public static final double SIGMA = 1.0;

	private Sharpen() {}

	/** A new, sharpened image; amount 0 returns the input. */
	public static RgbImage apply(final RgbImage img, final double amount) {
		if (amount <= 0) return img;
		final float weight = (float) (amount / (1 + amount));
		final UnsharpMask um = new UnsharpMask();
		return ChannelFilter.each(img, fp -> {
			fp.snapshot(); // sharpenFloat reads the original from the snapshot
			um.sharpenFloat(fp, SIGMA, weight);
		});
	}
}
