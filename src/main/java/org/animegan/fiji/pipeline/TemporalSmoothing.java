package org.animegan.fiji.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.TemporalOptions;
import org.animegan.fiji.face.FaceTrack;
import org.animegan.fiji.flow.FlowSmoother;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.style.ToneSmoother;

/**
 * Smoothing over time for the planes of one image, which come in C/Z/T order (C fastest): every
 * (c, z) along T, or every (c, t) along Z, is one sequence with its own smoother. Planes are
 * processed in increasing order, batches included, so each sequence sees its frames in order.
 */
final class TemporalSmoothing {

	/** The state of one sequence: the next frame's input and result give its smoothed result. */
	private interface Sequence {
		RgbImage next(RgbImage input, RgbImage result);
	}

	private final TemporalOptions options;
	private final TemporalOptions.Axis axis;
	private final int channels, slices;
	private final Map<Integer, Sequence> sequences = new HashMap<>();
	private final Map<Integer, FaceTrack> faces = new HashMap<>();

	private TemporalSmoothing(final TemporalOptions options, final TemporalOptions.Axis axis,
		final int channels, final int slices)
	{
		this.options = options;
		this.axis = axis;
		this.channels = channels;
		this.slices = slices;
	}

	/**
	 * For planes of {@code channels} x {@code slices} x {@code frames}, in that order; null where
	 * nothing is smoothed. {@code video}: the slices are video frames (see
	 * {@link TemporalOptions#axisFor}).
	 */
	static TemporalSmoothing of(final TemporalOptions options, final int channels,
		final int slices, final int frames, final boolean video)
	{
		final TemporalOptions.Axis axis = options.axisFor(frames, video);
		return axis == null ? null : new TemporalSmoothing(options, axis, channels, slices);
	}

	/** The axis followed: T or Z. */
	TemporalOptions.Axis axis() {
		return axis;
	}

	/** The sequence plane {@code i} (0-based) belongs to: (c, z) along T, (c, t) along Z. */
	int sequence(final int i) {
		final int c = i % channels, z = i / channels % slices, t = i / (channels * slices);
		return axis == TemporalOptions.Axis.T ? c + channels * z : c + channels * t;
	}

	/**
	 * Replaces the results of planes {@code first, first + 1, ...} by their smoothed versions;
	 * {@code inputs} are what was stylized, in the same order (flow follows their motion).
	 */
	void apply(final List<RgbImage> results, final List<RgbImage> inputs, final int first) {
		for (int i = 0; i < results.size(); i++)
			results.set(i, sequences.computeIfAbsent(sequence(first + i), k -> newSequence()).next(inputs
				.get(i), results.get(i)));
	}

	/** The faces over time of the sequence plane {@code i} (0-based) belongs to. */
	FaceTrack faces(final int i) {
		return faces.computeIfAbsent(sequence(i), k -> new FaceTrack());
	}

	private Sequence newSequence() {
		if (options.smoothing() == TemporalOptions.Smoothing.FLOW) return new FlowSmoother(options
			.blend())::next;
		final ToneSmoother tones = new ToneSmoother();
		return tones::next;
	}
}
