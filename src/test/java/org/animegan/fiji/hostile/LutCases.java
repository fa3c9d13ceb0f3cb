package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Hostile cases of the area "lut" (see {@link HostileCase}): {@code .cube} files that once cost
 * gigabytes, gave a black image, or failed every image after the model had run. Each must be
 * refused up front with one sentence and exit 2, before any image is stylized: no result is
 * written and no per-image line printed. One valid LUT proves the good path.
 */
public final class LutCases {

	/** Images in the input folder of every case. */
	static final int IMAGES = 3;

	private LutCases() {}

	/** Writes a hostile or valid .cube file at the given path. */
	public interface Writer {

		void write(Path file) throws IOException;
	}

	/** One LUT file of a case: its name and how to make it. */
	public static final class LutFile {

		public final String name;
		public final Writer writer;

		LutFile(final String name, final Writer writer) {
			this.name = name;
			this.writer = writer;
		}
	}

	/** The hostile LUT files, each refused; unit tests parse them in-process. */
	public static List<LutFile> hostile() {
		return List.of( //
			new LutFile("twenty LUT_3D_SIZE 256 lines", f -> text(f, "LUT_3D_SIZE 256\n".repeat(20))),
			new LutFile("twenty LUT_3D_SIZE 64 lines", f -> text(f, "LUT_3D_SIZE 64\n".repeat(20))),
			new LutFile("LUT_3D_SIZE 100000", f -> text(f, "LUT_3D_SIZE 100000\n0 0 0\n")),
			new LutFile("two LUT_3D_SIZE lines", f -> text(f, "LUT_3D_SIZE 2\n" + cube(2, "", 8))),
			new LutFile("too few data lines", f -> text(f, cube(2, "", 7))),
			new LutFile("too many data lines", f -> text(f, cube(2, "", 9))),
			new LutFile("DOMAIN_MIN -1e300", f -> text(f, cube(2, "DOMAIN_MIN -1e300 0 0\n", 8))),
			new LutFile("DOMAIN_MIN above DOMAIN_MAX", f -> text(f, cube(2,
				"DOMAIN_MIN 1 0 0\nDOMAIN_MAX 0.5 1 1\n", 8))),
			new LutFile("NaN values", f -> text(f, cube(2, "", 8).replace("1 1 1", "NaN NaN NaN"))),
			new LutFile("1e39 value (infinite as a float)", f -> text(f, cube(2, "", 8).replace(
				"1 1 1", "1e39 1 1"))),
			new LutFile("1 GB sparse file", LutCases::sparse), //
			new LutFile("binary garbage", LutCases::garbage), //
			new LutFile("one 100 MB line", LutCases::longLine));
	}

	public static List<HostileCase> cases() {
		final List<HostileCase> cases = new ArrayList<>();
		for (final LutFile f : hostile())
			cases.add(new HostileCase("lut", f.name, 2, dir -> refused(dir, f.writer)));
		cases.add(new HostileCase("lut", "valid identity LUT of size 2", 0, dir -> {
			final HostileCase.Run run = run(dir, f -> text(f, cube(2, "TITLE \"identity\"\n", 8)));
			return run.after(o -> assertEquals(IMAGES, outputs(dir).size(), o.output));
		}));
		return cases;
	}

	/** The CLI on a folder of small photos with this LUT; absolute paths, so it also runs in-process. */
	static HostileCase.Run run(final Path dir, final Writer lut) throws IOException {
		final Path in = Files.createDirectories(dir.resolve("in"));
		for (int i = 0; i < IMAGES; i++)
			photo(in.resolve("photo" + i + ".png"), i);
		final Path file = dir.resolve("style.cube");
		lut.write(file);
		return new HostileCase.Run().args("--model", HostileCase.fixture("generator_v3_nhwc.onnx")
			.toString(), "--threads", "2", "--input-size", "256", "--color-shift", "lut", "--lut-file",
			file.toString(), in.toString(), "-o", dir.resolve("out").toString());
	}

	/** Refused before any image: one sentence naming the LUT, no result, no per-image line. */
	static HostileCase.Run refused(final Path dir, final Writer lut) throws IOException {
		return run(dir, lut).after(o -> {
			final String[] lines = o.output.strip().split("\\R");
			final String last = lines[lines.length - 1];
			assertTrue(last.startsWith("error: The LUT file ") && last.contains("style.cube") && last
				.endsWith("."), o.output);
			assertEquals(1, last.split("\\. ").length, "one sentence: " + last);
			for (final String line : lines)
				assertFalse(line.contains(" -> ") || line.startsWith("failed: "), o.output);
			assertEquals(List.of(), outputs(dir), o.output);
		});
	}

	/** Files in the output folder (none if it is absent). */
	static List<Path> outputs(final Path dir) throws IOException {
		final Path out = dir.resolve("out");
		if (!Files.isDirectory(out)) return List.of();
		try (Stream<Path> s = Files.list(out)) {
			return s.collect(Collectors.toList());
		}
	}

	/**
	 * An identity LUT of size n after the given header lines, with {@code lines} data lines (n³ for a
	 * valid one; fewer or more repeat the lattice).
	 */
	public static String cube(final int n, final String header, final int lines) {
		final StringBuilder sb = new StringBuilder(header).append("LUT_3D_SIZE ").append(n).append(
			'\n');
		for (int i = 0; i < lines; i++) {
			final int k = i % (n * n * n), r = k % n, g = k / n % n, b = k / n / n;
			sb.append(String.format(Locale.ROOT, "%s %s %s\n", value(r, n), value(g, n), value(b, n)));
		}
		return sb.toString();
	}

	private static String value(final int i, final int n) {
		return i == n - 1 ? "1" : i == 0 ? "0" : String.format(Locale.ROOT, "%.6f", i / (n - 1.0));
	}

	private static void text(final Path f, final String s) throws IOException {
		Files.write(f, s.getBytes(StandardCharsets.US_ASCII));
	}

	/** 1 GB with a valid start and nothing else on disk: must be refused by its size, unread. */
	private static void sparse(final Path f) throws IOException {
		text(f, "LUT_3D_SIZE 2\n");
		try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
			raf.setLength(1L << 30);
		}
	}

	private static void garbage(final Path f) throws IOException {
		final byte[] b = new byte[1 << 16];
		new Random(8).nextBytes(b);
		Files.write(f, b);
	}

	/** A valid header, then 100 MB of digits without a newline. */
	private static void longLine(final Path f) throws IOException {
		text(f, "LUT_3D_SIZE 2\n");
		final byte[] digits = new byte[1 << 20];
		Arrays.fill(digits, (byte) '7');
		try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.APPEND)) {
			for (int i = 0; i < 100; i++)
				out.write(digits);
		}
	}

	/** A small photo-like gradient, different per index. */
	private static void photo(final Path file, final int i) throws IOException {
		final BufferedImage img = new BufferedImage(48, 40, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < img.getHeight(); y++)
			for (int x = 0; x < img.getWidth(); x++)
				img.setRGB(x, y, (x * 5 + i * 40) % 256 << 16 | (y * 6) % 256 << 8 | (x + y + i * 70) % 256);
		ImageIO.write(img, "png", file.toFile());
	}
}
