package org.animegan.fiji.model.pt;

import net.razorvine.pickle.PickleException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.SettingsMessages;

/**
 * Reads a PyTorch state_dict saved by {@code torch.save} (zip format: {@code <folder>/data.pkl} plus
 * one {@code <folder>/data/<key>} entry per storage) without Python and without running any code from
 * the file. The pickle is first walked by {@link PickleScanner} (allowed opcodes, lengths inside the
 * file), then read by {@link RestrictedUnpickler} (allowed globals only). Every tensor's name, dtype,
 * shape, layout and extent is checked against {@link AnimeGan2Onnx#expectedShapes()} with
 * overflow-checked arithmetic before any storage is read; then each storage a tensor needs is read
 * once, and never beyond {@link #MAX_STORAGE_BYTES} in all, whatever the headers claim.
 */
public final class TorchCheckpoint {

	/** More entries than this is not a generator checkpoint (an AnimeGANv2 one has 79). */
	public static final int MAX_ENTRIES = 1024;
	/** Largest data.pkl accepted (an AnimeGANv2 generator's is 12.5 KB). */
	public static final long MAX_PICKLE_BYTES = 1L << 20;
	/**
	 * Largest total of storage bytes read: the AnimeGANv2 generator has 2.14 M float32 parameters
	 * (8.6 MB), so 16 MiB leaves room for storages a little larger than their tensors.
	 */
	public static final long MAX_STORAGE_BYTES = 16L << 20;

	private TorchCheckpoint() {}

	/** The tensors by name, in the architecture's order. */
	public static Map<String, TorchTensor> read(final Path file) throws AnimeGanException {
		return read(file, Progress.NONE);
	}

