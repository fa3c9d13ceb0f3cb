package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;

import java.lang.reflect.Field;
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
import org.animegan.fiji.model.ModelService;
import org.animegan.fiji.pipeline.AnimeGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.ItemVisibility;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;
import org.scijava.plugin.Parameter;
import org.scijava.prefs.PrefService;
import org.scijava.service.Service;

/** The menu command, run as a macro or script would run it: through CommandService, headless. */
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
		final CommandModule module = context.service(CommandService.class).run(PhotoToAnime.class, true,
			inputs(imp, model)).get();
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
	void parameterFieldsAreExactlyTheSettings() throws Exception {
		final List<String> fields = new ArrayList<>();
		for (final Field f : PhotoToAnime.class.getDeclaredFields()) {
			final Parameter p = f.getAnnotation(Parameter.class);
			// Messages (the licence line) are shown in the dialog but are not settings.
			if (p == null || p.type() == ItemIO.OUTPUT || p.visibility() == ItemVisibility.MESSAGE ||
				f.getType() == ImagePlus.class || Service.class.isAssignableFrom(f.getType())) continue;
			fields.add(f.getName());
		}
		final List<String> keys = new ArrayList<>();
		for (final Param p : Settings.PARAMS)
			keys.add(p.key());
		assertEquals(keys, fields);
		// Defaults and allowed values agree with the table the dialog, CLI and README use.
		final PhotoToAnime command = new PhotoToAnime();
		assertEquals(Settings.defaults().asMap(), command.settings().asMap());
		final Parameter inputSize = PhotoToAnime.class.getDeclaredField("input_size").getAnnotation(
			Parameter.class);
		assertEquals(Settings.INPUT_SIZES, Arrays.asList(inputSize.choices()));
		for (final Param p : Settings.PARAMS) {
			if (p.kind() != Param.Kind.INTEGER) continue;
			final Parameter a = PhotoToAnime.class.getDeclaredField(p.key()).getAnnotation(
				Parameter.class);
			assertEquals(p.min(), Double.parseDouble(a.min()), p.key());
			assertEquals(p.max(), Double.parseDouble(a.max()), p.key());
		}
	}

	@Test
	void aMissingModelCancelsWithOneSentence() throws Exception {
		final ImagePlus imp = hyperstack();
		final CommandModule module = context.service(CommandService.class).run(PhotoToAnime.class, true,
			inputs(imp, "/no/such/model.onnx")).get();
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
		final CommandModule module = (CommandModule) modules.createModule(context.service(
			CommandService.class).getCommand(PhotoToAnime.class));
		final PhotoToAnime command = (PhotoToAnime) module.getCommand();
		final RecordingProgress progress = new RecordingProgress(1);
		command.progress = progress;
		final Map<String, Object> in = inputs(hyperstack(), Fixtures.path("generator_v3_nhwc.onnx")
			.toString());
		in.put("max_batch_size", 1);
		modules.run(module, true, in).get();
		assertEquals(1, progress.statuses.size(), "stopped after the first batch");
		assertTrue(module.isCanceled());
		assertEquals(SettingsMessages.cancelled(), module.getCancelReason());
		assertNull(module.getOutput("output"));
	}
}
