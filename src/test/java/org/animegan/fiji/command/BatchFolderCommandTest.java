package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.ResultsTable;
import ij.process.ColorProcessor;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.batch.BatchMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/** Batch Folder as a headless macro runs it: the folder keys, then the parameter table's keys. */
class BatchFolderCommandTest {

	private static Context context;

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		Fixtures.headless();
		context = new Context();
		context.service(PrefService.class).clear(BatchFolderCommand.class);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	private static BatchFolderCommand create() {
		return (BatchFolderCommand) context.service(ModuleService.class).createModule(context.service(
			CommandService.class).getCommand(BatchFolderCommand.class));
	}

	@Test
	void macroKeysAreTheFoldersThenTheTable() {
		final List<String> keys = new ArrayList<>(List.of("input", "output", "pattern",
			"skip_existing"));
		keys.addAll(TableInputs.expected());
		assertEquals(keys, create().parameterNames());
	}

	@Test
	void runsHeadlessAndLogsEachRow() throws Exception {
		final Path in = Files.createDirectory(dir.resolve("in"));
		final Path out = dir.resolve("out");
		assertTrue(new FileSaver(new ImagePlus("a", new ColorProcessor(20, 12))).saveAsPng(in.resolve(
			"a.png").toString()));
		Files.write(in.resolve("b.png"), "not a PNG".getBytes(StandardCharsets.UTF_8));
		final Map<String, Object> inputs = new HashMap<>();
		inputs.put("input", in.toFile());
		inputs.put("output", out.toFile());
		inputs.put("pattern", "*.png");
		inputs.put("skip_existing", false);
		inputs.put("model", Fixtures.path("generator_v3_nhwc.onnx").toString());
		inputs.put("input_size", "256");
		inputs.put("threads", Fixtures.THREADS);
		final List<LogMessage> logged = new ArrayList<>();
		final LogListener listener = logged::add;
		context.service(LogService.class).addLogListener(listener);
		final BatchFolderCommand command;
		try {
			command = (BatchFolderCommand) context.service(ModuleService.class).run(context.service(
				CommandService.class).getCommand(BatchFolderCommand.class), true, inputs).get();
		}
		finally {
			context.service(LogService.class).removeLogListener(listener);
		}
		assertFalse(command.isCanceled(), command.getCancelReason());
		assertTrue(Files.isRegularFile(out.resolve("a-anime.png")));
		assertEquals(List.of("a-anime.png"), List.of(out.toFile().list()));
		final ResultsTable table = command.table();
		assertEquals(2, table.size());
		assertEquals(BatchMessages.DONE, table.getStringValue("status", 0));
		assertTrue(table.getStringValue("status", 1).startsWith("failed: "));
		// Headless, the rows go to the log: one line per file.
		assertEquals(2, logged.stream().filter(m -> m.level() == LogLevel.INFO && String.valueOf(m
			.text()).contains("\t")).count(), logged.toString());
		assertTrue(new File(out.toFile(), "a-anime.png").length() > 0);
	}
}
