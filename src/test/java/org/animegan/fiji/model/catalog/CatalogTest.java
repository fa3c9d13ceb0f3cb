package org.animegan.fiji.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.animegan.fiji.model.ModelSpec;
import org.junit.jupiter.api.Test;

/** models/catalog.json: packaged, well-formed, and honest about which addresses are verified. */
class CatalogTest {

	/** The only addresses upstream code states: torch.hub's generator() in bryandlee/animegan2-pytorch. */
	static final String HUBCONF = "https://github.com/bryandlee/animegan2-pytorch/raw/main/weights/";

	@Test
	void packagedCatalogIsTheTopLevelFile() throws Exception {
		try (InputStream in = Catalog.class.getResourceAsStream(Catalog.RESOURCE)) {
			assertNotNull(in);
			assertEquals(new String(Files.readAllBytes(Paths.get("models", "catalog.json"))), new String(
				in.readAllBytes()));
		}
	}

	@Test
	void entriesAreCompleteAndUnique() throws Exception {
		final List<CatalogEntry> all = Catalog.standard().entries();
		assertTrue(all.size() >= 4);
		final Set<String> keys = new HashSet<>();
		for (final CatalogEntry e : all) {
			assertTrue(keys.add(e.id()) && keys.add(e.name()) && keys.add(e.file()), e.toString());
			assertTrue(Set.of("animegan2-pt", "animegan2-tf", "animegan3").contains(e.family()), e
				.toString());
			assertFalse(e.urls().isEmpty(), e.toString());
			assertFalse(e.licence().isBlank(), e.toString());
			assertNotNull(e.source(), e.toString());
			assertTrue(Set.of("faces", "scenes").contains(e.goodFor()), e.toString());
			assertTrue(Set.of("256", "512", "native").contains(e.inputSize()), e.toString());
			assertTrue(e.sha256() == null || e.sha256().matches("[0-9a-f]{64}"), e.toString());
			assertTrue(e.gitBlob() == null || e.gitBlob().matches("[0-9a-f]{40}"), e.toString());
			// The verified files are pinned by their upstream git blob ids.
			assertEquals(e.verified(), e.gitBlob() != null, e.toString());
			if (e.family().equals("animegan3")) assertEquals(ModelSpec.STRIDE_V3, e.stride());
			if (e.family().startsWith("animegan2-tf") || e.family().equals("animegan3")) assertTrue(e
				.licence().contains("non-commercial"), e.toString());
		}
	}

	@Test
	void onlyTheHubconfAddressesAreMarkedVerified() throws Exception {
		for (final CatalogEntry e : Catalog.standard().entries()) {
			final boolean hub = e.urls().stream().allMatch(u -> u.equals(HUBCONF + e.id() + ".pt"));
			assertEquals(hub, e.verified(), e.toString());
		}
		final CatalogEntry paprika = Catalog.standard().find("paprika").get();
		assertTrue(paprika.licence().contains("non-commercial"), "paprika was converted from TF weights");
	}

	@Test
	void readmeTableListsEveryCatalogModel() throws Exception {
		final String readme = new String(Files.readAllBytes(Paths.get("README.md")));
		for (final CatalogEntry e : Catalog.standard().entries()) {
			assertTrue(readme.contains("| `" + e.id() + "` | " + e.name() + " | " + e.family() + " |"),
				"README row for " + e.id());
		}
	}

	@Test
	void findsByIdOrNameIgnoringCase() throws Exception {
		final Catalog c = Catalog.standard();
		assertEquals("face_paint_512_v2", c.find("FACE PORTRAIT V2").get().id());
		assertEquals("face_paint_512_v2", c.find("face_paint_512_v2").get().id());
		assertFalse(c.find("no such model").isPresent());
	}

	@Test
	void tinyAnimeGanV3ModelsUseStride16() throws Exception {
		final long[] nhwc = { -1, -1, -1, 3 };
		assertEquals(16, ModelSpec.fromShapes("AnimeGANv3_tiny_Cute.onnx", "AnimeGANv3_input", nhwc,
			"out", nhwc).stride());
		assertEquals(8, ModelSpec.fromShapes("AnimeGANv3_Hayao_36.onnx", "animeganv3_input", nhwc,
			"out", nhwc).stride());
		assertEquals(16, ModelSpec.fromShapes("x.onnx", "AnimeGANv3_input", nhwc, "out", nhwc)
			.withStride(16).stride());
	}
}
