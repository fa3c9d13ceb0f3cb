package org.animegan.fiji.pipeline;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ColorProcessor;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.FaceOptions;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.StyleOptions;
import org.animegan.fiji.face.FaceDetector;
import org.animegan.fiji.face.FaceEnhancer;
import org.animegan.fiji.face.FaceRegions;
import org.animegan.fiji.image.PlaneConverter;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.Generator;
import org.animegan.fiji.style.HistogramMatch;
import org.animegan.fiji.style.StyleSteps;
import org.animegan.fiji.stylize.PlaneStylizer;

/**
 * The dialogs' live preview, headless: the current plane (or the selection's bounding box) at
 * preview size, through the same steps as a run. The model's float result is kept, so a change of
 * only the cheap style steps ({@code style_weight}, {@code blend_original}, {@code color_shift},
 * {@code brightness_match}, {@code sharpen_factor}) re-renders without running the model again.
 */
public final class Preview {

	/** The preview's long side at most. */
	public static final int SIZE = 512;

	/** The parameters the model's result depends on; a change of any other only re-runs the steps. */
	static final List<String> MODEL_KEYS = List.of(Settings.MODEL, Settings.MODEL_FILE,
		Settings.INPUT_SIZE, Settings.TILE_SIZE, Settings.DENOISE, Settings.TTA_ENABLED,
		Settings.FACE_ENHANCE, Settings.FACE_MODEL);

	private final AnimeGan tool;
	private List<Object> key;
	/** The photo the steps compare with (a face square in crop mode), and the model's result. */
	private RgbImage photo, generated;
	/** The photo's sorted values for histogram matching, made on first use. */
	private HistogramMatch.Reference reference;
	private int modelRuns;

	public Preview(final AnimeGan tool) {
		this.tool = tool;
	}

	/** The preview of {@code input} with these settings; runs the model only when it must. */
	public synchronized ColorProcessor render(final ImagePlus input, final Settings settings,
		final Progress progress) throws AnimeGanException
	{
		final List<Object> k = key(input, settings);
		if (!k.equals(key)) {
			key = null; // a failed run leaves nothing half-cached
			reference = null;
			generate(input, settings, progress);
			key = k;
		}
		final StyleSteps steps = new StyleSteps(settings.style(), tool.lut(settings.style()));
		if (reference == null && settings.style().colorShift() == StyleOptions.ColorShift.HISTOGRAM)
			reference = HistogramMatch.reference(photo);
		return PlaneConverter.toRgb(steps.after(photo, generated, reference));
	}

	/** How many times a generator has run for this preview (scene and face models together). */
	public synchronized int modelRuns() {
		return modelRuns;
	}

	/** The plane the preview shows: the current one, cut to the selection, long side at most {@link #SIZE}. */
	static RgbImage plane(final ImagePlus input) throws AnimeGanException {
		final AnimeGan.Planes planes = AnimeGan.Planes.of(input);
		RgbImage plane = planes.read(planes.current());
		final Rectangle r = bounds(input);
		if (r != null) plane = plane.crop(r.x, r.y, r.width, r.height);
		final double scale = Math.min(1, SIZE / (double) Math.max(plane.width(), plane.height()));
		if (scale == 1) return plane;
		return Resampler.resize(plane, Math.max(1, (int) Math.round(plane.width() * scale)), Math.max(
			1, (int) Math.round(plane.height() * scale)));
	}

	private static Rectangle bounds(final ImagePlus input) {
		final Roi roi = input.getRoi();
		if (roi == null || !roi.isArea()) return null;
		final Rectangle b = roi.getBounds().intersection(new Rectangle(input.getWidth(), input
			.getHeight()));
		return b.isEmpty() ? null : b;
	}

	/** What the cached model result depends on: the plane shown and the model's parameters. */
	private static List<Object> key(final ImagePlus input, final Settings settings) {
		final List<Object> k = new ArrayList<>();
		k.add(input.getID());
		k.add(input.getCurrentSlice());
		k.add(bounds(input));
		for (final String name : MODEL_KEYS)
			k.add(settings.get(name));
		return k;
	}

	private void generate(final ImagePlus input, final Settings settings, final Progress progress)
		throws AnimeGanException
	{
		final RgbImage plane = plane(input);
		final PlaneStylizer scene = counted(new PlaneStylizer(tool.generator(settings.model(), settings
			.runtime(), progress), settings.inputSize(), settings.style(), settings.tiling(), null,
			progress));
		final FaceOptions.Mode mode = settings.face().mode();
		if (mode == FaceOptions.Mode.OFF) {
			photo = plane;
			generated = scene.generate(List.of(plane)).get(0);
			return;
		}
		final PlaneStylizer face = counted(new PlaneStylizer(tool.generator(settings.face().model(),
			settings.runtime(), progress), FaceRegions.FACE_SIZE, settings.style(), settings.tiling(),
			null, progress));
		if (mode == FaceOptions.Mode.CROP) {
			photo = FaceEnhancer.centreSquare(plane);
			generated = face.generate(List.of(photo)).get(0);
			return;
		}
		final FaceDetector detector = tool.models().get(FaceDetector.class, FaceDetector.locate(tool
			.library(), progress), settings.runtime(), FaceDetector::open);
		photo = plane;
		generated = new FaceEnhancer(scene, face, detector).generate(plane).image;
	}

	/** The stylizer with its generator runs counted. */
	private PlaneStylizer counted(final PlaneStylizer stylizer) {
		final Generator g = stylizer.generator();
		return stylizer.runner(planes -> {
			synchronized (this) {
				modelRuns++;
			}
			return g.run(planes);
		});
	}
}
