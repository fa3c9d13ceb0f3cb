package org.animegan.fiji.cli;

import java.io.PrintStream;

/** Lets tests in other packages run the command line in-process. */
public final class AnimeGanCliAccess {

	public int run(final PrintStream out, final PrintStream err, final String... args) {
		return new AnimeGanCli(out, err).run(args);
	}
}
