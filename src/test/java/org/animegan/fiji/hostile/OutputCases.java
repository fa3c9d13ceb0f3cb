package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hostile cases of the area "output" (see {@link HostileCase}): links that would make a result
 * overwrite an input or an earlier result, a file name that would split the result line, a result
 * that cannot be written. After each, no temporary {@code .part} file is left.
 */
public final class OutputCases {

	private OutputCases() {}

	public static List<HostileCase> cases() {
		return List.of(//
			new HostileCase("output", "-o is a link to the input folder, which holds an earlier result",
				1, dir -> {
					final Path in = Files.createDirectory(dir.resolve("in"));
					final Path photo = photo(in, "a.png");
					final Path earlier = photo(in, "a-anime.png");
					final byte[] before = Files.readAllBytes(earlier);
					Files.createSymbolicLink(dir.resolve("out"), in);
					return run(dir, in).after(o -> {
						assertArrayEquals(before, Files.readAllBytes(earlier), "earlier result unchanged");
						assertEquals(1, ImageCases.lines(o.output, "failed: " + photo).size(), o.output);
						assertTrue(o.output.contains("would overwrite"), o.output);
						// The earlier result is itself an input: stylized to a new name.
						assertTrue(Files.isRegularFile(in.resolve("a-anime-anime.png")), o.output);
						noPartFiles(in);
					});
				}), //
			new HostileCase("output", "a link named like the result points at the input", 1, dir -> {
				final Path in = Files.createDirectory(dir.resolve("in"));
				final Path photo = photo(in, "a.png");
				final byte[] before = Files.readAllBytes(photo);
				final Path out = Files.createDirectory(dir.resolve("out"));
				final Path link = Files.createSymbolicLink(out.resolve("a-anime.png"), photo);
				return run(dir, photo).after(o -> {
					assertArrayEquals(before, Files.readAllBytes(photo), "input unchanged");
					assertTrue(Files.isSymbolicLink(link), "the link is left alone");
					assertTrue(o.output.contains("would overwrite"), o.output);
					noPartFiles(out);
				});
			}), //
			new HostileCase("output", "file names with a newline keep every output line whole", 1,
				dir -> {
					final Path in = Files.createDirectory(dir.resolve("in"));
					photo(in, "good\nphoto.png");
					Files.write(in.resolve("bad\nfile.png"), "not an image".getBytes());
					return run(dir, in).after(o -> {
						final Path out = dir.resolve("out");
						assertTrue(Files.isRegularFile(out.resolve("good\nphoto-anime.png")), o.output);
						final List<String> lines = o.output.lines().collect(Collectors.toList());
						assertTrue(lines.stream().noneMatch(l -> l.startsWith("photo") || l.startsWith("file") ||
							l.startsWith("-anime")), "no line starts inside a name: " + o.output);
						assertEquals(1, ImageCases.lines(o.output, "failed: ").size(), o.output);
						assertTrue(ImageCases.lines(o.output, "failed: ").get(0).contains("bad\\nfile.png"),
							o.output);
						assertTrue(lines.stream().anyMatch(l -> l.contains("good\\nphoto.png -> ") && l.endsWith(
							"good\\nphoto-anime.png")), o.output);
						noPartFiles(out);
					});
				}), //
			new HostileCase("output", "the result's name is taken by a folder: nothing half-written", 1,
				dir -> {
					final Path in = Files.createDirectory(dir.resolve("in"));
					final Path photo = photo(in, "a.png");
					final Path out = Files.createDirectory(dir.resolve("out"));
					Files.createDirectory(out.resolve("a-anime.png"));
					Files.write(out.resolve("a-anime.png/keep.txt"), "kept".getBytes());
					return run(dir, photo).after(o -> {
						assertTrue(o.output.contains("could not be written"), o.output);
						assertEquals(List.of("keep.txt"), ImageCases.names(out.resolve("a-anime.png")));
						noPartFiles(out);
					});
				}));
	}

	private static Path photo(final Path folder, final String name) throws Exception {
		return Files.copy(HostileCase.fixture("astronaut_128x96.png"), folder.resolve(name));
	}

	private static HostileCase.Run run(final Path dir, final Path input) {
		return ImageCases.run(dir, input);
	}

	/** No temporary result file is left behind in the folder. */
	static void noPartFiles(final Path folder) throws Exception {
		try (Stream<Path> s = Files.list(folder)) {
			final List<Path> parts = s.filter(p -> p.getFileName().toString().contains(".part-")).collect(
				Collectors.toList());
			assertFalse(parts.size() > 0, "temporaries left: " + parts);
		}
	}
}
