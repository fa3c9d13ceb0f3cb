package org.animegan.fiji.command;

import ij.IJ;
import ij.plugin.PlugIn;
import ij.text.TextPanel;
import ij.text.TextWindow;

import java.awt.BorderLayout;
import java.awt.Button;
import java.awt.EventQueue;
import java.awt.Panel;
import java.util.List;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.ModelShelf;
import org.animegan.fiji.pipeline.ImageJProgress;

/**
 * Plugins › AnimeGAN › Models...: a table of the catalog's models and the models folder's own files
 * ({@link ModelShelf}), with Download and Delete from cache for the selected row. Actions run on a
 * background thread, with progress on ImageJ's status bar.
 */
public class ModelsPlugIn implements PlugIn {

	static final String HEADINGS = "name\tfamily\tgood for\tcached\tsize\tlicence\taddress";

	private ModelShelf shelf;
	private TextPanel table;
	private List<ModelShelf.Row> rows;

	@Override
	public void run(final String arg) {
		final ModelLocator locator = ModelLocator.standard();
		shelf = new ModelShelf(ModelLibrary.of(locator), locator);
		final TextWindow window = new TextWindow(CommandMessages.MODELS_TITLE, HEADINGS, "", 1100, 320);
		table = window.getTextPanel();
		final Panel buttons = new Panel();
		buttons.add(button(CommandMessages.DOWNLOAD, true));
		buttons.add(button(CommandMessages.DELETE, false));
		window.add(buttons, BorderLayout.SOUTH);
		window.pack();
		refresh();
	}

	private Button button(final String label, final boolean download) {
		final Button b = new Button(label);
		b.addActionListener(e -> act(download));
		return b;
	}

	/** The rows as table lines, one per model. */
	static String line(final ModelShelf.Row r) {
		final String size = r.bytes < 0 ? "" : String.format(Locale.ROOT, "%.1f MB", r.bytes / 1e6);
		return String.join("\t", r.name, r.family, r.goodFor, r.cached ? "yes" : "no", size, r.licence,
			r.address);
	}

	private void refresh() {
		rows = shelf.rows();
		final StringBuilder text = new StringBuilder();
		for (final ModelShelf.Row r : rows)
			text.append(line(r)).append('\n');
		table.clear();
		table.setColumnHeadings(HEADINGS);
		table.append(text.toString());
	}

	private void act(final boolean download) {
		final int i = table.getSelectionStart();
		if (i < 0 || i >= rows.size()) {
			IJ.showStatus(CommandMessages.chooseRow());
			return;
		}
		final ModelShelf.Row row = rows.get(i);
		new Thread(() -> {
			try {
				if (download) shelf.download(row, new ImageJProgress());
				else shelf.delete(row);
				IJ.showStatus("");
			}
			catch (final AnimeGanException e) {
				IJ.error(CommandMessages.MODELS_TITLE, e.getMessage());
			}
			EventQueue.invokeLater(this::refresh);
		}, "AnimeGAN models").start();
	}
}
