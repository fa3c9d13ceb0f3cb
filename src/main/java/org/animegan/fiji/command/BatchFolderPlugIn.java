package org.animegan.fiji.command;

import ij.IJ;
import ij.Macro;
import ij.Prefs;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.batch.BatchFolder;
import org.animegan.fiji.pipeline.AnimeGan;
import org.animegan.fiji.pipeline.ImageJProgress;

/**
 * Plugins › AnimeGAN › Batch Folder... for plain ImageJ 1.x (in Fiji the SciJava
 * {@link BatchFolderCommand} of the same label takes the menu item over). Input and output folders,
 * file pattern and skip-existing above the same parameters as Photo to Anime, with the same macro
 * keys as the SciJava command; progress bar, Esc to stop, and the Results table at the end. The
 * work is {@link BatchFolder}'s.
 */
public class BatchFolderPlugIn implements PlugIn, PlugInDialog.Leading {

	private static final String PREFS = DialogMemory.PREFIX + "batch.";

	private String input, output, pattern;
	private boolean skipExisting;

	@Override
	public void run(final String arg) {
		final Map<String, String> values = new PlugInDialog(CommandMessages.BATCH_TITLE, ModelChoices
			.standard(), null, this).show();
		if (values == null) return;
		final List<BatchFolder.Row> rows;
		try {
			final Settings settings = Settings.of(values);
			if (input.isEmpty() || output.isEmpty()) throw new AnimeGanException(CommandMessages
				.foldersNeeded());
			rows = new BatchFolder(new AnimeGan(PhotoToAnimePlugIn.cache())).run(Paths.get(input), Paths
				.get(output), pattern, skipExisting, settings, new ImageJProgress());
		}
		catch (final AnimeGanException e) {
			IJ.error(CommandMessages.BATCH_TITLE, e.getMessage());
			if (Macro.getOptions() != null) Macro.abort();
			return;
		}
		BatchFolder.table(rows).show(BatchFolder.TITLE);
	}

	@Override
	public void add(final GenericDialog gd, final boolean macro) {
		gd.addDirectoryField("Input", macro ? "" : Prefs.get(PREFS + "input", ""), 40);
		gd.addDirectoryField("Output", macro ? "" : Prefs.get(PREFS + "output", ""), 40);
		gd.addStringField("Pattern", macro ? BatchFolder.DEFAULT_PATTERN : Prefs.get(PREFS + "pattern",
			BatchFolder.DEFAULT_PATTERN), 40);
		gd.addCheckbox("Skip_existing", !macro && Prefs.get(PREFS + "skip_existing", false));
	}

	@Override
	public void read(final GenericDialog gd) {
		input = gd.getNextString().trim();
		output = gd.getNextString().trim();
		pattern = gd.getNextString().trim();
		skipExisting = gd.getNextBoolean();
		if (Macro.getOptions() != null) return;
		Prefs.set(PREFS + "input", input);
		Prefs.set(PREFS + "output", output);
		Prefs.set(PREFS + "pattern", pattern);
		Prefs.set(PREFS + "skip_existing", skipExisting);
	}
}
