package org.animegan.fiji.command;

import ij.IJ;
import ij.ImagePlus;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.model.ModelService;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageJProgress;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommandInfo;
import org.scijava.command.Previewable;
import org.scijava.module.DefaultMutableModuleItem;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › AnimeGAN › Photo to Anime... Its inputs are made from the parameter table
 * ({@link Settings#PARAMS}, see {@link TableCommand}): one per row, named by the macro key, so that
 * {@code run("Photo to Anime...", "model=hayao input_size=512")} works and nothing is declared twice.
 * The model list comes from the catalog and the models folder. All work is delegated to
 * {@link AnimeGan}.
 * <p>
 * With "Preview" ticked, every change in the dialog updates one preview window
 * ({@link PreviewWindow}); Cancel or OK closes it.
 * <p>
 * A command that is its own module cannot be returned by {@code CommandService.run} (SciJava returns
 * null then); scripts run it with {@code moduleService.run(commandService.getCommand(...), ...)}.
 */
@Plugin(type = Command.class, menuPath = PhotoToAnime.MENU_PATH, label = "Photo to Anime")
public class PhotoToAnime extends TableCommand implements Previewable {

	public static final String MENU_PATH = "Plugins>AnimeGAN>Photo to Anime...";

	/** The input that turns the preview on; never remembered, so a dialog opens without it. */
	static final String PREVIEW = "preview";

	@Parameter
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus output;

	@Parameter
	private ModelService models;

	/** Replaced by tests to cancel; the real one listens to Esc. */
	Progress progress = new ImageJProgress();

	private PreviewWindow preview;

	@Override
	protected void addInputs(final DynamicCommandInfo i) {
		final DefaultMutableModuleItem<Boolean> box = new DefaultMutableModuleItem<>(i, PREVIEW,
			Boolean.class);
		box.setLabel(CommandMessages.PREVIEW);
		box.setDefaultValue(false);
		box.setPersisted(false);
		box.setRequired(false);
		i.addInput(box);
		setInput(PREVIEW, false);
	}

	/** Called by the dialog after every change. */
	@Override
	public void preview() {
		if (!Boolean.TRUE.equals(getInput(PREVIEW)) || image == null) {
			if (preview != null) preview.hide();
			return;
		}
		if (preview == null) preview = new PreviewWindow(new AnimeGan(models.cache()), image, progress);
		try {
			preview.update(settings());
		}
		catch (final AnimeGanException e) {
			IJ.showStatus(e.getMessage()); // a value being typed; the preview waits for a valid one
		}
	}

	/** Cancel in the dialog: the preview window goes. */
	@Override
	public void cancel() {
		closePreview();
	}

	/** The preview, or null before one was asked for (for tests). */
	PreviewWindow previewWindow() {
		return preview;
	}

	private void closePreview() {
		if (preview == null) return;
		preview.close();
		preview = null;
	}

	@Override
	public void run() {
		closePreview();
		try {
			output = new AnimeGan(models.cache()).stylize(image, settings(), progress);
			FaceRois.addToManager(output);
		}
		catch (final CancelledException e) {
			IJ.showStatus(e.getMessage());
			cancel(e.getMessage());
		}
		catch (final AnimeGanException e) {
			report(e.getMessage());
		}
	}
}
