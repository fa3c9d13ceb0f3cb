package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.RecordingProgress;
import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.api.SettingsMessages;
import org.animegan.fiji.model.ModelMessages;
import org.animegan.fiji.model.ModelService;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;
import org.scijava.module.ModuleInfo;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/** The menu command, run as a macro or script would run it: through the module service, headless. */
class PhotoToAnimeTest {

	private static Context context;
	private final List<LogMessage> logged = new ArrayList<>();
	private final LogListener listener = logged::add;

	@BeforeAll
	static void start() {
		Fixtures.headless();
		context = new Context();
		// Values a user last chose are remembered between runs; tests start from the defaults.
		context.service(PrefService.class).clear(PhotoToAnime.class);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	@BeforeEach
	void listen() {
		context.service(LogService.class).addLogListener(listener);
	}

	@AfterEach
	void stopListening() {
		context.service(LogService.class).removeLogListener(listener);
	}

	/** Runs the command with these inputs and waits for it. */
	private static PhotoToAnime run(final Map<String, Object> inputs) throws Exception {
		return (PhotoToAnime) context.service(ModuleService.class).run(context.service(
			CommandService.class).getCommand(PhotoToAnime.class), true, inputs).get();
	}

	/** A new instance of the command, its inputs made, not run. */
	private static PhotoToAnime create() {
		return (PhotoToAnime) context.service(ModuleService.class).createModule(context.service(
			CommandService.class).getCommand(PhotoToAnime.class));
	}

	private static Map<String, Object> inputs(final ImagePlus imp, final String model) {
		final Map<String, Object> m = new HashMap<>();
		m.put("image", imp);
		m.put("model", model);
		m.put("input_size", "native");
		m.put("max_batch_size", 3);
		m.put("threads", Fixtures.THREADS);
		return m;
	}

	private static ImagePlus hyperstack() {
		final ImageStack stack = new ImageStack(40, 24);
		for (int k = 0; k < 4; k++) {
			final ByteProcessor bp = new ByteProcessor(40, 24);
			for (int i = 0; i < bp.getPixelCount(); i++)
				bp.set(i, (i * 5 + 60 * k) & 0xff);
			stack.addSlice("slice " + k, bp);
		}
		final ImagePlus imp = new ImagePlus("cells.tif", stack);
		imp.setDimensions(2, 2, 1);
		imp.setOpenAsHyperStack(true);
		final Calibration cal = imp.getCalibration();
		cal.pixelWidth = cal.pixelHeight = 0.5;
		cal.setUnit("um");
		return imp;
	}

	@Test
	void runsThroughCommandService() throws Exception {
		final ImagePlus imp = hyperstack();
		final Fixtures.Snapshot before = new Fixtures.Snapshot(imp);
		final String model = Fixtures.path("generator_v3_nhwc.onnx").toString();
		final PhotoToAnime module = run(inputs(imp, model));
		assertFalse(module.isCanceled(), module.getCancelReason());
		final ImagePlus out = (ImagePlus) module.getOutput("output");
		assertNotNull(out);
		assertEquals("cells-anime", out.getTitle());
		assertEquals(40, out.getWidth());
		assertEquals(24, out.getHeight());
		assertArrayEquals(imp.getDimensions(), out.getDimensions(), "width, height, C, Z, T");
		assertEquals(2, out.getNChannels());
		assertEquals(2, out.getNSlices());
		assertEquals(1, out.getNFrames());
		assertEquals(0.5, out.getCalibration().pixelWidth);
		assertEquals(imp.getCalibration().getUnit(), out.getCalibration().getUnit());
		assertEquals("slice 3", out.getStack().getSliceLabel(4));
		before.assertUnchanged();
		// The command only passes its parameters on: its result is the headless tool's.
		final ImagePlus direct = new AnimeGan(context.service(ModelService.class).cache()).stylize(imp,
			Fixtures.v3().with("max_batch_size", 3), Progress.NONE);
		for (int i = 1; i <= 4; i++)
			assertEquals(0, Fixtures.maxAbsDiff((ColorProcessor) direct.getStack().getProcessor(i),
				(ColorProcessor) out.getStack().getProcessor(i)), "plane " + i);
		// Plain SciJava warns that it cannot display an ImagePlus (ImageJ's legacy layer does that in
		// Fiji); nothing else may be reported.
		assertTrue(logged.stream().noneMatch(m -> m.level() <= LogLevel.ERROR || m.throwable() != null),
			logged.toString());
	}

	@Test
	void previewFollowsTheDialogAndCancelClosesIt() throws Exception {
		final PhotoToAnime command = create();
		final ImagePlus photo = Fixtures.open("astronaut_128x96.png");
		for (final Map.Entry<String, Object> e : inputs(photo, Fixtures.path("generator_v3_nhwc.onnx")
			.toString()).entrySet())
			command.setInput(e.getKey(), e.getValue());
		// Without the checkbox, a change shows nothing and runs nothing.
		command.preview();
		assertNull(command.previewWindow());
		command.setInput(PhotoToAnime.PREVIEW, true);
		command.preview();
		final PreviewWindow window = command.previewWindow();
		window.await();
		assertNull(window.error(), window.error());
		final ImagePlus first = window.image();
		assertEquals(128, first.getWidth());
		assertEquals(96, first.getHeight());
		final int[] before = ((int[]) first.getProcessor().getPixels()).clone();
		// A style change re-renders from the kept model result.
		command.setInput(Settings.STYLE_WEIGHT, 0.4);
		command.preview();
		window.await();
		assertEquals(1, window.modelRuns());
		assertFalse(Arrays.equals(before, (int[]) window.image().getProcessor().getPixels()));
		// Unticked: no preview image; Cancel: no preview at all.
		command.setInput(PhotoToAnime.PREVIEW, false);
		command.preview();
		assertNull(window.image());
		command.cancel();
		assertNull(command.previewWindow());
	}

	@Test
	void inputsAreTheParameterTable() throws Exception {
		final PhotoToAnime command = create();
		final List<String> keys = new ArrayList<>();
		keys.add("image");
		keys.addAll(TableInputs.expected());
		keys.add(PhotoToAnime.PREVIEW);
		assertEquals(keys, command.parameterNames());
		// Defaults, labels and allowed values come from the table the dialog, CLI and README use.
		// The model list shows the default catalog model by its name, which names the same entry.
		final Map<String, String> defaults = new HashMap<>(Settings.defaults().asMap());
		defaults.put(Settings.MODEL, Catalog.standard().find(Settings.DEFAULT_MODEL).get().name());
		assertEquals(defaults, new HashMap<>(command.settings().asMap()));
		final ModuleInfo info = command.getInfo();
		assertEquals(Settings.INPUT_SIZES, info.getInput(Settings.INPUT_SIZE).getChoices());
		assertEquals("Mirror averaging (TTA)", info.getInput(Settings.TTA_ENABLED).getLabel());
		// The Fiji dialog shows the same section headings as the ImageJ 1.x one.
		final ModuleItem<?> style = info.getInput(TableCommand.HEADING + "style");
		assertEquals(ItemVisibility.MESSAGE, style.getVisibility());
		assertEquals(Param.Section.STYLE.heading(), command.getInput(TableCommand.HEADING + "style"));
		for (final Param p : Settings.PARAMS) {
			final ModuleItem<?> item = info.getInput(p.key());
			assertEquals(p.description(), item.getDescription(), p.key());
			if (p.kind() != Param.Kind.INTEGER && p.kind() != Param.Kind.NUMBER) continue;
			assertEquals(p.min(), ((Number) item.getMinimumValue()).doubleValue(), p.key());
			assertEquals(p.max(), ((Number) item.getMaximumValue()).doubleValue(), p.key());
		}
		// The model list: the catalog's names, then Custom file... (no models folder here).
		final List<?> models = info.getInput(Settings.MODEL).getChoices();
		assertEquals(Catalog.standard().names(), models.subList(0, Catalog.standard().names().size()));
		assertEquals(ModelMessages.CUSTOM_FILE, models.get(models.size() - 1));
	}

	@Test
	void resetPutsEveryTableInputBackToItsDefault() throws Exception {
		final PhotoToAnime command = create();
		final Map<String, String> defaults = new HashMap<>(command.settings().asMap());
		command.setInput(Settings.STYLE_WEIGHT, 0.25);
		command.setInput(Settings.TTA_ENABLED, true);
		command.setInput(Settings.INPUT_SIZE, "native");
		command.setInput(Settings.MODEL, ModelMessages.CUSTOM_FILE);
		assertNotEquals(defaults, new HashMap<>(command.settings().asMap()));
		command.resetToDefaults();
		assertEquals(defaults, new HashMap<>(command.settings().asMap()));
		assertEquals(CommandMessages.RESET, command.getInfo().getInput(TableCommand.RESET).getLabel());
	}

	@Test
	void aMissingModelCancelsWithOneSentence() throws Exception {
		final ImagePlus imp = hyperstack();
		final PhotoToAnime module = run(inputs(imp, "/no/such/model.onnx"));
		assertTrue(module.isCanceled());
		final String reason = module.getCancelReason();
		assertTrue(reason.startsWith("The model '/no/such/model.onnx' was not found"), reason);
		assertFalse(reason.contains("\n"));
		assertNull(module.getOutput("output"));
		final List<LogMessage> errors = new ArrayList<>();
		for (final LogMessage m : logged)
			if (m.level() <= LogLevel.ERROR) errors.add(m);
		assertEquals(1, errors.size(), errors.toString());
		assertEquals(reason, errors.get(0).text());
		assertNull(errors.get(0).throwable(), "no stack trace");
	}

	@Test
	void cancellingLeavesNoOutput() throws Exception {
		final ModuleService modules = context.service(ModuleService.class);
		final PhotoToAnime module = create();
		final PhotoToAnime command = module;
		final RecordingProgress progress = new RecordingProgress(1);
		command.progress = progress;
		final Map<String, Object> in = inputs(hyperstack(), Fixtures.path("generator_v3_nhwc.onnx")
			.toString());
		in.put("max_batch_size", 1);
		in.put("threads", 1); // one batch after the other (with two, two batches start at once)
		modules.run(module, true, in).get();
		assertEquals(1, progress.statuses.size(), "stopped after the first batch");
		assertTrue(module.isCanceled());
		assertEquals(SettingsMessages.cancelled(), module.getCancelReason());
		assertNull(module.getOutput("output"));
	}
}
