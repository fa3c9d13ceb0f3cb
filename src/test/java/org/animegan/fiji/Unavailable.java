package org.animegan.fiji;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * The one policy for a test whose environment lacks something (the shared face detector, an X
 * display): on CI ({@code CI=true}), which provides everything, it is a failure, so that nothing is
 * skipped silently there; on a user's fresh clone it is a printed skip.
 */
public final class Unavailable {

	private Unavailable() {}

	/** Fails on CI, otherwise prints the reason and aborts (skips) the calling test; never returns. */
	public static <T> T because(final String reason) {
		if (onCi()) fail(reason + " (CI=true: a missing test resource is a failure.)");
		System.out.println("Skipped: " + reason);
		Assumptions.abort(reason);
		return null;
	}

	static boolean onCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}
}
