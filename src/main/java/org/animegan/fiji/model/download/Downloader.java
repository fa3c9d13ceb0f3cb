package org.animegan.fiji.model.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;

/**
 * Downloads one model file, headless. The bytes go to a temporary {@code .part} file in the target
 * folder; only a complete file that matches what is {@link Expected expected} of it (size, git blob
 * id, SHA-256, or the SHA-256 recorded at the first download) is moved into place, atomically.
 * Whatever happens, no partial file is left at the target.
 * <p>
 * Limits, so that a hostile or broken server cannot fill the disk or hang the run: at most the
 * catalog's size, else {@value #DEFAULT_MAX_BYTES} bytes; stopped when fewer than
 * {@value #STALL_MIN_BYTES} bytes arrive in {@value #STALL_WINDOW_MS} ms, or after
 * {@value #DEADLINE_MS} ms in all; at most {@value #MAX_REDIRECTS} redirects, followed by hand
 * (Java's own redirects do not go from http to https), and never from https down to http.
 */
public final class Downloader {

	public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
	/** A generator is about 9 MB; this leaves room for larger custom models. */
	public static final long DEFAULT_MAX_BYTES = 200_000_000L;
	/**
	 * A download is stalled when fewer than {@link #STALL_MIN_BYTES} arrive in this time: a server
	 * that trickles a byte now and then never trips a plain read timeout.
	 */
	public static final long STALL_WINDOW_MS = 10_000;
	public static final int STALL_MIN_BYTES = 1024;
	/** The whole download, redirects included. */
	public static final long DEADLINE_MS = 10 * 60_000;
	public static final int MAX_REDIRECTS = 5;

	/** How often a download waiting for another one's lock looks again (and for a cancel). */
	private static final long LOCK_POLL_MS = 100;
	private static final ConcurrentHashMap<Path, ReentrantLock> TURNS = new ConcurrentHashMap<>();

	private final int connectTimeoutMs;
	private final long stallWindowMs;
	private final long deadlineMs;
	private final long defaultMaxBytes;

	public Downloader() {
		this(DEFAULT_CONNECT_TIMEOUT_MS, STALL_WINDOW_MS, DEADLINE_MS, DEFAULT_MAX_BYTES);
	}

	/** Shorter limits, for tests. */
	Downloader(final int connectTimeoutMs, final long stallWindowMs, final long deadlineMs,
		final long defaultMaxBytes)
	{
		this.connectTimeoutMs = connectTimeoutMs;
		this.stallWindowMs = stallWindowMs;
		this.deadlineMs = deadlineMs;
		this.defaultMaxBytes = defaultMaxBytes;
	}

	/**
	 * Fetches {@code url} to {@code target}.
	 *
	 * @param expected what the file must be; {@link Expected#NOTHING} to trust the first download
	 * @param name what the progress messages call the file
	 * @throws CancelledException if the progress reports a cancel (nothing is saved)
	 * @throws AnimeGanException naming the URL and the exact path to put the file at
	 */
	public void download(final String url, final Path target, final Expected expected,
		final String name, final Progress progress) throws AnimeGanException
	{
		final Path folder = target.toAbsolutePath().getParent();
		Path part = null;
		try {
			Files.createDirectories(folder);
			part = newPart(folder, target.getFileName().toString());
			part.toFile().deleteOnExit(); // Ctrl-C on the command line leaves nothing behind either
			final String sha = fetch(url, part, name, progress, target, expected.cap(defaultMaxBytes));
			check(url, part, target, expected, sha);
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
			if (recorded == null && !expected.pinned()) progress.log(DownloadMessages.notConfirmed(name,
				sha));
		}
		catch (final IOException e) {
			throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages.reason(e)),
				e);
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

