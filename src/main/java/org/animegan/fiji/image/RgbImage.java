package org.animegan.fiji.image;

/**
 * An RGB image as float planes (channel-major: all red, then green, then blue), values on the 8-bit
 * scale 0..255 but not rounded, so steps can be chained without losing precision.
 */
public final class RgbImage {

	private final int width;
	private final int height;
	private final float[] data;

	public RgbImage(final int width, final int height) {
		this(width, height, new float[3 * checkedArea(width, height)]);
	}

	public RgbImage(final int width, final int height, final float[] data) {
		if (data.length != 3 * checkedArea(width, height)) {
			throw new IllegalArgumentException("Expected " + 3L * width * height + " values, got " +
				data.length);
		}
		this.width = width;
		this.height = height;
		this.data = data;
	}

	private static int checkedArea(final int width, final int height) {
		if (width < 1 || height < 1) throw new IllegalArgumentException(width + "x" + height);
		final long n = (long) width * height;
		if (3 * n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Image too large: " +
			width + "x" + height);
		return (int) n;
	}

	public int width() {
		return width;
	}

	public int height() {
		return height;
	}

	/** Pixels per channel. */
	public int area() {
		return width * height;
	}

	/** The backing array, channel-major; changes are visible. */
	public float[] data() {
		return data;
	}

	public float get(final int channel, final int x, final int y) {
		return data[channel * area() + y * width + x];
	}

	public void set(final int channel, final int x, final int y, final float v) {
		data[channel * area() + y * width + x] = v;
	}

	public RgbImage copy() {
		return new RgbImage(width, height, data.clone());
	}

	/** The sub-rectangle [x, x+w) x [y, y+h) as a new image. */
	public RgbImage crop(final int x, final int y, final int w, final int h) {
		if (x < 0 || y < 0 || x + w > width || y + h > height) {
			throw new IllegalArgumentException("Crop outside the image");
		}
		if (x == 0 && y == 0 && w == width && h == height) return this;
		final RgbImage out = new RgbImage(w, h);
		final int a = area(), b = out.area();
		for (int c = 0; c < 3; c++)
			for (int row = 0; row < h; row++)
				System.arraycopy(data, c * a + (y + row) * width + x, out.data, c * b + row * w, w);
		return out;
	}
}
