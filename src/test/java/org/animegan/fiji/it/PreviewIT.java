package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live preview in a real, plain ImageJ 1.x with a display: ticking Preview opens one preview
 * window, and Cancel (or OK) closes it again, so the image list is what it would be without it.
 */
@Tag("slow")
class PreviewIT {

	@TempDir
	Path tmp;

	private Map<String, String> probe(final String button) {
		final ImageJ1 ij = new ImageJ1(tmp);
		final Processes.Result r = ij.run(PreviewProbe.class.getName(), List.of(button),
			"-Dlauncher.model=" + Packaged.fixture("generator_v3_nhwc.onnx"));
		assertEquals(0, r.exit, r::toString);
		final Map<String, String> result = ImageJ1MacroIT.results(r);
		assertEquals("Preview", result.get("checkbox"), r::toString);
		assertEquals("[photo]", result.get("before"), r::toString);
		assertEquals("[photo, photo (AnimeGAN preview)]", result.get("during"), r::toString);
		ImageJ1MacroIT.assertClean(r);
		return result;
	}

	@Test
	void previewThenCancelLeavesTheImageListUnchanged() {
		assertEquals("[photo]", probe("Cancel").get("after"));
	}

	@Test
	void theDialogOpensWithTheLastValuesUntilReset() {
		final Processes.Result r = new ImageJ1(tmp).runWithMyStyle(RememberProbe.class.getName());
		assertEquals(0, r.exit, r::toString);
		final Map<String, String> result = ImageJ1MacroIT.results(r);
		assertEquals("my_style", result.get("second_model"), r::toString);
		assertEquals("0.700", result.get("second_weight"), r::toString);
		assertTrue(result.get("reset_model").startsWith("Paprika (PyTorch port) "), r::toString);
		assertEquals("1.000", result.get("reset_weight"), r::toString);
		ImageJ1MacroIT.assertClean(r);
	}

	@Test
	void previewThenOkLeavesOnlyTheResult() {
		assertEquals("[photo, photo-anime]", probe("OK").get("after"));
	}
}
