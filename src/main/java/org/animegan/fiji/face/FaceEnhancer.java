package org.animegan.fiji.face;

import ij.gui.OvalRoi;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.image.FeatherMask;
import org.animegan.fiji.image.Paste;
import org.animegan.fiji.image.Resampler;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.stylize.PlaneStylizer;

/**
 * {@code face_enhance}: faces stylized at 512x512 by the face model.
 * <ul>
 * <li>crop: the PyTorch port's face2paint, the centred square only, output 512x512;</li>
 * <li>detect: the whole plane by the scene model, then each detected face cut out with a margin,
 * stylized at 512 by the face model and pasted back through a feathered ellipse. The style steps
 * after the model run once, on the combined picture.</li>
 * </ul>
 */
public final class FaceEnhancer {

	/** Feather width (Gaussian sigma) as a fraction of the face square's side. */
	static final double FEATHER = 1.0 / 32;

	private final PlaneStylizer scene;
	private final PlaneStylizer face;
	private final FaceDetector detector;

	/** @param detector null for crop mode */
	public FaceEnhancer(final PlaneStylizer scene, final PlaneStylizer face,
		final FaceDetector detector)
	{
		this.scene = scene;
		this.face = face;
		this.detector = detector;
	}

	/** One stylized plane and the faces found in it (empty in crop mode). */
	public static final class Result {

		public final RgbImage image;
		public final List<FaceBox> faces;

		Result(final RgbImage image, final List<FaceBox> faces) {
			this.image = image;
			this.faces = faces;
		}
	}

	/** face2paint: each plane's centred square, resized to 512 (Lanczos) and stylized. */
	public List<RgbImage> crop(final List<RgbImage> planes) throws AnimeGanException {
		final List<RgbImage> squares = new ArrayList<>(planes.size());
		for (final RgbImage p : planes)
			squares.add(centreSquare(p));
		return face.stylize(squares);
	}

	/** face2paint's input: the plane's centred square at the face model's size. */
	public static RgbImage centreSquare(final RgbImage plane) {
		final Rectangle r = FaceRegions.centreSquare(plane.width(), plane.height());
		return toFaceSize(plane.crop(r.x, r.y, r.width, r.height));
	}

	/**
	 * Detect mode, for planes of one size; the faces found in plane i go through
	 * {@code tracks.apply(i)} (faces over time), unless that is null.
	 */
	public List<Result> detect(final List<RgbImage> planes, final IntFunction<FaceTrack> tracks)
		throws AnimeGanException
	{
		final List<RgbImage> generated = scene.generate(planes);
		final List<Result> out = new ArrayList<>(planes.size());
		for (int i = 0; i < planes.size(); i++) {
			final Result r = withFaces(planes.get(i), generated.get(i), tracks.apply(i));
			out.add(new Result(scene.finish(planes.get(i), r.image), r.faces));
		}
		return out;
	}

	/**
	 * Detect mode for one plane, before the style steps: the scene model's result with every face
	 * pasted in (the preview keeps it and re-runs only the steps).
	 */
	public Result generate(final RgbImage photo) throws AnimeGanException {
		return withFaces(photo, scene.generate(List.of(photo)).get(0), null);
	}

	/** The generated plane with every face pasted in; the faces go through {@code track} unless null. */
	private Result withFaces(final RgbImage photo, final RgbImage generated, final FaceTrack track)
		throws AnimeGanException
	{
		final List<FaceBox> found = detector.detect(photo);
		final List<FaceBox> faces = track == null ? found : track.next(found);
		final RgbImage combined = generated.copy();
		for (final FaceBox f : faces)
			pasteFace(photo, combined, FaceRegions.around(f, photo.width(), photo.height()));
		return new Result(combined, faces);
	}

	private void pasteFace(final RgbImage photo, final RgbImage target, final Rectangle r)
		throws AnimeGanException
	{
		final RgbImage square = toFaceSize(photo.crop(r.x, r.y, r.width, r.height));
		final RgbImage styled = face.generate(List.of(square)).get(0);
		final RgbImage back = Resampler.resize(styled, r.width, r.height, Resampler.Filter.LANCZOS3);
		final float[] mask = FeatherMask.of(new OvalRoi(r.x, r.y, r.width, r.height), r, Math.max(1,
			r.width * FEATHER));
		Paste.into(target, back, r.x, r.y, mask);
	}

	private static RgbImage toFaceSize(final RgbImage square) {
		return Resampler.resize(square, FaceRegions.FACE_SIZE, FaceRegions.FACE_SIZE,
			Resampler.Filter.LANCZOS3);
	}
}
