package org.animegan.fiji.cli;

import java.io.PrintStream;

import org.animegan.fiji.api.SettingsMessages;
import org.animegan.fiji.files.FileMessages;

/**
 * The command line's output: each message one line, whatever file names it contains (see
 * {@link FileMessages#printable}); text is handed to the underlying stream unchanged otherwise, in
 * its encoding.
 */
final class OneLineStream extends PrintStream {

	private final PrintStream target;

	OneLineStream(final PrintStream target) {
		super(target, true);
		this.target = target;
	}

	@Override
	public void println(final String line) {
		target.println(SettingsMessages.printable(String.valueOf(line)));
	}

	@Override
	public void println(final Object line) {
		println(String.valueOf(line));
	}

	@Override
	public void print(final String text) {
		target.print(text);
	}
}
