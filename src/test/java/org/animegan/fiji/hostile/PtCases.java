package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.animegan.fiji.model.pt.AnimeGan2Onnx;

/**
 * Hostile cases of the area "pt" (see {@link HostileCase}): crafted PyTorch checkpoints. Each is
 * written by {@link Checkpoint} (a state_dict pickle and its storages, as torch.save lays them out)
 * into {@code models/}, given as {@code --model}, and must end with one sentence, exit 2, and no
 * converted model (nor a half-written one) in that folder.
 */
public final class PtCases {

	/** 64 MiB of float32, the storage that 2.9 GB were spent on before. */
	static final long BIG_NUMEL = 16L << 20;

	private PtCases() {}

	public static List<HostileCase> cases() {
		return List.of( //
			refused("numel*4 overflows", "larger than", dir -> Checkpoint.generator().storageNumel(
				1L << 62)), //
			refused("shape product overflows", "has shape", dir -> Checkpoint.generator().shape(0,
				1L << 32, 1L << 32, 1L << 32, 1L << 32)), //
			refused("(offset+n)*4 overflows", "outside its storage", dir -> Checkpoint.generator()
				.offset(0, Long.MAX_VALUE - 10)), //
			refused("tensor with the wrong shape for its key", "has shape", dir -> Checkpoint
				.generator().shape(3, 128, 32, 3, 3)), //
			refused("40 views, each all of one 64 MB storage", "has shape", dir -> Checkpoint
				.generator().keep(40).flat(BIG_NUMEL).storageNumel(BIG_NUMEL)), //
			refused("every tensor a view of one 64 MB storage, compressed", "larger than",
				dir -> Checkpoint.generator().storageNumel(BIG_NUMEL).storageBytes(BIG_NUMEL * 4)), //
			refused("every tensor a view of one 64 MB storage, 4 KB entry", "larger than",
				dir -> Checkpoint.generator().storageNumel(BIG_NUMEL).storageBytes(4096)), //
			refused("77 storages of 1 MiB each (77 MiB in all), 4 KB entries", "larger than",
				dir -> Checkpoint.generator().ownStorages(1 << 18).storageBytes(4096)), //
			refused("tensor that is not contiguous", "not stored contiguously", dir -> Checkpoint
				.generator().stride(0, 1, 32, 96, 672)), //
			refused("key of 100 000 characters with newlines", "is not part of it", dir -> Checkpoint
				.generator().add("x\n".repeat(50_000), 1)), //
			refused("storage entry shorter than declared", "fewer bytes", dir -> Checkpoint
				.generator().storageBytes(4096)), //
			refused("REDUCE on None", "REDUCE on None", dir -> Checkpoint.pickle(Pickle.proto()
				.op('N').op(')').op('R').op('.'))), //
			refused("STOP on an empty stack", "STOP on an empty stack", dir -> Checkpoint.pickle(
				Pickle.proto().op('.'))), //
			refused("BINGET of a memo entry never stored", "never stored", dir -> Checkpoint.pickle(
				Pickle.proto().op('}').op('h').raw(7).op('.'))), //
			refused("text GET of a huge memo index", "opcode GET", dir -> Checkpoint.pickle(Pickle
				.proto().op('}').op('g').text("99999999999999999999").op('.'))), //
			refused("dict key that contains itself", "dictionary key", dir -> Checkpoint.pickle(
				Pickle.proto().op('}').op('q').raw(0).op('h').raw(0).op('N').op('s').op('h').raw(0).op(
					'N').op('s').op('.'))), //
			refused("BINBYTES of 0x7FFFFFF0 bytes in a tiny file", "2147483632 bytes",
				dir -> Checkpoint.pickle(Pickle.proto().op('B').int32(0x7FFFFFF0).raw(new byte[200])
					.op('.'))), //
			refused("text LONG of 2 million digits", "larger than", dir -> Checkpoint.pickle(Pickle
				.proto().op('L').text("9".repeat(2_000_000) + "L").op('.'))), //
			refused("text LONG of 1000 digits", "text number", dir -> Checkpoint.pickle(Pickle
				.proto().op('L').text("9".repeat(1000) + "L").op('.'))), //
			refused("zip bomb: 256 MB data.pkl", "larger than", dir -> Checkpoint.pickle(Pickle
				.proto()).pickleZeros(256L << 20)), //
			refused("checkpoint cut short", "not a PyTorch zip checkpoint", PtCases::cutShort), //
			refused("os.system global", "posix.system", dir -> raw(Files.readAllBytes(HostileCase
				.fixture("malicious.pt")))), //
			refused("an ONNX model named .pt", "not a PyTorch zip checkpoint", dir -> raw(Files
				.readAllBytes(HostileCase.fixture("generator_v3_nhwc.onnx")))), //
			refused("262 bytes of garbage named .pt", "not a PyTorch zip checkpoint", dir -> raw(
				garbage(262))));
	}

