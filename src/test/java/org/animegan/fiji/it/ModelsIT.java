package org.animegan.fiji.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.catalog.CatalogEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins › AnimeGAN › Models... in a real, plain ImageJ 1.x: the table, and Delete from cache. */
@Tag("slow")
class ModelsIT {

	@TempDir
	Path tmp;

	@Test
	void listsCatalogAndFolderAndDeletesADownload() throws Exception {
		final ImageJ1 ij = new ImageJ1(tmp);
		final Path models = Files.createDirectories(ij.home.resolve("models"));
		final CatalogEntry paprika = Catalog.standard().find("paprika").get();
		// Stand-ins: a "downloaded" catalog model and a model of the user's own.
		Files.write(models.resolve(paprika.file()), new byte[2_000_000]);
		Files.copy(Packaged.fixture("generator_v3_nhwc.onnx"), models.resolve("my_style.onnx"));
		final Processes.Result r = ij.run(ModelsProbe.class.getName(), List.of(paprika.name()), "-D" +
			ModelLocator.PROPERTY + "=" + models);
		assertEquals(0, r.exit, r::toString);
		final Map<String, String> result = ImageJ1MacroIT.results(r);
		assertEquals("name\tfamily\tgood for\tcached\tsize\tlicence\taddress", result.get("headings"),
			r::toString);
		final int n = Catalog.standard().entries().size();
		assertEquals(null, result.get("line" + (n + 1)), "one line per catalog entry, then my_style");
		final int row = Catalog.standard().entries().indexOf(paprika);
		final String[] before = result.get("line" + row).split("\t", -1);
		assertEquals(List.of(paprika.name(), paprika.family(), paprika.goodFor(), "yes", "2.0 MB",
			paprika.licence()), List.of(before).subList(0, 6), r::toString);
		assertTrue(before[6].startsWith("https://"), r::toString);
		assertTrue(result.get("line" + n).startsWith("my_style\t"), r::toString);
		assertEquals("no", result.get("after" + row).split("\t", -1)[3], r::toString);
		assertFalse(Files.exists(models.resolve(paprika.file())));
		assertTrue(Files.exists(models.resolve("my_style.onnx")));
		ImageJ1MacroIT.assertClean(r);
	}
}
