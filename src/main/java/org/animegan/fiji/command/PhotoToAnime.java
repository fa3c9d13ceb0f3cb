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
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › AnimeGAN › Photo to Anime... Its inputs are made from the parameter table
 * ({@link Settings#PARAMS}, see {@link TableCommand}): one per row, named by the macro key, so that
 * {@code run("Photo to Anime...", "model=hayao input_size=512")} works and nothing is declared twice.
 * The model list comes from the catalog and the models folder. All work is delegated to
 * {@link AnimeGan}.
 * <p>
 * A command that is its own module cannot be returned by {@code CommandService.run} (SciJava returns
 * null then); scripts run it with {@code moduleService.run(commandService.getCommand(...), ...)}.
 */
@Plugin(type = Command.class, menuPath = PhotoToAnime.MENU_PATH, label = "Photo to Anime")
public class PhotoToAnime extends TableCommand {

	public static final String MENU_PATH = "Plugins>AnimeGAN>Photo to Anime...";

	@Parameter
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus output;

	@Parameter
	private ModelService models;

	/** Replaced by tests to cancel; the real one listens to Esc. */
	Progress progress = new ImageJProgress();

	@Override
	public void run() {
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
