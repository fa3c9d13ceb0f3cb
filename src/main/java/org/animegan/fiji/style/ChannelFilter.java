package org.animegan.fiji.style;

import ij.process.FloatProcessor;

import java.util.function.Consumer;

import org.animegan.fiji.image.RgbImage;

/** Runs an ImageJ filter on a copy of each channel as a FloatProcessor; the result is clamped. */
final class ChannelFilter {

	private ChannelFilter() {}

	static RgbImage each(final RgbImage img, final Consumer<FloatProcessor> filter) {
		final int n = img.area();
		final float[] out = new float[3 * n];
		for (int c = 0; c < 3; c++) {
			final float[] channel = new float[n];
			System.arraycopy(img.data(), c * n, channel, 0, n);
			filter.accept(new FloatProcessor(img.width(), img.height(), channel));
			for (int i = 0; i < n; i++)
				out[c * n + i] = Mix.clamp(channel[i]);
		}
		return new RgbImage(img.width(), img.height(), out);
	}
}
