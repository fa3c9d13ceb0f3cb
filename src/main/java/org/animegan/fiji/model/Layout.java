package org.animegan.fiji.model;

/** Where the channel axis of a model's image tensor is. */
public enum Layout {
	/** [batch, channel, height, width]: PyTorch exports. */
	NCHW,
	/** [batch, height, width, channel]: TensorFlow exports (AnimeGANv2 official, AnimeGANv3). */
	NHWC
}
