package org.animegan.fiji.model.pt;

import java.nio.file.Path;

/** The sentences of the checkpoint import that are new with its hardening (older ones are in Messages). */
final class PtMessages {

	private PtMessages() {}

	/** A name from the file as a message shows it: one line, and not longer than a real key. */
	static String shown(final String key) {
		final String oneLine = key.replaceAll("\\p{Cntrl}", "?");
		return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
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
		return "The checkpoint " + name + " was refused because its storage '" + shown(key) +
			"' holds fewer bytes than its header declares.";
	}
}
