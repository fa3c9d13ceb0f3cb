package org.animegan.fiji.command;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ColorProcessor;

import java.awt.GraphicsEnvironment;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.Preview;

/**
 * The one preview window of a dialog. Renders on a background thread, so that the dialog stays
 * responsive while the model runs; of the changes made meanwhile only the latest is rendered.
 * Headless, the preview image is kept but not shown.
 */
final class PreviewWindow {

	private final Preview preview;
	private final ImagePlus input;
	private final Progress progress;
	private final AtomicReference<Settings> wanted = new AtomicReference<>();
	private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
		final Thread t = new Thread(r, "AnimeGAN preview");
		t.setDaemon(true);
		return t;
	});
	/** Counts hides, so that a render that was under way when the window closed is not shown. */
	private int hides;
	private ImagePlus shown;
	private volatile String error;

	PreviewWindow(final AnimeGan tool, final ImagePlus input, final Progress progress) {
		this.preview = new Preview(tool);
		this.input = input;
		this.progress = progress;
	}

	/** Renders the preview for these settings soon; replaces any render still waiting. */
	void update(final Settings settings) {
		wanted.set(settings);
		worker.execute(this::renderLatest);
	}

	private void renderLatest() {
		final int hidesBefore;
		synchronized (this) {
			hidesBefore = hides;
		}
		final Settings s = wanted.getAndSet(null);
		if (s == null) return;
		try {
			final ColorProcessor cp = preview.render(input, s, progress);
			error = null;
			show(cp, hidesBefore);
		}
		catch (final AnimeGanException e) {
			error = e.getMessage();
			IJ.showStatus(e.getMessage());
		}
	}

	private synchronized void show(final ColorProcessor cp, final int hidesBefore) {
		if (hides != hidesBefore) return;
		final boolean display = !GraphicsEnvironment.isHeadless();
		if (shown == null || display && shown.getWindow() == null) {
			shown = new ImagePlus(CommandMessages.previewTitle(input.getTitle()), cp);
			if (display) shown.show();
		}
		else {
			shown.setProcessor(cp);
			shown.updateAndDraw();
		}
	}

	/** Closes the window and drops waiting renders; the model's cached result is kept. */
	synchronized void hide() {
		hides++;
		wanted.set(null);
		if (shown == null) return;
		shown.changes = false;
		shown.close();
		shown = null;
	}

	/** Hides the window and ends the render thread. */
	void close() {
		hide();
		worker.shutdown();
	}

	/** Waits until every render asked for so far is done (for tests and measurements). */
	void await() throws InterruptedException {
		try {
			worker.submit(() -> {}).get();
		}
		catch (final ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	/** The preview image, or null while none is shown. */
	synchronized ImagePlus image() {
		return shown;
	}

	/** Why the last render failed, or null if it did not. */
	String error() {
		return error;
	}

	int modelRuns() {
		return preview.modelRuns();
	}
}
