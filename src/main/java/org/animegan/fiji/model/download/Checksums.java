package org.animegan.fiji.model.download;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.List;
import java.util.Arrays;
import java.nio.file.attribute.BasicFileAttributes;

import org.animegan.fiji.api.AnimeGanException;

/**
 * SHA-256 and git blob id helpers, and the record of a file's first-seen checksum: a sidecar
 * {@code <file>.sha256} holding the hex digest, kept even if the model file is deleted so a
 * re-download must match.
 */
public final class Checksums {

	private Checksums() {}

	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}

	static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-1", e);
		}
	}

	public static String hex(final byte[] digest) {
		final StringBuilder sb = new StringBuilder(digest.length * 2);
		for (final byte b : digest)
			sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
		return sb.toString();
	}

	public static String of(final Path file) throws IOException {
		final MessageDigest md = sha256();
		read(file, md);
		return hex(md.digest());
	}

	/**
	 * The file's git blob id, as {@code git hash-object} gives it: the SHA-1 of
	 * {@code "blob <size>\0"} followed by the content.
	 */
	public static String gitBlob(final Path file) throws IOException {
		final MessageDigest md = gitBlobDigest(file);
		read(file, md);
		return hex(md.digest());
	}

	private static MessageDigest gitBlobDigest(final Path file) throws IOException {
		final MessageDigest md = sha1();
		md.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
		return md;
	}

	/** Reads the file once into every digest given (nulls are skipped). */
	private static void read(final Path file, final MessageDigest... digests) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			final byte[] buf = new byte[1 << 16];
			for (int r; (r = in.read(buf)) > 0;)
				for (final MessageDigest md : digests)
					if (md != null) md.update(buf, 0, r);
		}
	}

	/**
	 * Checks a model file about to be used against its recorded SHA-256 and what is expected of it,
	 * so that a file changed since its download is never used silently. The pin is checked too when
	 * a record exists, as the record may predate the pin.
	 *
	 * @throws AnimeGanException if it does not match
	 */
	public static void verifyCached(final Path file, final Expected expected)
		throws AnimeGanException
	{
		// A macro loop resolves the model once per image: a file whose state has not changed since it
		// was checked is not read and hashed again (inode change time included where the system has it,
		// so a rewrite that restores the modification time still counts as a change).
		final List<Object> state = state(file, expected);
		if (state != null && VERIFIED.contains(state)) return;
		check(file, expected);
		if (state != null) VERIFIED.add(state);
	}

	/** Files found matching, by state: path, size, times, file key, record and what was expected. */
	private static final Set<List<Object>> VERIFIED = ConcurrentHashMap.newKeySet();

	private static List<Object> state(final Path file, final Expected expected) {
		try {
			final Path real = file.toRealPath();
			final BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
			Object changed = null;
			try {
				changed = Files.getAttribute(real, "unix:ctime");
			}
			catch (final UnsupportedOperationException | IllegalArgumentException e) {
				// No inode change time here (Windows): size, modification time and file key remain.
			}
			return Arrays.asList(real, a.size(), a.lastModifiedTime(), a.fileKey(), changed, recorded(
				file), expected.size(), expected.sha256(), expected.gitBlob());
		}
		catch (final IOException | RuntimeException e) {
			return null; // checked every time then
		}
	}

	private static void check(final Path file, final Expected expected) throws AnimeGanException {
		try {
			final String recorded = recorded(file);
			final MessageDigest sha = recorded != null || expected.sha256() != null ? sha256() : null;
			final MessageDigest blob = expected.gitBlob() != null ? gitBlobDigest(file) : null;
			if (sha == null && blob == null) return;
			read(file, sha, blob);
			final String sha256 = sha == null ? null : hex(sha.digest());
			if (recorded != null && !recorded.equals(sha256)) throw new AnimeGanException(
				DownloadMessages.cachedChanged(file, "SHA-256 recorded in " + sidecar(file) + " (" +
					recorded + ")"));
			if (expected.sha256() != null && !expected.sha256().equalsIgnoreCase(sha256)) {
				throw new AnimeGanException(DownloadMessages.cachedChanged(file, "expected SHA-256 " +
					expected.sha256()));
			}
			if (blob != null && !expected.gitBlob().equalsIgnoreCase(hex(blob.digest()))) {
				throw new AnimeGanException(DownloadMessages.cachedChanged(file, "pinned git blob id " +
					expected.gitBlob()));
			}
		}
		catch (final IOException e) {
			throw new AnimeGanException(DownloadMessages.unreadable(file, DownloadMessages.reason(e)), e);
		}
	}

	public static Path sidecar(final Path file) {
		return file.resolveSibling(file.getFileName() + ".sha256");
	}

	/** The recorded checksum of a file, or null if none was recorded. */
	public static String recorded(final Path file) throws IOException {
		final Path s = sidecar(file);
		if (!Files.isRegularFile(s)) return null;
		final String text = new String(Files.readAllBytes(s), StandardCharsets.US_ASCII).trim();
		final int space = text.indexOf(' ');
		return (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
	}

	/** Records a checksum in sha256sum's format ({@code <hex>  <name>}). */
	public static void record(final Path file, final String sha256) throws IOException {
		Files.write(sidecar(file), (sha256 + "  " + file.getFileName() + "\n").getBytes(
			StandardCharsets.US_ASCII));
	}
}