	/**
	 * The tensors by name, in the architecture's order.
	 *
	 * @throws CancelledException when the progress reports a cancel between storages
	 */
	public static Map<String, TorchTensor> read(final Path file, final Progress progress)
		throws AnimeGanException
	{
		final String name = file.getFileName().toString();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			final String prefix = checkEntries(zip, name);
			final ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
			if (pkl == null) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
			final byte[] pickle = readBounded(zip, pkl, MAX_PICKLE_BYTES, name);
			final ZipEntry order = zip.getEntry(prefix + "byteorder");
			final ByteOrder byteOrder = order != null && new String(readBounded(zip, order, 16, name),
				StandardCharsets.US_ASCII).trim().equals("big") ? ByteOrder.BIG_ENDIAN
					: ByteOrder.LITTLE_ENDIAN;
			final Map<?, ?> dict = RestrictedUnpickler.asMap(unpickle(pickle, name));
			if (dict == null) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
			if (progress.isCancelled()) throw new CancelledException();
			return tensors(zip, prefix, check(dict, name), byteOrder, name, progress);
		}
		catch (final ZipException e) {
			throw new AnimeGanException(PtMessages.ptNotZip(name), e);
		}
		catch (final IOException e) {
			throw new AnimeGanException(PtMessages.unreadable(file, e.getMessage()), e);
		}
	}

	/** The top-level object of a data.pkl that passed the scan; any failure is one sentence. */
	private static Object unpickle(final byte[] pickle, final String name)
		throws AnimeGanException
	{
		try {
			PickleScanner.check(pickle);
			return RestrictedUnpickler.parse(pickle);
		}
		catch (final PickleScanner.Malformed e) {
			throw new AnimeGanException(e.opcode != null ? PtMessages.unusedOpcode(name, e.opcode, e
				.getMessage()) : PtMessages.malformedPickle(name, e.getMessage()), e);
		}
		catch (final RestrictedUnpickler.RefusedException e) {
			throw new AnimeGanException(PtMessages.ptRefusedGlobal(name, e.getMessage()), e);
		}
		catch (final IOException | RuntimeException | StackOverflowError e) {
			// The scan makes these unreachable; a last guard, should the library still fail.
			throw new AnimeGanException(PtMessages.malformedPickle(name,
				"the pickle reader stopped at it"), e);
		}
	}

	/** Checks every entry name; returns the common top folder with a trailing slash. */
	private static String checkEntries(final ZipFile zip, final String name)
		throws AnimeGanException
	{
		String prefix = null;
		int count = 0;
		final Enumeration<? extends ZipEntry> en = zip.entries();
		while (en.hasMoreElements()) {
			final String entry = en.nextElement().getName();
			if (++count > MAX_ENTRIES) throw new AnimeGanException(PtMessages.ptTooLarge(name));
			if (entry.startsWith("/") || entry.contains("\\") || entry.contains(":") || entry.equals(
				"..") || entry.startsWith("../") || entry.contains("/../") || entry.endsWith("/..") || entry
					.indexOf('\0') >= 0)
			{
				throw new AnimeGanException(PtMessages.ptBadEntry(name, entry));
			}
			final int slash = entry.indexOf('/');
			final String top = slash < 0 ? "" : entry.substring(0, slash + 1);
			if (prefix == null) prefix = top;
			else if (!prefix.equals(top)) throw new AnimeGanException(PtMessages.ptBadEntry(name, entry));
		}
		if (prefix == null) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
		return prefix;
	}

	/**
	 * Every tensor of the state_dict, checked against the architecture (names, shapes, dtype,
	 * layout, extent inside its storage, total size) before anything is read; in the architecture's
	 * order.
	 */
	static Map<String, RestrictedUnpickler.TensorRef> check(final Map<?, ?> dict,
		final String name) throws AnimeGanException
	{
		final Map<String, RestrictedUnpickler.TensorRef> refs = new LinkedHashMap<>();
		final Map<String, long[]> shapes = new LinkedHashMap<>();
		for (final Map.Entry<?, ?> e : dict.entrySet()) {
			final String key = String.valueOf(e.getKey());
			if (!(e.getValue() instanceof RestrictedUnpickler.TensorRef)) {
				throw new AnimeGanException(PtMessages.ptNotTensor(name, SettingsMessages.shown(key)));
			}
			final RestrictedUnpickler.TensorRef t = (RestrictedUnpickler.TensorRef) e.getValue();
			refs.put(key, t);
			shapes.put(key, t.size);
		}
		AnimeGan2Onnx.checkShapes(shapes, name);
		final Map<String, TorchStorage> storages = new HashMap<>();
		final Map<String, RestrictedUnpickler.TensorRef> ordered = new LinkedHashMap<>();
		long total = 0;
		for (final String key : AnimeGan2Onnx.expectedShapes().keySet()) {
			final RestrictedUnpickler.TensorRef t = refs.get(key);
			if (!t.storage.dtype.equals("FloatStorage")) {
				throw new AnimeGanException(PtMessages.ptDtype(name, key, t.storage.dtype));
			}
			checkLayout(t, key, name);
			final TorchStorage seen = storages.putIfAbsent(t.storage.key, t.storage);
			if (seen == null) total = addBytes(total, t.storage, name);
			else if (seen.numel != t.storage.numel || !seen.dtype.equals(t.storage.dtype)) {
				throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
			}
			ordered.put(key, t);
		}
		return ordered;
	}

	/** Contiguous row-major strides, and the whole view inside its storage. */
	private static void checkLayout(final RestrictedUnpickler.TensorRef t, final String key,
		final String name) throws AnimeGanException
	{
		if (t.size.length != t.stride.length) throw new AnimeGanException(PtMessages.ptNotCheckpoint(
			name));
		try {
			long n = 1;
			for (int d = t.size.length - 1; d >= 0; d--) {
				if (t.size[d] != 1 && t.stride[d] != n) {
					throw new AnimeGanException(PtMessages.ptNotContiguous(name, key));
				}
				n = Math.multiplyExact(n, t.size[d]);
			}
			if (t.offset < 0 || t.storage.numel < 0 || Math.addExact(t.offset, n) > t.storage.numel) {
				throw new AnimeGanException(PtMessages.outsideStorage(name, key));
			}
		}
		catch (final ArithmeticException e) {
			throw new AnimeGanException(PtMessages.outsideStorage(name, key), e);
		}
	}

	/** The running total of distinct storage bytes, refused beyond the cap. */
	private static long addBytes(final long total, final TorchStorage s, final String name)
		throws AnimeGanException
	{
		try {
			final long sum = Math.addExact(total, Math.multiplyExact(s.numel, (long) Float.BYTES));
			if (sum <= MAX_STORAGE_BYTES) return sum;
		}
		catch (final ArithmeticException e) {
			// As large as it gets.
		}
		throw new AnimeGanException(PtMessages.ptTooLarge(name));
	}

	/** Reads each storage a tensor needs, once, and copies the tensors out of them. */
	private static Map<String, TorchTensor> tensors(final ZipFile zip, final String prefix,
		final Map<String, RestrictedUnpickler.TensorRef> refs, final ByteOrder order,
		final String name, final Progress progress) throws IOException, AnimeGanException
	{
		for (final RestrictedUnpickler.TensorRef t : refs.values())
			storageEntry(zip, prefix, t.storage, name); // all present and long enough before any read
		final Map<String, FloatBuffer> storages = new HashMap<>();
		final Map<String, TorchTensor> out = new LinkedHashMap<>();
		for (final Map.Entry<String, RestrictedUnpickler.TensorRef> e : refs.entrySet()) {
			final RestrictedUnpickler.TensorRef t = e.getValue();
			FloatBuffer data = storages.get(t.storage.key);
			if (data == null) {
				if (progress.isCancelled()) throw new CancelledException();
				data = ByteBuffer.wrap(readStorage(zip, prefix, t.storage, name)).order(order)
					.asFloatBuffer();
				storages.put(t.storage.key, data);
			}
			// checkLayout bounded offset + n by numel, which the storage's bytes hold.
			final float[] values = new float[Math.toIntExact(elements(t.size))];
			data.position(Math.toIntExact(t.offset));
			data.get(values);
			out.put(e.getKey(), new TorchTensor(t.size, values));
		}
		return out;
	}

	private static long elements(final long[] shape) {
		long n = 1;
		for (final long d : shape)
			n = Math.multiplyExact(n, d);
		return n;
	}

	/** A storage's entry, refused when missing or shorter than declared. */
	private static ZipEntry storageEntry(final ZipFile zip, final String prefix,
		final TorchStorage s, final String name) throws AnimeGanException
	{
		final ZipEntry entry = zip.getEntry(prefix + "data/" + s.key);
		if (entry == null) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
		if (entry.getSize() >= 0 && entry.getSize() < s.numel * Float.BYTES) {
			throw new AnimeGanException(PtMessages.shortStorage(name, s.key));
		}
		return entry;
	}

	/** Exactly numel*4 bytes of a storage's entry, whatever its header says. */
	private static byte[] readStorage(final ZipFile zip, final String prefix,
		final TorchStorage s, final String name) throws IOException, AnimeGanException
	{
		final ZipEntry entry = storageEntry(zip, prefix, s, name);
		// check() capped numel*4 at MAX_STORAGE_BYTES.
		final int bytes = Math.toIntExact(s.numel * Float.BYTES);
		try (InputStream in = zip.getInputStream(entry)) {
			final byte[] data = in.readNBytes(bytes);
			if (data.length < bytes) throw new AnimeGanException(PtMessages.shortStorage(name, s.key));
			return data;
		}
	}

	/** Reads an entry, refusing more than {@code limit} bytes whatever the header says. */
	private static byte[] readBounded(final ZipFile zip, final ZipEntry entry, final long limit,
		final String name) throws IOException, AnimeGanException
	{
		try (InputStream in = zip.getInputStream(entry)) {
			final ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(entry
				.getSize(), 0), Math.min(limit, 1 << 20)));
			final byte[] buf = new byte[1 << 16];
			long read = 0;
			for (int r; (r = in.read(buf)) > 0;) {
				read += r;
				if (read > limit) throw new AnimeGanException(PtMessages.ptTooLarge(name));
				out.write(buf, 0, r);
			}
			return out.toByteArray();
		}
	}
}
