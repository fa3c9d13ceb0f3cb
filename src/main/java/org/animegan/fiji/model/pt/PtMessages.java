package org.animegan.fiji.model.pt;

import java.nio.file.Path;

/** The sentences of the checkpoint import that are new with its hardening (older ones are in Messages). */
final class PtMessages {

	private PtMessages() {}

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
		return "The checkpoint " + name + " was refused because its storage '" + key +
			"' holds fewer bytes than its header declares.";
	}
}
