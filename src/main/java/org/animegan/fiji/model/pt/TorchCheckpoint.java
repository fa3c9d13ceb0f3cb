package org.animegan.fiji.model.pt;

import net.razorvine.pickle.PickleException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.animegan.fiji.engine.EngineMessages;

/**
 * Reads a PyTorch state_dict saved by {@code torch.save} (zip format: {@code <folder>/data.pkl} plus
 * one {@code <folder>/data/<key>} entry per storage) without Python and without running any code from
 * the file: the pickle goes through {@link RestrictedUnpickler}, entry names are checked for path
 * traversal, and sizes are bounded by what is actually read, not by what the headers claim.
 */
public final class TorchCheckpoint {

	/** More entries than this is not a generator checkpoint. */
	public static final int MAX_ENTRIES = 4096;
	/** Largest data.pkl accepted. */
	public static final long MAX_PICKLE_BYTES = 16L << 20;
	/** Largest total of storage bytes accepted (AnimeGANv2 generators are about 9 MB). */
	public static final long MAX_TOTAL_BYTES = 512L << 20;

	private TorchCheckpoint() {}

	/** The tensors by name, in file order. */
	public static Map<String, TorchTensor> read(final Path file) throws AnimeGanException {
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
			final Object root;
			try {
				root = RestrictedUnpickler.parse(pickle);
			}
			catch (final RestrictedUnpickler.RefusedException e) {
				throw new AnimeGanException(PtMessages.ptRefusedGlobal(name, e.getMessage()), e);
			}
			catch (final PickleException | ClassCastException | IllegalStateException e) {
				throw new AnimeGanException(PtMessages.ptNotCheckpoint(name), e);
			}
			final Map<?, ?> dict = RestrictedUnpickler.asMap(root);
			if (dict == null) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
			return tensors(zip, prefix, dict, byteOrder, name);
		}
		catch (final ZipException e) {
			throw new AnimeGanException(PtMessages.ptNotZip(name), e);
		}
		catch (final IOException e) {
			throw new AnimeGanException(EngineMessages.cannotLoadModel(file, e.getMessage()), e);
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

	private static Map<String, TorchTensor> tensors(final ZipFile zip, final String prefix,
		final Map<?, ?> dict, final ByteOrder order, final String name) throws IOException,
		AnimeGanException
	{
		final Map<String, ByteBuffer> storages = new HashMap<>();
		final Map<String, TorchTensor> out = new LinkedHashMap<>();
		long total = 0;
		for (final Map.Entry<?, ?> e : dict.entrySet()) {
			final String key = String.valueOf(e.getKey());
			if (!(e.getValue() instanceof RestrictedUnpickler.TensorRef)) {
				throw new AnimeGanException(PtMessages.ptNotTensor(name, key));
			}
			final RestrictedUnpickler.TensorRef t = (RestrictedUnpickler.TensorRef) e.getValue();
			if (!t.storage.dtype.equals("FloatStorage")) {
				throw new AnimeGanException(PtMessages.ptDtype(name, key, t.storage.dtype));
			}
			ByteBuffer data = storages.get(t.storage.key);
			if (data == null) {
				final ZipEntry entry = zip.getEntry(prefix + "data/" + t.storage.key);
				if (entry == null || t.storage.numel < 0) throw new AnimeGanException(PtMessages
					.ptNotCheckpoint(name));
				final long bytes = t.storage.numel * 4;
				if (total + bytes > MAX_TOTAL_BYTES) throw new AnimeGanException(PtMessages.ptTooLarge(
					name));
				data = ByteBuffer.wrap(readBounded(zip, entry, bytes, name)).order(order);
				if (data.capacity() < bytes) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
				total += bytes;
				storages.put(t.storage.key, data);
			}
			out.put(key, copy(t, data, key, name));
		}
		return out;
	}

	/** Copies a contiguous view out of its storage. */
	private static TorchTensor copy(final RestrictedUnpickler.TensorRef t, final ByteBuffer data,
		final String key, final String name) throws AnimeGanException
	{
		if (t.size.length != t.stride.length) throw new AnimeGanException(PtMessages.ptNotCheckpoint(
			name));
		long n = 1;
		long expected = 1;
		for (int d = t.size.length - 1; d >= 0; d--) {
			if (t.size[d] < 0) throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
			if (t.size[d] != 1 && t.stride[d] != expected) {
				throw new AnimeGanException(PtMessages.ptNotContiguous(name, key));
			}
			expected *= t.size[d];
			n *= t.size[d];
			if (n > Integer.MAX_VALUE) throw new AnimeGanException(PtMessages.ptTooLarge(name));
		}
		if (t.offset < 0 || (t.offset + n) * 4 > data.capacity()) {
			throw new AnimeGanException(PtMessages.ptNotCheckpoint(name));
		}
		final float[] values = new float[(int) n];
		for (int i = 0; i < n; i++)
			values[i] = data.getFloat((int) ((t.offset + i) * 4));
		return new TorchTensor(t.size, values);
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
