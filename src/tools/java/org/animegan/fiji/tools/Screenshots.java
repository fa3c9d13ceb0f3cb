package org.animegan.fiji.tools;

import ij.IJ;
import ij.ImageJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;

import java.awt.AWTEvent;
import java.awt.Checkbox;
import java.awt.Choice;
import java.awt.EventQueue;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.ItemEvent;
import java.awt.event.WindowEvent;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Vector;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.animegan.fiji.command.CommandMessages;
import org.animegan.fiji.command.ModelsPlugIn;
import org.animegan.fiji.command.PhotoToAnimePlugIn;
import org.animegan.fiji.model.ModelLocator;

/**
 * {@code screenshots [OUTPUT_FOLDER]}, under a virtual display:
 * {@code xvfb-run -a -s "-screen 0 1400x1000x24" java -jar target/animegan-tools.jar screenshots}.
 * Opens the astronaut fixture in ImageJ 1.x, opens Photo to Anime, chooses the random-weight test
 * generator (a models-folder model here, so that no download is needed), ticks Preview, and saves
 * PNG screenshots of the dialog, the preview window and the Models window (default output
 * src/site/resources/images). The preview shows the test generator, not a trained style.
 */
final class Screenshots {

	private static final String MODEL = "test_generator";

	private Screenshots() {}

	static int make(final String[] args, final PrintStream out) throws Exception {
		final Path folder = Paths.get(args.length > 0 ? args[0] : "src/site/resources/images");
		Files.createDirectories(folder);
		// A models folder of its own: the catalog (not downloaded) plus the test generator.
		final Path models = Files.createDirectories(Paths.get(System.getProperty("java.io.tmpdir"),
			"animegan-models"));
		Files.copy(Paths.get("src/test/resources/fixtures/generator_nchw.onnx"), models.resolve(MODEL +
			".onnx"), StandardCopyOption.REPLACE_EXISTING);
		System.setProperty(ModelLocator.PROPERTY, models.toString());
		new ImageJ(ImageJ.NO_SHOW);
		final ImagePlus photo = IJ.openImage("src/test/resources/fixtures/astronaut.png");
		photo.show();
		final CompletableFuture<Void> done = new CompletableFuture<>();
		Toolkit.getDefaultToolkit().addAWTEventListener(e -> {
			if (e.getID() == WindowEvent.WINDOW_OPENED && e.getSource() instanceof GenericDialog) {
				final GenericDialog gd = (GenericDialog) e.getSource();
				new Thread(() -> {
					try {
						shoot(gd, folder, out);
						done.complete(null);
					}
					catch (final Exception x) {
						done.completeExceptionally(x);
					}
					finally {
						EventQueue.invokeLater(gd::dispose); // Cancel: the preview window goes too
					}
				}).start();
			}
		}, AWTEvent.WINDOW_EVENT_MASK);
		WindowManager.setCurrentWindow(photo.getWindow());
		final Thread dialog = new Thread(() -> new PhotoToAnimePlugIn().run(""));
		dialog.start();
		done.get(5, TimeUnit.MINUTES);
		dialog.join();
		new ModelsPlugIn().run("");
		final Window models_ = WindowManager.getWindow(CommandMessages.MODELS_TITLE);
		models_.setLocation(0, 0);
		IJ.wait(1500);
		save(models_, folder.resolve("models_window.png"), out);
		return 0;
	}

	private static void shoot(final GenericDialog gd, final Path folder, final PrintStream out)
		throws Exception
	{
		EventQueue.invokeAndWait(() -> {
			final Choice model = (Choice) gd.getChoices().get(0);
			model.select(MODEL);
			gd.itemStateChanged(new ItemEvent(model, ItemEvent.ITEM_STATE_CHANGED, MODEL,
				ItemEvent.SELECTED));
			@SuppressWarnings("unchecked")
			final Vector<Checkbox> boxes = gd.getCheckboxes();
			final Checkbox preview = boxes.lastElement();
			preview.setState(true);
			gd.itemStateChanged(new ItemEvent(preview, ItemEvent.ITEM_STATE_CHANGED, preview,
				ItemEvent.SELECTED));
		});
		final String title = CommandMessages.previewTitle("astronaut.png");
		Window preview = null;
		for (int i = 0; i < 1200 && preview == null; i++) {
			preview = WindowManager.getWindow(title);
			if (preview == null) Thread.sleep(100);
		}
		if (preview == null) throw new IllegalStateException("The preview window did not open.");
		final Window p = preview;
		Thread.sleep(1000); // ImageJ places a new image window itself once it is shown
		// Side by side, the preview on the left: a modal dialog would stay on top of it.
		EventQueue.invokeAndWait(() -> {
			p.setLocation(0, 0);
			gd.setLocation(p.getWidth() + 10, 0);
		});
		Thread.sleep(2000); // the repaint
		save(gd, folder.resolve("dialog.png"), out);
		save(p, folder.resolve("preview.png"), out);
	}

	private static void save(final Window w, final Path file, final PrintStream out)
		throws Exception
	{
		final Rectangle r = w.getBounds();
		ImageIO.write(new Robot().createScreenCapture(r), "png", file.toFile());
		out.println(file + " " + r.width + "x" + r.height + " " + new File(file.toString()).length() +
			" bytes");
	}
}
