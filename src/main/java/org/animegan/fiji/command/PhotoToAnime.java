package org.animegan.fiji.command;

import ij.IJ;
import ij.ImagePlus;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import org.animegan.fiji.core.AnimeGan;
import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.core.CancelledException;
import org.animegan.fiji.core.ImageJProgress;
import org.animegan.fiji.core.Messages;
import org.animegan.fiji.core.Param;
import org.animegan.fiji.core.Progress;
import org.animegan.fiji.core.Settings;
import org.animegan.fiji.model.ModelService;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › AnimeGAN › Photo to Anime... The field names are the macro keys (snake_case on purpose):
 * {@code run("Photo to Anime...", "model=hayao input_size=512")}. All work is delegated to
 * {@link AnimeGan}.
 */
@Plugin(type = Command.class, menuPath = PhotoToAnime.MENU_PATH, label = "Photo to Anime")
public class PhotoToAnime extends ContextCommand {

	public static final String MENU_PATH = "Plugins>AnimeGAN>Photo to Anime...";

	@Parameter
	private ImagePlus image;

	@Parameter(label = "Model", description = "An .onnx file, or the name of a model in the models folder.")
	private String model = "";

	@Parameter(label = "Input size", choices = { "256", "384", "512", "640", "768", "1024", "native" },
		description = "The long side is scaled to this before stylizing; native keeps the size.")
	private String input_size = "512";

	@Parameter(label = "Max batch size", min = "1", max = "64",
		description = "Planes of a stack sent to the model together.")
	private int max_batch_size = 4;

	@Parameter(label = "Threads", min = "1", max = "256", description = "CPU threads for ONNX Runtime.")
	private int threads = Settings.defaultThreads();

	@Parameter(label = "Tile size", min = "0", max = "8192",
		description = "Larger images are stylized in overlapping tiles of this many pixels; 0 = whole image unless memory is short.")
	private int tile_size = Settings.DEFAULT_TILE;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus output;

	@Parameter
	private ModelService models;

	@Parameter
	private LogService log;

	/** Replaced by tests to cancel; the real one listens to Esc. */
	Progress progress = new ImageJProgress();

	@Override
	public void run() {
		try {
			output = new AnimeGan(models.cache()).stylize(image, settings(), progress);
		}
		catch (final CancelledException e) {
			IJ.showStatus(e.getMessage());
			cancel(e.getMessage());
		}
		catch (final AnimeGanException e) {
			report(e.getMessage());
		}
	}

	/** The settings from the fields named like {@link Settings#PARAMS}' keys. */
	Settings settings() throws AnimeGanException {
		final Map<String, String> v = new LinkedHashMap<>();
		for (final Param p : Settings.PARAMS) {
			try {
				final Field f = PhotoToAnime.class.getDeclaredField(p.key());
				final Object value = f.get(this);
				v.put(p.key(), value == null ? "" : value instanceof File ? ((File) value).getPath()
					: String.valueOf(value));
			}
			catch (final NoSuchFieldException | IllegalAccessException e) {
				// A parameter without a field is a programming error, caught by PhotoToAnimeTest.
				throw new IllegalStateException("No command field for " + p.key(), e);
			}
		}
		return Settings.of(v);
	}

	private void report(final String message) {
		cancel(message);
		log.error(message);
		if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) {
			IJ.error(Messages.TITLE, message);
		}
	}
}
