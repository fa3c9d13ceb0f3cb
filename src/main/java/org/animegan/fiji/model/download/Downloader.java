package org.animegan.fiji.model.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.Locale;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;

/**
 * Downloads one model file, headless. The bytes go to a temporary {@code .part} file in the target
 * folder; only a complete file whose SHA-256 matches (the catalog's, or the one recorded at the first
 * download) is moved into place, atomically. Whatever happens, no partial file is left at the target.
 */
public final class Downloader {

	public static final int DEFAULT_CONNECT_TIMEOUT_MS = 15_000;
	public static final int DEFAULT_READ_TIMEOUT_MS = 30_000;

	private final int connectTimeoutMs;
	private final int readTimeoutMs;

	public Downloader() {
		this(DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS);
	}

	public Downloader(final int connectTimeoutMs, final int readTimeoutMs) {
		this.connectTimeoutMs = connectTimeoutMs;
		this.readTimeoutMs = readTimeoutMs;
	}

	/**
	 * Fetches {@code url} to {@code target}.
	 *
	 * @param expectedSha256 lower-case hex, or null to trust-on-first-download
	 * @param name what the progress messages call the file
	 * @throws CancelledException if the progress reports a cancel (nothing is saved)
	 * @throws AnimeGanException naming the URL and the exact path to put the file at
	 */
	public void download(final String url, final Path target, final String expectedSha256,
		final String name, final Progress progress) throws AnimeGanException
	{
		final Path folder = target.toAbsolutePath().getParent();
		Path part = null;
		try {
			Files.createDirectories(folder);
			part = Files.createTempFile(folder, target.getFileName().toString() + ".", ".part");
			part.toFile().deleteOnExit(); // Ctrl-C on the command line leaves nothing behind either
			final String sha = fetch(url, part, name, progress, target);
			if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
				throw new AnimeGanException(DownloadMessages.checksumMismatch(url, sha, expectedSha256
					.toLowerCase(Locale.ROOT), target));
			}
			final String recorded = Checksums.recorded(target);
			if (recorded != null && !recorded.equals(sha)) {
				throw new AnimeGanException(DownloadMessages.checksumChanged(url, sha, recorded, target));
			}
			try {
				Files.move(part, target, StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			}
			catch (final AtomicMoveNotSupportedException e) {
				Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
			}
			if (recorded == null) Checksums.record(target, sha);
			progress.log(DownloadMessages.downloaded(name, target, sha));
		}
		catch (final IOException e) {
			throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, e.toString()), e);
		}
		finally {
			progress.progress(1, 1);
			if (part != null) {
				try {
					Files.deleteIfExists(part);
				}
				catch (final IOException ignored) {
					// deleteOnExit is the fallback; a .part file is never taken for a model.
				}
			}
		}
	}

	/** Streams the body into {@code part}; returns its SHA-256. */
	private String fetch(final String url, final Path part, final String name,
		final Progress progress, final Path target) throws IOException, AnimeGanException
	{
		final HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
		try {
			c.setConnectTimeout(connectTimeoutMs);
			c.setReadTimeout(readTimeoutMs);
			c.setInstanceFollowRedirects(true);
			c.setRequestProperty("User-Agent", "AnimeGAN-for-Fiji");
			final int status = c.getResponseCode();
			if (status != HttpURLConnection.HTTP_OK) {
				throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages.httpStatus(
					status)));
			}
			final long total = c.getContentLengthLong();
			final MessageDigest md = Checksums.sha256();
			long done = 0;
			long shown = -1;
			try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
				final byte[] buf = new byte[1 << 16];
				while (true) {
					if (progress.isCancelled()) throw new CancelledException(DownloadMessages.downloadCancelled(
						url, target));
					final int r;
					try {
						r = in.read(buf);
					}
					catch (final IOException e) {
						if (total > 0 && done < total) throw new AnimeGanException(DownloadMessages.downloadFailed(url,
							target, DownloadMessages.truncated(done, total)), e);
						throw e;
					}
					if (r < 0) break;
					out.write(buf, 0, r);
					md.update(buf, 0, r);
					done += r;
					final long step = total > 0 ? done * 100 / total : done >> 20;
					if (step != shown) {
						shown = step;
						progress.status(DownloadMessages.downloadProgress(name, done, total));
						if (total > 0) progress.progress(done, total);
					}
				}
			}
			if (total >= 0 && done != total) {
				throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages.truncated(done,
					total)));
			}
			return Checksums.hex(md.digest());
		}
		finally {
			c.disconnect();
		}
	}
}
