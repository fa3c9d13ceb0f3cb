package org.animegan.fiji.model.pt;

import ij.ImagePlus;

/** Shared by tests in other packages. */
public final class PtImportTestSupport {

	private PtImportTestSupport() {}

	public static int maxDifference(final ImagePlus a, final ImagePlus b) {
		return PtImportTest.maxDifference(a, b);
	}
}
