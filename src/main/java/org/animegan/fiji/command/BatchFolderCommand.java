package org.animegan.fiji.command;

import ij.IJ;
import ij.measure.ResultsTable;

import java.awt.GraphicsEnvironment;
import java.io.File;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.batch.BatchFolder;
import org.animegan.fiji.batch.BatchMessages;
import org.animegan.fiji.model.ModelService;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageJProgress;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins › AnimeGAN › Batch Folder... The folders, the file pattern and skip-existing, then the
 * same table-made inputs as Photo to Anime; the work is {@link BatchFolder}'s. Ends with the
 * Results table (shown with a display; headless, each row goes to the log instead).
 */
@Plugin(type = Command.class, menuPath = BatchFolderCommand.MENU_PATH, label = "Batch Folder")
public class BatchFolderCommand extends TableCommand {

	public static final String MENU_PATH = "Plugins>AnimeGAN>Batch Folder...";

	@Parameter(label = "Input folder", style = "directory")
	private File input;

	@Parameter(label = "Output folder", style = "directory")
	private File output;

	@Parameter(label = "File pattern", description = "Globs separated by semicolons.")
	private String pattern = BatchFolder.DEFAULT_PATTERN;

	@Parameter(label = "Skip existing", description = "Leave files whose result already exists.")
	private boolean skip_existing;

	@Parameter
	private ModelService models;

	/** Replaced by tests to cancel; the real one listens to Esc. */
	Progress progress = new ImageJProgress();

	private ResultsTable table;

	@Override
	public void run() {
		final List<BatchFolder.Row> rows;
		try {
			rows = new BatchFolder(new AnimeGan(models.cache())).run(input.toPath(), output.toPath(),
				pattern, skip_existing, settings(), progress);
		}
		catch (final AnimeGanException e) {
			report(e.getMessage());
			return;
		}
		table = BatchFolder.table(rows);
		if (!GraphicsEnvironment.isHeadless() && IJ.getInstance() != null) table.show(
			BatchFolder.TITLE);
		else for (final BatchFolder.Row r : rows)
			log.info(BatchMessages.row(r));
	}

	/** The Results table of the last run, or null before one. */
	ResultsTable table() {
		return table;
	}
}
