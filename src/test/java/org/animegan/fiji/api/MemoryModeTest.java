package org.animegan.fiji.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.animegan.fiji.api.RuntimeOptions.MemoryMode;
import org.junit.jupiter.api.Test;

/** The memory mode is a parameter: speed first unless asked, and typed where sessions are built. */
class MemoryModeTest {

	@Test
	void fastByDefault() throws AnimeGanException {
		assertEquals(MemoryMode.FAST, Settings.defaults().runtime().memory());
		assertEquals("fast", Settings.param(Settings.MEMORY_MODE).defaultValue());
	}

	@Test
	void lowOnRequestAndKeptAcrossOtherChanges() throws AnimeGanException {
		final Settings low = Settings.of(Settings.MEMORY_MODE, "LOW", Settings.THREADS, "3");
		assertEquals("low", low.get(Settings.MEMORY_MODE), "stored as the table writes it");
		assertEquals(MemoryMode.LOW, low.runtime().memory());
		assertEquals(3, low.runtime().threads());
		assertEquals(MemoryMode.LOW, low.with(Settings.TILE_SIZE, 512).runtime().memory());
		assertEquals(MemoryMode.LOW, low.withOptLevel(RuntimeOptions.OptLevel.BASIC).runtime()
			.memory());
		assertTrue(low.toMacroOptions().contains("memory_mode=low"), low.toMacroOptions());
	}

	@Test
	void unknownModeIsRefusedNamingTheKey() {
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> Settings.of(
			Settings.MEMORY_MODE, "tiny"));
		assertTrue(e.getMessage().contains("memory_mode"), e.getMessage());
	}
}
