package org.animegan.fiji.model;

import java.util.List;

import org.animegan.fiji.image.RgbImage;

/** Planes of one size that go through the model together. */
public final class ImageBatch {

	private final List<RgbImage> images;

	public ImageBatch(final List<RgbImage> images) {
		if (images.isEmpty()) throw new IllegalArgumentException("Empty batch");
		final RgbImage first = images.get(0);
		for (final RgbImage img : images) {
			if (img.width() != first.width() || img.height() != first.height()) {
				throw new IllegalArgumentException("A batch must hold planes of one size");
			}
		}
		this.images = List.copyOf(images);
	}

	public List<RgbImage> images() {
		return images;
	}

	public int size() {
		return images.size();
	}

	public int width() {
		return images.get(0).width();
	}

	public int height() {
		return images.get(0).height();
	}
}
