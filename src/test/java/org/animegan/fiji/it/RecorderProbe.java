package org.animegan.fiji.it;

import ij.Executer;
import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.plugin.frame.Recorder;
import ij.process.ImageProcessor;

import java.util.Arrays;

/**
 * Runs Photo to Anime as a user would from the menu, with the macro recorder on (the model is typed
 * into the dialog by {@link Ij1Launcher}'s responder), prints the recorded line, replays it on the
 * same input, and prints whether both results have the same pixels.
 */
public final class RecorderProbe {

	private RecorderProbe() {}

	public static void main(final String[] args) {
		Ij1Launcher.installResponder();
		new Recorder(false);
		Recorder.record = true;
		final ImagePlus input = IJ.createImage("cells", "8-bit ramp", 64, 48, 1);
		input.show();
		IJ.wait(200);
		runFromMenu("Photo to Anime...", input);
		final ImagePlus first = WindowManager.getCurrentImage();
		String recorded = "";
		for (final String line : Recorder.getInstance().getText().split("\n"))
			if (line.startsWith("run(\"Photo to Anime...\"")) recorded = line;
		System.out.println("RESULT recorded=" + recorded);
		System.out.println("RESULT first=" + (first == null ? "none" : first.getTitle()));
		Recorder.record = false;
		WindowManager.setTempCurrentImage(input);
		IJ.runMacro(recorded);
		final ImagePlus second = WindowManager.getCurrentImage();
		System.out.println("RESULT second=" + (second == null ? "none" : second.getTitle()));
		final boolean same = first != null && second != null && first != second && Arrays.equals(
			pixels(first.getProcessor()), pixels(second.getProcessor()));
		System.out.println("RESULT samePixels=" + same);
		System.exit(0);
	}

	/** What a menu click does: an Executer thread, which records; waits for it to finish. */
	static void runFromMenu(final String command, final ImagePlus imp) {
		new Executer(command, imp);
		for (final Thread t : Thread.getAllStackTraces().keySet()) {
			if (t.getName().contains(command)) {
				try {
					t.join(120_000);
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	private static int[] pixels(final ImageProcessor ip) {
		return (int[]) ip.convertToRGB().getPixels();
	}
}
