package org.animegan.fiji;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.animegan.fiji.api.Progress;

/** Records what the tool reports, and cancels once a given number of batches are done. */
public final class RecordingProgress implements Progress {

	// Several images at once report from their workers' threads.
	public final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
	public final List<String> logs = Collections.synchronizedList(new ArrayList<>());
	public final List<long[]> fractions = Collections.synchronizedList(new ArrayList<>());
	private final int cancelAfter;

	/** Never cancels. */
	public RecordingProgress() {
		this(-1);
	}

	/** Cancels after this many status lines (one per batch); 0 cancels before the first. */
	public RecordingProgress(final int cancelAfterBatches) {
		this.cancelAfter = cancelAfterBatches;
	}

	@Override
	public void status(final String message) {
		statuses.add(message);
	}

	@Override
	public void progress(final long done, final long total) {
		fractions.add(new long[] { done, total });
	}

	@Override
	public void log(final String message) {
		logs.add(message);
	}

	@Override
	public boolean isCancelled() {
		return cancelAfter >= 0 && statuses.size() >= cancelAfter;
	}
}
