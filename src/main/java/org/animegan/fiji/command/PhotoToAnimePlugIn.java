package org.animegan.fiji.command;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.plugin.PlugIn;

import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.model.ModelCache;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageJProgress;
import org.animegan.fiji.pipeline.PipelineMessages;

/**
 * The same command for plain ImageJ 1.x, registered in plugins.config under the same menu path and
 * label. In Fiji, imagej-legacy finds the SciJava {@link PhotoToAnime} with the same label and lets
 * it take over this menu item, so Fiji shows one entry. The dialog ({@link PlugInDialog}) is built
 * from {@link Settings#PARAMS}, so macro keys are the same in both.
 */
public class PhotoToAnimePlugIn implements PlugIn {

	/** One cache per JVM for plain ImageJ, closed when the JVM exits. */
	private static ModelCache cache;

	static synchronized ModelCache cache() {
		if (cache == null) {
			cache = new ModelCache();
			final ModelCache c = cache;
			Runtime.getRuntime().addShutdownHook(new Thread(c::close, "AnimeGAN model cache"));
		}
		return cache;
	}

	@Override
	public void run(final String arg) {
		final ImagePlus imp = WindowManager.getCurrentImage();
		if (imp == null) {
			IJ.error(CommandMessages.TITLE, PipelineMessages.noImage());
			return;
		}
		final Settings settings;
		try {
			settings = ask(imp);
		}
		catch (final AnimeGanException e) {
			IJ.error(CommandMessages.TITLE, e.getMessage());
			return;
		}
		if (settings == null) return;
		try {
			final ImagePlus out = new AnimeGan(cache()).stylize(imp, settings, new ImageJProgress());
			out.show();
			FaceRois.addToManager(out);
		}
		catch (final CancelledException e) {
			IJ.showStatus(e.getMessage());
		}
		catch (final AnimeGanException e) {
			IJ.error(CommandMessages.TITLE, e.getMessage());
			if (Macro.getOptions() != null) Macro.abort();
		}
	}

	/** Shows (or, in a macro, reads) the dialog, with a preview of {@code imp}; null if cancelled. */
	private Settings ask(final ImagePlus imp) throws AnimeGanException {
		final PreviewWindow preview = Macro.getOptions() != null ? null : new PreviewWindow(
			new AnimeGan(cache()), imp, new ImageJProgress());
		final Map<String, String> values = new PlugInDialog(ModelChoices.standard(), preview).show();
		return values == null ? null : Settings.of(values);
	}
}