	/** What a case writes as models/crafted.pt. */
	public interface Builder {

		Checkpoint build(Path dir) throws Exception;
	}

	/** A case whose last line must contain {@code says}, and which leaves models/ as it found it. */
	static HostileCase refused(final String name, final String says, final Builder builder) {
		return new HostileCase("pt", name, 2, dir -> {
			final Path models = Files.createDirectories(dir.resolve("models"));
			final Path pt = builder.build(dir).write(models.resolve("crafted.pt"));
			return new HostileCase.Run().jvm("-Danimegan.models=" + models).args("--model", pt
				.toString(), "--threads", "2", "--input-size", "256", HostileCase.fixture(
					"astronaut_128x96.png").toString(), "-o", dir.resolve("out").toString()).after(o -> {
						final String[] lines = o.output.strip().split("\\R");
						final String last = lines[lines.length - 1];
						assertTrue(last.contains(says), "expected '" + says + "' in: " + last);
						assertTrue(last.endsWith("."), "one sentence: " + last);
						assertEquals(List.of("crafted.pt"), listing(models), "nothing written to models/");
					});
		});
	}

	/** File names in a folder, sorted. */
	public static List<String> listing(final Path dir) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
		}
	}

	static Checkpoint raw(final byte[] bytes) {
		return new Checkpoint(null) {

			@Override
			public Path write(final Path file) throws IOException {
				return Files.write(file, bytes);
			}
		};
	}

	/** The first 60 % of a real-sized checkpoint, as an interrupted download leaves it. */
	static Checkpoint cutShort(final Path dir) throws IOException {
		final Path whole = Checkpoint.generator().ownStorages(0).write(dir.resolve("whole.pt"));
		final byte[] b = Files.readAllBytes(whole);
		Files.delete(whole);
		return raw(Arrays.copyOf(b, b.length * 3 / 5));
	}

	static byte[] garbage(final int n) {
		final byte[] b = new byte[n];
		new Random(8).nextBytes(b);
		return b;
	}

	/** A pickle written opcode by opcode. */
	public static final class Pickle {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		/** PROTO 2, as torch.save starts. */
		public static Pickle proto() {
			return new Pickle().raw(0x80, 2);
		}

		public Pickle op(final char opcode) {
			out.write(opcode);
			return this;
		}

		public Pickle raw(final int... bytes) {
			for (final int b : bytes)
				out.write(b);
			return this;
		}

		public Pickle raw(final byte[] bytes) {
			out.writeBytes(bytes);
			return this;
		}

		public Pickle int32(final int v) {
			return raw(v, v >>> 8, v >>> 16, v >>> 24);
		}

		/** A newline-terminated argument (GLOBAL, INT, LONG, GET). */
		public Pickle text(final String s) {
			raw(s.getBytes(StandardCharsets.US_ASCII));
			return raw('\n');
		}

		/** BINUNICODE. */
		public Pickle str(final String s) {
			final byte[] b = s.getBytes(StandardCharsets.UTF_8);
			return op('X').int32(b.length).raw(b);
		}

		public Pickle global(final String module, final String name) {
			return op('c').text(module).text(name);
		}

		/** BININT for what fits, LONG1 of 8 bytes otherwise, as pickle does. */
		public Pickle integer(final long v) {
			if (v == (int) v) return op('J').int32((int) v);
			op((char) 0x8a).raw(8);
			for (int i = 0; i < 8; i++)
				raw((int) (v >>> 8 * i));
			return this;
		}

		public Pickle tuple(final long... values) {
			op('(');
			for (final long v : values)
				integer(v);
			return op('t');
		}

		public byte[] bytes() {
			return out.toByteArray();
		}
	}

	/**
	 * A zip checkpoint as torch.save writes it: every tensor of the AnimeGANv2 generator, in the
	 * architecture's order, as a view at offset 0 of the one storage {@code data/0} (as in the
	 * committed bad_shape.pt), then whatever a case changes.
	 */
	public static class Checkpoint {

		private final byte[] pickle;
		private final Map<String, long[]> shapes = new LinkedHashMap<>();
		private final Map<Integer, Long> offsets = new LinkedHashMap<>();
		private long numel;
		/** Set: one storage per tensor, as torch.save writes a real state_dict. */
		private boolean ownStorages;
		private final Map<Integer, long[]> strides = new LinkedHashMap<>();
		private long storageBytes = -1;
		private long pickleZeros = -1;

		Checkpoint(final byte[] pickle) {
			this.pickle = pickle;
		}

		/** A checkpoint whose data.pkl is given. */
		public static Checkpoint pickle(final Pickle p) {
			return new Checkpoint(p.bytes());
		}

		/** The generator's tensors, all views of one storage just large enough. */
		public static Checkpoint generator() {
			final Checkpoint c = new Checkpoint(null);
			c.shapes.putAll(AnimeGan2Onnx.expectedShapes());
			for (final long[] s : c.shapes.values())
				c.numel = Math.max(c.numel, Arrays.stream(s).reduce(1, (a, b) -> a * b));
			return c;
		}

		/** The i-th tensor gets this shape (with contiguous strides). */
		public Checkpoint shape(final int i, final long... shape) {
			shapes.put(new ArrayList<>(shapes.keySet()).get(i), shape);
			return this;
		}

		/** The i-th tensor gets these strides instead of contiguous ones. */
		public Checkpoint stride(final int i, final long... stride) {
			strides.put(i, stride);
			return this;
		}

		/** One storage per tensor, each of {@code numel} elements, or just the tensor's if 0. */
		public Checkpoint ownStorages(final long numel) {
			ownStorages = true;
			this.numel = numel;
			return this;
		}

		public Checkpoint offset(final int i, final long offset) {
			offsets.put(i, offset);
			return this;
		}

		/** One more tensor, after the generator's. */
		public Checkpoint add(final String key, final long... shape) {
			shapes.put(key, shape);
			return this;
		}

		/** Every tensor becomes a vector of n elements. */
		public Checkpoint flat(final long n) {
			shapes.replaceAll((k, v) -> new long[] { n });
			return this;
		}

		/** Only the first n tensors. */
		public Checkpoint keep(final int n) {
			new ArrayList<>(shapes.keySet()).subList(n, shapes.size()).forEach(shapes::remove);
			return this;
		}

		/** The storage's declared element count. */
		public Checkpoint storageNumel(final long n) {
			numel = n;
			return this;
		}

		/** How many bytes (zeros beyond the real values) the storage's zip entry holds. */
		public Checkpoint storageBytes(final long n) {
			storageBytes = n;
			return this;
		}

		/** data.pkl becomes this many zeros: they compress 1000-fold. */
		public Checkpoint pickleZeros(final long n) {
			pickleZeros = n;
			return this;
		}

		/** Storage key to element count, in order. */
		private Map<String, Long> storages() {
			final Map<String, Long> st = new LinkedHashMap<>();
			int i = 0;
			for (final long[] shape : shapes.values()) {
				final long own = numel > 0 ? numel : Arrays.stream(shape).reduce(1, (a, b) -> a * b);
				if (ownStorages) st.put(String.valueOf(i++), own);
				else st.put("0", numel);
			}
			return st;
		}

		byte[] statePickle() {
			if (pickle != null) return pickle;
			final Pickle p = Pickle.proto().global("collections", "OrderedDict").op(')').op('R').op(
				'(');
			final List<Map.Entry<String, Long>> st = new ArrayList<>(storages().entrySet());
			int i = 0;
			for (final Map.Entry<String, long[]> e : shapes.entrySet()) {
				final long[] shape = e.getValue();
				final long[] stride = new long[shape.length];
				long s = 1;
				for (int d = shape.length - 1; d >= 0; d--) {
					stride[d] = s;
					s *= shape[d];
				}
				final Map.Entry<String, Long> storage = st.get(ownStorages ? i : 0);
				p.str(e.getKey()).global("torch._utils", "_rebuild_tensor_v2").op('(');
				p.op('(').str("storage").global("torch", "FloatStorage").str(storage.getKey()).str("cpu")
					.integer(storage.getValue()).op('t').op('Q');
				p.integer(offsets.getOrDefault(i, 0L)).tuple(shape).tuple(strides.getOrDefault(i,
					stride)).raw(0x89);
				p.global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
				i++;
			}
			return p.op('u').op('.').bytes();
		}

		/** Writes the zip; returns the file. */
		public Path write(final Path file) throws IOException {
			try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
				z.putNextEntry(new ZipEntry("crafted/data.pkl"));
				if (pickleZeros >= 0) zeros(z, pickleZeros);
				else z.write(statePickle());
				if (pickle == null) {
					final Random random = new Random(1);
					for (final Map.Entry<String, Long> st : storages().entrySet()) {
						z.putNextEntry(new ZipEntry("crafted/data/" + st.getKey()));
						final long n = st.getValue();
						final long bytes = storageBytes >= 0 ? storageBytes : n <= BIG_NUMEL ? n * 4 : 4096;
						final byte[] values = new byte[(int) Math.min(bytes, 1 << 20)];
						random.nextBytes(values);
						for (int i = 3; i < values.length; i += 4)
							values[i] = 0x3c; // small floats, so a converted model stays finite
						z.write(values);
						zeros(z, bytes - values.length);
					}
				}
				z.putNextEntry(new ZipEntry("crafted/version"));
				z.write("3\n".getBytes(StandardCharsets.US_ASCII));
			}
			return file;
		}

		private static void zeros(final OutputStream out, final long n) throws IOException {
			final byte[] b = new byte[1 << 20];
			for (long left = n; left > 0; left -= b.length)
				out.write(b, 0, (int) Math.min(left, b.length));
		}
	}
}
