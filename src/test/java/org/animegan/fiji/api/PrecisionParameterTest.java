package org.animegan.fiji.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.animegan.fiji.api.RuntimeOptions.Precision;
import org.junit.jupiter.api.Test;

/** precision is a parameter of the table, read as a typed {@link Precision} where sessions are built. */
class PrecisionParameterTest {

	@Test
	void fp32ByDefault() throws AnimeGanException {
		assertEquals(Precision.FP32, Settings.defaults().runtime().precision());
		assertEquals("fp32", Settings.param(Settings.PRECISION).defaultValue());
		assertEquals(List.of("fp32", "int8", "fp16"), Settings.param(Settings.PRECISION).choices());
	}

	@Test
	void int8OnRequestAndKeptAcrossOtherChanges() throws AnimeGanException {
		final Settings int8 = Settings.of(Settings.PRECISION, "INT8", Settings.MEMORY_MODE, "low");
		assertEquals("int8", int8.get(Settings.PRECISION), "stored as the table writes it");
		assertEquals(Precision.INT8, int8.runtime().precision());
		assertEquals(RuntimeOptions.MemoryMode.LOW, int8.runtime().memory());
		assertEquals(Precision.INT8, int8.withOptLevel(RuntimeOptions.OptLevel.BASIC).runtime()
			.precision());
		assertTrue(int8.toMacroOptions().contains("precision=int8"), int8.toMacroOptions());
		// Another precision is another session in the model cache.
		assertNotEquals(Settings.defaults().runtime(), Settings.defaults().with(Settings.PRECISION,
			"int8").runtime());
	}

	@Test
	void unknownPrecisionIsRefusedNamingTheKey() {
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Settings.of(
			Settings.PRECISION, "bf16"));
		assertTrue(e.getMessage().contains("precision"), e.getMessage());
	}
}
