package org.animegan.fiji.it;

import ij.IJ;
import ij.ImageJ;
import ij.gui.GenericDialog;
import ij.plugin.frame.Recorder;

import java.awt.AWTEvent;
import java.awt.Button;
import java.awt.EventQueue;
import java.awt.TextField;
import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.WindowEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Vector;

/**
 * Runs Batch Folder from the menu with the recorder on: the dialog gets the folders of the first
 * two arguments typed in and the model of {@code -Dlauncher.model} chosen, then OK. Prints the
 * recorded line, moves the result away, replays the line, and prints whether the replayed result
 * file has the same bytes.
 */
public final class BatchRecorderProbe {

	private BatchRecorderProbe() {}

	public static void main(final String[] args) throws Exception {
		new ImageJ(ImageJ.NO_SHOW);
		new Recorder(false);
		Recorder.record = true;
		Toolkit.getDefaultToolkit().addAWTEventListener(event -> {
			if (event.getID() == WindowEvent.WINDOW_OPENED && event
				.getSource() instanceof GenericDialog) {
				final GenericDialog gd = (GenericDialog) event.getSource();
				EventQueue.invokeLater(() -> {
					@SuppressWarnings("unchecked")
					final Vector<TextField> fields = gd.getStringFields();
					fields.get(0).setText(args[0]);
					fields.get(1).setText(args[1]);
					Ij1Launcher.chooseModel(gd, System.getProperty("launcher.model"));
					final Button ok = gd.getButtons()[0];
					gd.actionPerformed(new ActionEvent(ok, ActionEvent.ACTION_PERFORMED, ok.getLabel()));
				});
			}
		}, AWTEvent.WINDOW_EVENT_MASK);
		RecorderProbe.runFromMenu("Batch Folder...", null);
		String recorded = "";
		for (final String line : Recorder.getInstance().getText().split("\n"))
			if (line.startsWith("run(\"Batch Folder...\"")) recorded = line;
		Recorder.record = false;
		System.out.println("RESULT recorded=" + recorded);
		final Path result = Paths.get(args[1], "a-anime.png");
		final byte[] first = Files.readAllBytes(result);
		Files.delete(result);
		IJ.runMacro(recorded);
		System.out.println("RESULT sameBytes=" + (Files.isRegularFile(result) && Arrays.equals(first,
			Files.readAllBytes(result))));
		System.exit(0);
	}
}
