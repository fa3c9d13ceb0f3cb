package org.animegan.fiji.pipeline;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.measure.Calibration;

import java.util.ArrayList;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.FaceOptions;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.StyleOptions;
import org.animegan.fiji.face.FaceBox;
import org.animegan.fiji.face.FaceDetector;
import org.animegan.fiji.face.FaceEnhancer;
import org.animegan.fiji.face.FaceRegions;
import org.animegan.fiji.face.FaceRois;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.image.Selection;
import org.animegan.fiji.style.CubeLut;
import org.animegan.fiji.stylize.PlaneStylizer;

/**
 * What happens to each plane of one run: the selection's bounding box is cut out (if there is an
 * area selection), stylized by the scene model or in face mode, and pasted back into a copy of the
 * plane. Uses the cached face detector and keeps the faces it found.
 */
final class PlanePipeline {

	private final PlaneStylizer scene;
	private final Selection selection;
	private final FaceOptions.Mode faceMode;
	private final FaceEnhancer faces;
	private final FaceDetector detector;
	private final boolean stack;
	private final List<Roi> found = new ArrayList<>();
	/** Null when planes are not smoothed over time. */
	private final TemporalSmoothing temporal;

	private PlanePipeline(final PlaneStylizer scene, final Selection selection,
		final FaceOptions.Mode faceMode, final FaceEnhancer faces, final FaceDetector detector,
		final boolean stack, final TemporalSmoothing temporal)
	{
		this.temporal = temporal;
		this.scene = scene;
		this.selection = selection;
		this.faceMode = faceMode;
		this.faces = faces;
		this.detector = detector;
		this.stack = stack;
	}

	static PlanePipeline create(final AnimeGan tool, final ImagePlus input,
		final AnimeGan.Planes planes, final Settings settings, final Progress progress)
		throws AnimeGanException
	{
		final StyleOptions style = settings.style();
		// The LUT first: a bad one is refused before any model is loaded or any plane stylized.
		final CubeLut lut = tool.lut(style);
		final RuntimeOptions runtime = settings.runtime();
		final PlaneStylizer scene = new PlaneStylizer(tool.generator(settings.model(), runtime,
			progress), settings.inputSize(), style, settings.tiling(), lut, progress);
		final Selection selection = Selection.of(input.getRoi(), input.getWidth(), input.getHeight());
		final FaceOptions faceOptions = settings.face();
		final FaceOptions.Mode mode = faceOptions.mode();
		final TemporalSmoothing temporal = planes.smoothing(settings.temporal());
		if (mode == FaceOptions.Mode.OFF) return new PlanePipeline(scene, selection, mode, null, null,
			false, temporal);
		// Faces are stylized at the face model's working size whatever input_size says.
		final PlaneStylizer face = new PlaneStylizer(tool.generator(faceOptions.model(), runtime,
			progress), FaceRegions.FACE_SIZE, style, settings.tiling(), lut, progress);
		FaceDetector detector = null;
		// The detector is cached like the generators, so a macro loop loads it once.
		if (mode == FaceOptions.Mode.DETECT) detector = tool.models().get(FaceDetector.class,
			FaceDetector.locate(tool.library(), progress), runtime, FaceDetector::open);
		return new PlanePipeline(scene, selection, mode, new FaceEnhancer(scene, face, detector),
			detector, input.getStackSize() > 1, temporal);
	}

	/** The scene model's stylizer. */
	PlaneStylizer scene() {
		return scene;
	}

	/** Planes sent together; the scene model's limit. */
	int batchSize(final int wanted) {
		return scene.generator().spec().maxBatch(wanted);
	}

	/** True if results are 512x512 face crops rather than planes of the input's size. */
	boolean cropsFaces() {
		return faceMode == FaceOptions.Mode.CROP;
	}

	/**
	 * Processes planes of the input's size.
	 *
	 * @param first the index of the first plane in the image (for the faces' positions)
	 */
	List<RgbImage> process(final List<RgbImage> planes, final int first) throws AnimeGanException {
		final List<RgbImage> in;
		if (selection == null) in = planes;
		else {
			in = new ArrayList<>(planes.size());
			for (final RgbImage p : planes)
				in.add(selection.crop(p));
		}
		final List<RgbImage> out;
		if (cropsFaces()) out = new ArrayList<>(faces.crop(in));
		else if (faces == null) out = new ArrayList<>(scene.stylize(in));
		else {
			out = new ArrayList<>(in.size());
			// With smoothing over time, faces are followed from frame to frame too.
			final List<FaceEnhancer.Result> results = faces.detect(in, i -> temporal == null ? null
				: temporal.faces(first + i));
			for (int i = 0; i < results.size(); i++) {
				out.add(results.get(i).image);
				for (final FaceBox f : results.get(i).faces) {
					final FaceBox g = selection == null ? f : f.shift(selection.bounds().x, selection
						.bounds().y);
					found.add(FaceRois.roi(g, stack ? first + i + 1 : 0));
				}
			}
		}
		// Smoothed before pasting, so that statistics are those of the stylized area. Face2paint
		// crops do not have the planes' geometry: their flow is taken between the crops themselves.
		if (temporal != null) temporal.apply(out, cropsFaces() ? new ArrayList<>(out) : in, first);
		// Face2paint crops are 512x512: nothing to paste back into.
		if (selection == null || cropsFaces()) return out;
		final List<RgbImage> pasted = new ArrayList<>(out.size());
		for (int i = 0; i < out.size(); i++)
			pasted.add(selection.paste(planes.get(i), out.get(i)));
		return pasted;
	}

	/** Face2paint crops are resampled: their pixels are larger than the input's by that factor. */
	void calibrate(final ImagePlus output, final ImagePlus input) {
		if (!cropsFaces()) return;
		final int w = selection == null ? input.getWidth() : selection.bounds().width;
		final int h = selection == null ? input.getHeight() : selection.bounds().height;
		final double f = FaceRegions.centreSquare(w, h).width / (double) FaceRegions.FACE_SIZE;
		final Calibration cal = output.getCalibration();
		cal.pixelWidth *= f;
		cal.pixelHeight *= f;
		output.setCalibration(cal);
	}

	/** Whether faces were looked for; then {@link #faces()} is the list, possibly empty. */
	boolean detects() {
		return detector != null;
	}

	List<Roi> faces() {
		return found;
	}
}
