package org.animegan.fiji.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ColorProcessor;

import java.util.HashMap;
import java.util.Map;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.style.StyleFixtures;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;
import org.scijava.prefs.PrefService;

/** The temporal keys through the SciJava command, as a macro line passes them. */
class TemporalCommandTest {

	@Test
	void temporalKeysReachTheTool() throws Exception {
		final ColorProcessor a = (ColorProcessor) Fixtures.open("astronaut_128x96.png").getProcessor()
			.convertToRGB();
		final ColorProcessor b = (ColorProcessor) a.duplicate();
		b.multiply(0.4);
		final ImageStack stack = new ImageStack(a.getWidth(), a.getHeight());
		stack.addSlice("a", a);
		stack.addSlice("b", b);
		final ImagePlus video = new ImagePlus("video", stack);
		try (Context context = new Context(CommandService.class,
			org.animegan.fiji.model.ModelService.class, PrefService.class))
		{
			context.service(PrefService.class).clear(PhotoToAnime.class);
			final Map<String, Object> in = new HashMap<>();
			in.put("image", video);
			in.put("model", StyleFixtures.FAST_MODEL.toAbsolutePath().toString());
			in.put("input_size", "native");
			final ColorProcessor off = secondPlane(context, in);
			in.put("temporal_smoothing", "tones");
			// A plain stack has one frame: auto does nothing, z smooths along the slices.
			assertTrue(Fixtures.maxAbsDiff(off, secondPlane(context, in)) <= 1, "auto");
			in.put("temporal_axis", "z");
			assertTrue(Fixtures.maxAbsDiff(off, secondPlane(context, in)) > 10, "z");
		}
	}

	private static ColorProcessor secondPlane(final Context context, final Map<String, Object> in)
		throws Exception
	{
		final ImagePlus out = (ImagePlus) context.service(ModuleService.class).run(context.service(
			CommandService.class).getCommand(PhotoToAnime.class), true, in).get().getOutput("output");
		return (ColorProcessor) out.getStack().getProcessor(2);
	}
}
