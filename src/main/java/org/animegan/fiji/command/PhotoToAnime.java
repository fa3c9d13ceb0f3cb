package org.animegan.fiji.command;

import ij.IJ;
import ij.ImagePlus;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.ModelService;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageJProgress;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
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

	/**
	 * The dialog offers the catalog's display names (models/catalog.json; a test keeps this list equal
	 * to it) and Custom file...; SciJava checks choices only in the dialog, so a macro may still give
	 * any path, URL, catalog id or models-folder name.
	 */
	@Parameter(label = "Model", choices = { //
		"Face Portrait v2",
		"Face Portrait v1",
		"Webtoon Face (CelebA distill)",
		"Paprika (PyTorch port)",
		"Hayao (AnimeGANv2, TF export)",
		"Shinkai (AnimeGANv2, TF export)",
		"Paprika (AnimeGANv2, TF export)",
		"Hayao 36 (AnimeGANv3)",
		"Shinkai 37 (AnimeGANv3)",
		ModelMessages.CUSTOM_FILE }, initializer = "initModel", callback = "modelChanged",
		description = "A catalog model (downloaded on first use), a model in the models folder, or Custom file... for any .onnx or .pt file; a macro may also give a path or an http(s) URL.")
	private String model = "";

	@Parameter(label = "Model file", required = false, persist = false,
		description = "The .onnx or .pt file used when Model is Custom file...")
	private File model_file;

	/** The chosen model's licence line (and whether its download address is verified). */
	@Parameter(visibility = ItemVisibility.MESSAGE, required = false, persist = false)
	private String licence = "";

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

	@Parameter(label = "Style weight", min = "0", max = "1.5", stepSize = "0.05",
		description = "0 keeps the photo, 1 is the model's result, above 1 exaggerates it.")
	private double style_weight = 1;

	@Parameter(label = "Blend original", min = "0", max = "1", stepSize = "0.05",
		description = "Fraction of the original photo mixed back into the result.")
	private double blend_original = 0;

	@Parameter(label = "Color shift", choices = { "none", "histogram", "lut" },
		description = "histogram keeps the photo's colour balance; lut applies the .cube file below.")
	private String color_shift = "none";

	@Parameter(label = "LUT file (.cube)", required = false, style = "extensions:cube",
		description = "A .cube 3D colour LUT, used when color shift is lut.")
	private File lut_file;

	@Parameter(label = "Match brightness",
		description = "Scale the result so that its mean luma equals the photo's.")
	private boolean brightness_match = false;

	@Parameter(label = "Sharpen", min = "0", max = "5", stepSize = "0.1",
		description = "Unsharp-mask amount applied to the result (0 = off).")
	private double sharpen_factor = 0;

	@Parameter(label = "Denoise", choices = { "off", "light" },
		description = "Edge-preserving pre-filter for noisy photos.")
	private String denoise = "off";

	@Parameter(label = "Mirror averaging (TTA)",
		description = "Average with the mirrored photo's result; takes twice the time.")
	private boolean tta_enabled = false;

	@Parameter(label = "Face enhance", choices = { "off", "crop", "detect" },
		description = "crop: centre square at 512 px; detect: every face stylized with the face model.")
	private String face_enhance = "off";

	@Parameter(label = "Face model", description = "Model for faces: a path or a model name.")
	private String face_model = Settings.DEFAULT_FACE_MODEL;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus output;

	@Parameter
	private ModelService models;

	@Parameter
	private LogService log;

	/** Shows the licence of the model the dialog opens with. */
	protected void initModel() {
		modelChanged();
	}

	/** Shows the chosen model's licence line. */
	protected void modelChanged() {
		licence = ModelChoices.standard().licenceOf(model);
	}

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
			IJ.error(CommandMessages.TITLE, message);
		}
	}
}
