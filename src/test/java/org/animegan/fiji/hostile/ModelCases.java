package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.animegan.fiji.engine.OnnxModelCheck;

/**
 * Hostile cases of the area "model" (see {@link HostileCase}): ONNX files that reach outside
 * themselves, or are no model at all. Each must end with exit 2, one sentence naming the refusal,
 * and no result written.
 */
public final class ModelCases {

	static final String OUTSIDE = "takes its data from outside the model file";
	static final String NOT_ONNX = "could not be loaded as an ONNX model";

	private ModelCases() {}

	public static List<HostileCase> cases() {
		return List.of(new HostileCase("model", "external data at an absolute path (/etc/passwd)", 2,
			dir -> refused(dir, HostileModels.externalInitializer(HostileModels.SECRET), OUTSIDE)),
			new HostileCase("model", "external data at ../ beside the model folder", 2, dir -> {
				Files.write(dir.resolve("secret.bin"), "SECRET-".repeat(10).getBytes(
					StandardCharsets.US_ASCII));
				return refused(dir, "models/hostile.onnx", HostileModels.externalInitializer(
					"../secret.bin"), OUTSIDE);
			}), new HostileCase("model", "external data in a Constant node", 2, dir -> refused(dir,
				HostileModels.externalInConstant(HostileModels.SECRET), OUTSIDE)),
			// ONNX's own checker refuses absolute and ../ locations in subgraphs, not a link beside the model.
			new HostileCase("model", "external data in an If subgraph, via a link to /etc/passwd", 2,
				dir -> {
					Files.createSymbolicLink(dir.resolve("leak.bin"), Path.of(HostileModels.SECRET));
					return refused(dir, HostileModels.externalInIf("leak.bin"), OUTSIDE);
				}),
			new HostileCase("model", "truncated .onnx", 2, dir -> {
				HostileModels.truncated(dir.resolve("hostile.onnx"));
				return run(dir, "hostile.onnx", NOT_ONNX);
			}), new HostileCase("model", "text named .onnx", 2, dir -> {
				HostileModels.garbage(dir.resolve("hostile.onnx"));
				return run(dir, "hostile.onnx", NOT_ONNX);
			}), new HostileCase("model", "model file over the size cap (sparse)", 2, dir -> {
				HostileModels.sized(dir.resolve("hostile.onnx"), OnnxModelCheck.MAX_BYTES + 1);
				return run(dir, "hostile.onnx", "larger than the " + (OnnxModelCheck.MAX_BYTES >> 20) +
					" MB a model may have");
			}));
	}

	private static HostileCase.Run refused(final Path dir,
		final OnnxMl.ModelProto model, final String says) throws Exception
	{
		return refused(dir, "hostile.onnx", model, says);
	}

	private static HostileCase.Run refused(final Path dir, final String name,
		final OnnxMl.ModelProto model, final String says) throws Exception
	{
		HostileModels.write(model, dir.resolve(name));
		return run(dir, name, says);
	}

	/** The CLI on the fixture photo with model {@code name}; it must say {@code says}, write nothing. */
	private static HostileCase.Run run(final Path dir, final String name, final String says) {
		return new HostileCase.Run().args("--model", name, "--threads", "2", "--input-size", "256",
			HostileCase.fixture("astronaut_128x96.png").toString(), "-o", "out").after(o -> {
				final String[] lines = o.output.strip().split("\\R");
				assertEquals(1, lines.length, o.output);
				assertTrue(o.output.contains(says), o.output);
				assertTrue(o.output.contains(Path.of(name).getFileName().toString()), o.output);
				assertEquals(0, written(dir.resolve("out")), "a result was written: " + o.output);
			});
	}

	/** Files under {@code folder} (0 if it does not exist). */
	static long written(final Path folder) throws Exception {
		if (!Files.exists(folder)) return 0;
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter(Files::isRegularFile).count();
		}
	}
}
