package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.animegan.fiji.hostile.CraftedImages.Page;

/**
 * Hostile cases of the area "image" (see {@link HostileCase}): tiny files whose headers claim
 * gigapixels (refused from the header, before decoding), damaged and truncated files, a TIFF whose
 * pages loop, and a batch where the good photo must still be processed.
 */
public final class ImageCases {

	private ImageCases() {}

	public static List<HostileCase> cases() {
		return List.of(//
			refused("JPEG header claims 20000x20000 (648 bytes)", "bomb.jpg", () -> CraftedImages
				.jpegClaiming(20000, 20000), "20000x20000"), //
			refused("PNG header claims 40000x40000 grey (74 bytes)", "bomb.png", () -> CraftedImages.png(40000,
				40000, 0), "40000x40000"), //
			refused("TIFF header claims 30000x30000 (126 bytes)", "bomb.tif", () -> CraftedImages.tiff(0,
				new Page(30000, 30000, 16)), "30000x30000"), //
			refused("multi-page TIFF, one page claims 30000x30000", "pages.tif", () -> CraftedImages.tiff(0,
				Page.full(64, 64), new Page(30000, 30000, 0), Page.full(64, 64)), "30000x30000"), //
			refused("TIFF whose page chain loops", "loop.tif", () -> CraftedImages.tiff(CraftedImages.FIRST_IFD,
				Page.full(64, 64), Page.full(64, 64)), "loops"), //
			refused("multi-page TIFF cut short (ImageJ stack of 3)", "cut.tif", CraftedImages::truncatedStack,
				"truncated"), //
			refused("JPEG with good headers and a garbage scan", "damaged.jpg", CraftedImages::garbageScan,
				"JPEG data could not be decoded"), //
			new HostileCase("image", "JPEG whose scan has bad Huffman codes: warning, still stylized", 0,
				dir -> {
					final Path in = Files.write(Files.createDirectory(dir.resolve("in")).resolve("noisy.jpg"),
						CraftedImages.damagedJpeg());
					return run(dir, in).after(o -> {
						assertTrue(Files.isRegularFile(dir.resolve("out/noisy-anime.png")), o.output);
						assertEquals(1, lines(o.output, "warning: ").size(), o.output);
					});
				}), //
			new HostileCase("image", "batch: four hostile files and a good photo", 1, dir -> {
				final Path in = Files.createDirectory(dir.resolve("in"));
				Files.write(in.resolve("a-bomb.jpg"), CraftedImages.jpegClaiming(20000, 20000));
				Files.write(in.resolve("b-bomb.png"), CraftedImages.png(40000, 40000, 0));
				Files.write(in.resolve("c-bomb.tif"), CraftedImages.tiff(0, new Page(30000, 30000, 16)));
				Files.write(in.resolve("d-loop.tif"), CraftedImages.tiff(CraftedImages.FIRST_IFD, Page.full(
					64, 64), Page.full(64, 64)));
				Files.copy(HostileCase.fixture("astronaut_128x96.png"), in.resolve("e-photo.png"));
				return run(dir, in).after(o -> {
					assertTrue(Files.isRegularFile(dir.resolve("out/e-photo-anime.png")), o.output);
					assertEquals(4, lines(o.output, "failed: ").size(), o.output);
					assertEquals(List.of("e-photo-anime.png"), names(dir.resolve("out")), o.output);
				});
			}));
	}

	/** A case whose single file must fail with a line containing {@code says}, writing nothing. */
	private static HostileCase refused(final String name, final String file, final Bytes bytes,
		final String says)
	{
		return new HostileCase("image", name, 1, dir -> {
			final Path in = Files.write(Files.createDirectory(dir.resolve("in")).resolve(file), bytes
				.make());
			return run(dir, in).after(o -> {
				final List<String> failed = lines(o.output, "failed: ");
				assertEquals(1, failed.size(), o.output);
				assertTrue(failed.get(0).contains(says), o.output);
				assertEquals(List.of(), names(dir.resolve("out")), "nothing written");
			});
		});
	}

	/** A hostile file's bytes, made when the case is set up. */
	private interface Bytes {

		byte[] make() throws Exception;
	}

	static HostileCase.Run run(final Path dir, final Path input) {
		return new HostileCase.Run().args("--model", HostileCase.fixture("generator_v3_nhwc.onnx")
			.toString(), "--threads", "2", "--input-size", "256", input.toString(), "-o", dir.resolve(
				"out").toString());
	}

	static List<String> lines(final String output, final String prefix) {
		return output.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
	}

	/** The files in a folder (none if it does not exist), sorted. */
	static List<String> names(final Path folder) throws Exception {
		if (!Files.isDirectory(folder)) return List.of();
		try (java.util.stream.Stream<Path> s = Files.list(folder)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}
}
