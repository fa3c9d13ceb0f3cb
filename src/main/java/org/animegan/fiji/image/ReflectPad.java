package org.animegan.fiji.image;

/**
 * Pads an image on the right and bottom by mirror reflection (the edge pixel is not repeated), so
 * that its sides become multiples of a model's stride without stretching it.
 */
public final class ReflectPad {

	private ReflectPad() {}

	public static RgbImage pad(final RgbImage in, final int width, final int height) {
		if (width < in.width() || height < in.height()) {
			throw new IllegalArgumentException("Padding cannot shrink an image");
		}
		if (width == in.width() && height == in.height()) return in;
		final int[] xs = new int[width];
		for (int x = 0; x < width; x++)
			xs[x] = reflect(x, in.width());
		final RgbImage out = new RgbImage(width, height);
		final float[] src = in.data(), dst = out.data();
		final int a = in.area(), b = out.area(), w = in.width();
		for (int c = 0; c < 3; c++) {
			for (int y = 0; y < height; y++) {
				final int srcRow = c * a + reflect(y, in.height()) * w;
				final int dstRow = c * b + y * width;
				System.arraycopy(src, srcRow, dst, dstRow, w);
				for (int x = w; x < width; x++)
					dst[dstRow + x] = src[srcRow + xs[x]];
			}
		}
		return out;
	}

	/** Index i folded into [0, n) by reflection about the edges; works for any padding length. */
	static int reflect(final int i, final int n) {
		if (n == 1) return 0;
		final int period = 2 * (n - 1);
		int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}
}
