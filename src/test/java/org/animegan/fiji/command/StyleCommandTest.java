package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import org.animegan.fiji.api.Param;
import org.animegan.fiji.api.Settings;
import org.animegan.fiji.style.StyleFixtures;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/** The style parameters through the SciJava command, as a macro or script would pass them. */
class StyleCommandTest {

	@Test
	void styleParametersReachTheTool() throws Exception {
		final ImagePlus photo = StyleFixtures.image("astronaut", StyleFixtures.rounded(StyleFixtures
			.astronaut(64)));
		try (Context context = new Context(CommandService.class,
			org.animegan.fiji.model.ModelService.class, PrefService.class))
		{
			// Values a user last chose are remembered between runs; tests start from the defaults.
			context.service(PrefService.class).clear(PhotoToAnime.class);
			final Map<String, Object> in = new HashMap<>();
			in.put("image", photo);
			in.put("model", StyleFixtures.FAST_MODEL.toAbsolutePath().toString());
			in.put("input_size", "native");
			in.put("style_weight", 0.0);
			in.put("blend_original", 0.0);
			in.put("color_shift", "lut");
			in.put("lut_file", new File(StyleFixtures.FIXTURES.toFile(), "missing.cube"));
			in.put("tta_enabled", true);
			final ImagePlus out = (ImagePlus) run(context, in).getOutput("output");
			// A missing LUT is a clear error and no output, not a stack trace.
			assertTrue(out == null);
			in.put("color_shift", "none");
			final ImagePlus ok = (ImagePlus) run(context, in).getOutput("output");
			assertNotNull(ok);
			assertTrue(StyleFixtures.maxAbsDiff(StyleFixtures.plane(photo), StyleFixtures.plane(ok)) <= 1);
		}
	}

	private static Module run(final Context context, final Map<String, Object> in) throws Exception {
		return context.service(ModuleService.class).run(context.service(CommandService.class)
			.getCommand(PhotoToAnime.class), true, in).get();
	}
}
