package org.animegan.fiji.pipeline;

import ij.IJ;

import org.animegan.fiji.api.Progress;

/** Progress on ImageJ's progress bar, status line and Log; Esc cancels. */
public class ImageJProgress implements Progress {

	/** Created per run: an Esc left over from an earlier run must not cancel this one. */
	public ImageJProgress() {
		IJ.resetEscape();
	}

	@Override
	public void status(final String message) {
		IJ.showStatus(message);
	}

	@Override
	public void progress(final long done, final long total) {
		IJ.showProgress(total <= 0 ? 1.0 : (double) done / total);
	}

	@Override
	public void log(final String message) {
		IJ.log(message);
	}

	@Override
	public boolean isCancelled() {
		return IJ.escapePressed();
	}
}
