package org.animegan.fiji.it;

import ij.ImagePlus;
import ij.ImageStack;
import ij.WindowManager;
import ij.measure.Calibration;
import ij.process.ImageProcessor;

import java.util.Locale;
import java.util.zip.CRC32;

/**
 * Questions about the stacks of a running ImageJ 1.x, asked from a macro with
 * {@code call("org.animegan.fiji.it.TimeLapseProbe.x", title, ...)}: their dimensions and
 * calibration over time, a checksum of all pixels, and how much they change from frame to frame.
 */
public final class TimeLapseProbe {

	private TimeLapseProbe() {}

	/**
	 * {@code WxH cC zZ tT} with the bit depth, whether it is a hyperstack and a virtual stack, and
	 * the calibration over time (frame rate, frame interval and its unit).
	 */
	public static String describe(final String title) {
		final ImagePlus imp = image(title);
		final Calibration cal = imp.getCalibration();
		return String.format(Locale.ROOT, "%dx%d c%d z%d t%d bits%d hyper=%b virtual=%b fps=%.3f interval=%.3f %s",
			imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames(), imp
				.getBitDepth(), imp.isHyperStack(), imp.getStack().isVirtual(), cal.fps, cal.frameInterval,
			cal.getTimeUnit());
	}

	/** A CRC of every pixel of every plane: equal before and after means the image is unchanged. */
	public static String checksum(final String title) {
		final ImageStack stack = image(title).getStack();
		final CRC32 crc = new CRC32();
		for (int i = 1; i <= stack.getSize(); i++) {
			final ImageProcessor ip = stack.getProcessor(i);
			for (int p = 0; p < ip.getPixelCount(); p++) {
				final int v = ip.get(p);
				crc.update(new byte[] { (byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v });
			}
		}
		return Long.toHexString(crc.getValue());
	}

	/** The largest difference of an RGB component between two RGB stacks of the same size. */
	public static String maxDifference(final String a, final String b) {
		final ImageStack sa = image(a).getStack(), sb = image(b).getStack();
		if (sa.getSize() != sb.getSize()) return "sizes differ";
		int max = 0;
		for (int i = 1; i <= sa.getSize(); i++) {
			final int[] pa = (int[]) sa.getProcessor(i).getPixels(), pb = (int[]) sb.getProcessor(i)
				.getPixels();
			for (int p = 0; p < pa.length; p++)
				for (int shift = 0; shift <= 16; shift += 8)
					max = Math.max(max, Math.abs((pa[p] >> shift & 0xff) - (pb[p] >> shift & 0xff)));
		}
		return String.valueOf(max);
	}

	/**
	 * The mean absolute difference of the RGB components between consecutive frames of an RGB stack:
	 * along T for every (c, z) when it has frames, else along its slices.
	 */
	public static String flicker(final String title) {
		final ImagePlus imp = image(title);
		final int channels = imp.getNChannels(), slices = imp.getNSlices(), frames = imp.getNFrames();
		final boolean alongT = frames > 1;
		double sum = 0;
		long n = 0;
		for (int c = 1; c <= channels; c++)
			for (int k = 2; k <= (alongT ? frames : slices); k++)
				for (int other = 1; other <= (alongT ? slices : frames); other++) {
					final int now = alongT ? imp.getStackIndex(c, other, k) : imp.getStackIndex(c, k, other);
					final int before = alongT ? imp.getStackIndex(c, other, k - 1) : imp.getStackIndex(c,
						k - 1, other);
					final int[] pa = (int[]) imp.getStack().getProcessor(now).getPixels();
					final int[] pb = (int[]) imp.getStack().getProcessor(before).getPixels();
					for (int p = 0; p < pa.length; p++)
						for (int shift = 0; shift <= 16; shift += 8) {
							sum += Math.abs((pa[p] >> shift & 0xff) - (pb[p] >> shift & 0xff));
							n++;
						}
				}
		return String.format(Locale.ROOT, "%.4f", sum / n);
	}

	private static ImagePlus image(final String title) {
		final ImagePlus imp = WindowManager.getImage(title);
		if (imp == null) throw new IllegalArgumentException("No image titled " + title);
		return imp;
	}
}