	/**
	 * As {@link #download}, unless the target is there once it is this call's turn: one download of
	 * a target at a time, among the threads of this JVM and among processes (Spark executors of one
	 * node, two Fiji instances) sharing the models folder, through a lock on
	 * {@code .<name>.lock} beside it. Whoever waited finds the file and uses it.
	 *
	 * @return true if this call downloaded the file, false if it found it there
	 */
	public boolean downloadOnce(final String url, final Path target, final Expected expected,
		final String name, final Progress progress) throws AnimeGanException
	{
		final Path abs = target.toAbsolutePath();
		// A JVM holds a file's lock for all its threads: they take turns on this one first.
		final ReentrantLock turn = TURNS.computeIfAbsent(abs, k -> new ReentrantLock());
		try {
			while (!turn.tryLock(LOCK_POLL_MS, TimeUnit.MILLISECONDS))
				cancelWhileWaiting(url, target, progress);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancelledException(DownloadMessages.downloadCancelled(url, target));
		}
		try {
			Files.createDirectories(abs.getParent());
			try (FileChannel ch = FileChannel.open(abs.resolveSibling("." + abs.getFileName() +
				".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = lock(ch, url, target, progress))
			{
				if (Files.isRegularFile(abs)) return false;
				download(url, target, expected, name, progress);
				return true;
			}
		}
		catch (final IOException e) {
			throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages
				.reason(e)), e);
		}
		finally {
			turn.unlock();
		}
	}

	/** The lock file's lock, waited for as long as the other process downloads, or a cancel. */
	private static FileLock lock(final FileChannel ch, final String url, final Path target,
		final Progress progress) throws IOException, AnimeGanException
	{
		for (;;) {
			final FileLock lock = ch.tryLock();
			if (lock != null) return lock;
			cancelWhileWaiting(url, target, progress);
			try {
				Thread.sleep(LOCK_POLL_MS);
			}
			catch (final InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new CancelledException(DownloadMessages.downloadCancelled(url, target));
			}
		}
	}

	private static void cancelWhileWaiting(final String url, final Path target,
		final Progress progress) throws CancelledException
	{
		if (progress.isCancelled()) throw new CancelledException(DownloadMessages.downloadCancelled(
			url, target));
	}

	/** The size and checksums of a complete download against what is expected. */
	private static void check(final String url, final Path part, final Path target,
		final Expected expected, final String sha) throws IOException, AnimeGanException
	{
		final long size = Files.size(part);
		if (expected.size() != null && size != expected.size()) throw new AnimeGanException(
			DownloadMessages.sizeMismatch(url, size, expected.size(), target));
		if (expected.gitBlob() != null) {
			final String blob = Checksums.gitBlob(part);
			if (!expected.gitBlob().equalsIgnoreCase(blob)) throw new AnimeGanException(DownloadMessages
				.pinMismatch(url, blob, expected.gitBlob().toLowerCase(Locale.ROOT), target));
		}
		if (expected.sha256() != null && !expected.sha256().equalsIgnoreCase(sha)) {
			throw new AnimeGanException(DownloadMessages.checksumMismatch(url, sha, expected.sha256()
				.toLowerCase(Locale.ROOT), target));
		}
	}

	/**
	 * A new, empty {@code <name>.<random>.part} file in {@code folder}, for a file that is moved into
	 * place once complete (downloads, converted checkpoints). Created plainly (not with
	 * {@link Files#createTempFile}, which makes it 0600) so that the user's umask applies and others
	 * can read the model as they can the rest of a shared models folder.
	 */
	public static Path newPart(final Path folder, final String name) throws IOException {
		for (int tries = 0;; tries++) {
			final Path part = folder.resolve(name + "." + Long.toHexString(ThreadLocalRandom.current()
				.nextLong() >>> 16) + ".part");
			try {
				return Files.createFile(part);
			}
			catch (final FileAlreadyExistsException e) {
				if (tries >= 9) throw e;
			}
		}
	}

	/** Streams the body into {@code part}, following redirects; returns its SHA-256. */
	private String fetch(final String url, final Path part, final String name,
		final Progress progress, final Path target, final long cap) throws IOException,
		AnimeGanException
	{
		URI current;
		try {
			current = checked(new URI(url));
		}
		catch (final URISyntaxException | IllegalArgumentException e) {
			throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages
				.notAnAddress()), e);
		}
		// HttpClient rather than HttpURLConnection: closing its body stream from the watchdog ends a
		// blocked read, where HttpURLConnection waits for the read to return first.
		final HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(
			connectTimeoutMs)).followRedirects(HttpClient.Redirect.NEVER).version(
				HttpClient.Version.HTTP_1_1);
		// The proxy settings (Fiji's Edit > Options > Proxy) that HttpURLConnection used by itself.
		if (ProxySelector.getDefault() != null) builder.proxy(ProxySelector.getDefault());
		if (Authenticator.getDefault() != null) builder.authenticator(Authenticator.getDefault());
		final HttpClient client = builder.build();
		try (Watchdog dog = new Watchdog(url, target, stallWindowMs, deadlineMs)) {
			for (int hop = 0;; hop++) {
				if (hop == 0 && !isHttps(current)) progress.log(DownloadMessages.plainHttp(url));
				final HttpRequest request;
				try {
					request = HttpRequest.newBuilder(current).timeout(Duration.ofMillis(stallWindowMs))
						.header("User-Agent", "AnimeGAN-for-Fiji").GET().build();
				}
				catch (final IllegalArgumentException e) {
					throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages
						.notAnAddress()), e);
				}
				final CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request,
					BodyHandlers.ofInputStream());
				dog.watch(() -> pending.cancel(true));
				final HttpResponse<InputStream> response = dog.check(() -> await(pending));
				try (InputStream in = response.body()) {
					dog.watch(() -> closeQuietly(in));
					final int status = response.statusCode();
					if (isRedirect(status)) {
						if (hop == MAX_REDIRECTS) throw new AnimeGanException(DownloadMessages.downloadFailed(url,
							target, DownloadMessages.tooManyRedirects(MAX_REDIRECTS)));
						current = redirect(current, response.headers().firstValue("Location").orElse(null),
							url, target);
						continue;
					}
					if (status != 200) throw new AnimeGanException(DownloadMessages.downloadFailed(url, target,
						DownloadMessages.httpStatus(status)));
					return body(in, declaredLength(response), dog, url, part, name, progress, target, cap);
				}
			}
		}
	}

	/** The Content-Length, or -1 if none (or not a number: the body's end then tells). */
	private static long declaredLength(final HttpResponse<?> response) {
		try {
			return response.headers().firstValueAsLong("Content-Length").orElse(-1);
		}
		catch (final NumberFormatException e) {
			return -1;
		}
	}

	private static <T> T await(final CompletableFuture<T> pending) throws IOException {
		try {
			return pending.get();
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof IOException) throw (IOException) e.getCause();
			throw new IOException(e.getCause() == null ? null : e.getCause().getMessage(), e);
		}
		catch (final CancellationException e) {
			throw new IOException("cancelled", e); // by the watchdog, which says why
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			pending.cancel(true);
			throw new IOException("interrupted", e);
		}
	}

	private static void closeQuietly(final InputStream in) {
		try {
			in.close();
		}
		catch (final IOException ignored) {
			// Stopping anyway.
		}
	}

	private static String body(final InputStream in, final long total, final Watchdog dog,
		final String url, final Path part, final String name, final Progress progress,
		final Path target, final long cap) throws IOException, AnimeGanException
	{
		if (total > cap) throw new AnimeGanException(DownloadMessages.downloadFailed(url, target,
			DownloadMessages.tooLarge(total, cap)));
		final MessageDigest md = Checksums.sha256();
		long done = 0;
		long shown = -1;
		try (OutputStream out = Files.newOutputStream(part)) {
			final byte[] buf = new byte[1 << 16];
			while (true) {
				if (progress.isCancelled()) throw new CancelledException(DownloadMessages.downloadCancelled(url,
					target));
				final long sofar = done;
				final int r = dog.check(() -> {
					try {
						return in.read(buf);
					}
					catch (final IOException e) {
						if (total > 0 && sofar < total) throw new AnimeGanException(DownloadMessages.downloadFailed(url,
							target, DownloadMessages.truncated(sofar, total)), e);
						throw e;
					}
				});
				if (r < 0) break;
				if (done + r > cap) throw new AnimeGanException(DownloadMessages.downloadFailed(url, target,
					DownloadMessages.cutAtCap(cap)));
				out.write(buf, 0, r);
				md.update(buf, 0, r);
				done += r;
				dog.received(r);
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

	static boolean isRedirect(final int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private static boolean isHttps(final URI u) {
		return "https".equalsIgnoreCase(u.getScheme());
	}

	/** An absolute http or https address with a host, or an IllegalArgumentException. */
	private static URI checked(final URI u) {
		final String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null) {
			throw new IllegalArgumentException(u.toString());
		}
		return u;
	}

	/**
	 * Where a redirect from {@code from} to {@code location} (absolute or relative) leads: only http
	 * or https, and never from https down to plain http.
	 *
	 * @throws AnimeGanException if the redirect is refused
	 */
	static URI redirect(final URI from, final String location, final String url,
		final Path target) throws AnimeGanException
	{
		final URI next;
		try {
			if (location == null || location.isBlank()) throw new IllegalArgumentException();
			next = checked(from.resolve(new URI(location.trim())));
		}
		catch (final URISyntaxException | IllegalArgumentException e) {
			throw new AnimeGanException(DownloadMessages.downloadFailed(url, target, DownloadMessages.badRedirect(
				String.valueOf(location))), e);
		}
		if (isHttps(from) && !isHttps(next)) throw new AnimeGanException(DownloadMessages.downloadFailed(url,
			target, DownloadMessages.downgrade(next.toString())));
		return next;
	}
}
