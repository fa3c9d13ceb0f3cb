package org.animegan.fiji.model.pt;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.nio.file.Path;

import org.animegan.fiji.api.SettingsMessages;

/**
 * What package model.pt says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class PtMessages {

	private PtMessages() {}

	public static String ptNotZip(final String name) {
		return "The file " + name +
			" is not a PyTorch zip checkpoint; re-save it with torch.save(model.state_dict(), path) from PyTorch 1.6 or later.";
	}

	public static String ptNotCheckpoint(final String name) {
		return "The file " + name + " is not a PyTorch state_dict of float32 tensors.";
	}

	public static String ptRefusedGlobal(final String name, final String what) {
		return "The checkpoint " + name + " was refused because its pickle asks for " + what +
			", which a state_dict never needs and which could run code.";
	}

	public static String ptBadEntry(final String name, final String entry) {
		return "The checkpoint " + name + " was refused because it has an unsafe entry name '" + entry +
			"'.";
	}

	public static String ptTooLarge(final String name) {
		return "The checkpoint " + name +
			" was refused because it is larger than an AnimeGAN generator checkpoint can be.";
	}

	public static String ptNotTensor(final String name, final String key) {
		return "The entry '" + key + "' of the checkpoint " + name + " is not a tensor.";
	}

	public static String ptDtype(final String name, final String key, final String storage) {
		return "The tensor '" + key + "' of the checkpoint " + name + " is a " + storage +
			"; only float32 (FloatStorage) checkpoints can be converted.";
	}

	public static String ptNotContiguous(final String name, final String key) {
		return "The tensor '" + key + "' of the checkpoint " + name +
			" is not stored contiguously; re-save it with torch.save(model.state_dict(), path).";
	}

	public static String ptMissingKey(final String name, final String key) {
		return "The checkpoint " + name + " does not match the AnimeGANv2 generator: the key '" + key +
			"' is missing.";
	}

	public static String ptWrongShape(final String name, final String key, final String got,
		final String expected)
	{
		return "The checkpoint " + name + " does not match the AnimeGANv2 generator: the key '" + key +
			"' has shape " + got + " where " + expected + " is expected.";
	}

	public static String ptUnexpectedKey(final String name, final String key) {
		return "The checkpoint " + name + " does not match the AnimeGANv2 generator: the key '" + key +
			"' is not part of it.";
	}

	public static String converting(final Path pt, final Path onnx) {
		return "Converting the PyTorch checkpoint " + pt + " to " + onnx + ".";
	}

	public static String cannotWriteConverted(final Path onnx, final String why) {
		return "The converted model could not be written to " + onnx + " (" + firstLine(why) + ").";
	}


	/** An I/O failure while reading; never called a problem of an ONNX model. */
	static String unreadable(final Path file, final String why) {
		return "The checkpoint " + file + " could not be read (" + (why == null ? "input/output error"
			: why.lines().findFirst().orElse(why)) + ").";
	}

	static String malformedPickle(final String name, final String detail) {
		return "The checkpoint " + name + " was refused because its data.pkl is damaged or crafted (" +
			detail + ").";
	}

	static String unusedOpcode(final String name, final String opcode, final String where) {
		return "The checkpoint " + name + " was refused because its data.pkl uses the pickle opcode " +
			opcode + " (" + where + "), which a PyTorch state_dict never uses.";
	}

	static String outsideStorage(final String name, final String key) {
		return "The checkpoint " + name + " was refused because the tensor '" + key +
			"' reaches outside its storage.";
	}

	static String shortStorage(final String name, final String key) {
		return "The checkpoint " + name + " was refused because its storage '" + SettingsMessages.shown(key) +
			"' holds fewer bytes than its header declares.";
	}
}
