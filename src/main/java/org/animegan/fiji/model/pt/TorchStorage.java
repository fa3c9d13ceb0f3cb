package org.animegan.fiji.model.pt;

/**
 * A storage named by a checkpoint's persistent id: its dtype (from the {@code torch.*Storage} global),
 * the key of its {@code data/<key>} entry and its element count. Data is read when a tensor needs it.
 */
final class TorchStorage {

	final String dtype;
	final String key;
	final long numel;

	TorchStorage(final String dtype, final String key, final long numel) {
		this.dtype = dtype;
		this.key = key;
		this.numel = numel;
	}
}
