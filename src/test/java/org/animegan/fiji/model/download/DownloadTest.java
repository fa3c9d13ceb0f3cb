package org.animegan.fiji.model.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.CancelledException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.hostile.DownloadCases;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads against a local HTTP server on 127.0.0.1: good, truncated, wrong checksum, 404, cancelled. */
class DownloadTest {

	static final Path FIXTURES = Paths.get("src", "test", "resources", "fixtures");

	@TempDir
	Path models;

	private HttpServer server;
	private int port;
	private final AtomicInteger requests = new AtomicInteger();
	/** What the server answers: body, declared length (-1: the body's), status, delay per chunk. */
	private volatile byte[] body = new byte[0];
	private volatile long declared = -1;
	private volatile int status = 200;
	private volatile long chunkDelayMs;

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", this::serve);
		server.start();
		port = server.getAddress().getPort();
	}

	@AfterEach
	void stop() {
		if (server != null) server.stop(0);
	}

	private void serve(final HttpExchange x) throws IOException {
		requests.incrementAndGet();
		try {
			if (status != 200) {
				x.sendResponseHeaders(status, -1);
				return;
			}
			final byte[] b = body;
			final long length = declared >= 0 ? declared : b.length;
			x.sendResponseHeaders(200, length);
			try (OutputStream out = x.getResponseBody()) {
				for (int i = 0; i < b.length; i += 4096) {
					out.write(b, i, Math.min(4096, b.length - i));
					out.flush();
					if (chunkDelayMs > 0) Thread.sleep(chunkDelayMs);
				}
			}
		}
		catch (final IOException | InterruptedException e) {
			// The client went away (cancel): nothing to do.
		}
		finally {
			x.close();
		}
	}

	private String url(final String path) {
		return "http://127.0.0.1:" + port + path;
	}

	private ModelLibrary library(final String sha256) throws AnimeGanException {
		final String json = "{\"models\":[{\"id\":\"toy\",\"name\":\"Toy model\",\"family\":\"animegan2-tf\"," +
			"\"file\":\"toy.onnx\",\"urls\":[\"" + url("/toy.onnx") + "\"],\"verified\":false," +
			"\"sha256\":" + (sha256 == null ? "null" : "\"" + sha256 + "\"") +
			",\"licence\":\"test\",\"input_size\":\"512\",\"good_for\":\"scenes\"}]}";
		return new ModelLibrary(new ModelLocator(models), Catalog.read(new StringReader(json)),
			new Downloader(2000, 2000, 60_000, Downloader.DEFAULT_MAX_BYTES));
	}

	private static byte[] payload(final int n, final int seed) {
		final byte[] b = new byte[n];
		for (int i = 0; i < n; i++)
			b[i] = (byte) (i * 31 + seed);
		return b;
	}

	/** Files other than the model and its checksum record: must be none (no .part left). */
	private List<Path> leftovers() throws IOException {
		final List<Path> all = new ArrayList<>();
		try (Stream<Path> s = Files.walk(models)) {
			s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".part")).forEach(all::add);
		}
		return all;
	}

	@Test
	void goodFileIsVerifiedRecordedAndThenUsedOffline() throws Exception {
		body = payload(100_000, 1);
		final String sha = Checksums.hex(Checksums.sha256().digest(body));
		final RecordingProgress progress = new RecordingProgress();
		final Path file = library(sha).resolve("Toy model", "", progress).file();
		assertEquals(models.resolve("toy.onnx"), file);
		assertArrayEquals(body, Files.readAllBytes(file));
		assertEquals(sha, Checksums.recorded(file));
		assertTrue(progress.logs.stream().anyMatch(l -> l.contains("not confirmed by the upstream")),
			"an unverified address is pointed out: " + progress.logs);
		assertTrue(progress.maxFraction > 0.99, "progress reached the end");
		stop();
		server = null;
		assertEquals(file, library(sha).resolve("toy", "", Progress.NONE).file(), "offline from the cache");
		assertEquals(1, requests.get());
		assertTrue(leftovers().isEmpty());
	}

	@Test
	void truncatedDownloadLeavesNothingAndTheSecondRunExplains() throws Exception {
		body = payload(50_000, 2);
		declared = 100_000;
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(null).resolve(
			"toy", "", Progress.NONE));
		final Path target = models.resolve("toy.onnx");
		assertTrue(e.getMessage().contains(url("/toy.onnx")) && e.getMessage().contains(target
			.toString()), e.getMessage());
		assertFalse(Files.exists(target));
		assertTrue(leftovers().isEmpty());
		stop();
		server = null;
		final AnimeGanException offline = assertThrows(AnimeGanException.class, () -> library(null)
			.resolve("toy", "", Progress.NONE));
		assertTrue(offline.getMessage().contains(url("/toy.onnx")) && offline.getMessage().contains(
			target.toString()), offline.getMessage());
	}

	@Test
	void wrongChecksumIsRefused() throws Exception {
		body = payload(10_000, 3);
		final String wrong = Checksums.hex(Checksums.sha256().digest(new byte[] { 1 }));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(wrong).resolve(
			"toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains(wrong), e.getMessage());
		assertFalse(Files.exists(models.resolve("toy.onnx")));
		assertTrue(leftovers().isEmpty());
	}

	@Test
	void aLaterDownloadMustMatchTheFirstOnesChecksum() throws Exception {
		body = payload(10_000, 4);
		final Path file = library(null).resolve("toy", "", Progress.NONE).file();
		final String first = Checksums.recorded(file);
		Files.delete(file);
		body = payload(10_000, 5); // the server now sends something else
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(null).resolve(
			"toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains(first) && e.getMessage().contains(".sha256"), e.getMessage());
		assertFalse(Files.exists(file));
		assertTrue(leftovers().isEmpty());
	}

	@Test
	void notFoundNamesTheStatusTheUrlAndThePath() throws Exception {
		status = 404;
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(null).resolve(
			"toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("404") && e.getMessage().contains(url("/toy.onnx")) && e
			.getMessage().contains(models.resolve("toy.onnx").toString()), e.getMessage());
		assertTrue(leftovers().isEmpty());
	}

	@Test
	void slowDownloadIsCancelledPromptly() throws Exception {
		body = payload(400_000, 6);
		chunkDelayMs = 50; // 100 chunks: 5 s if not cancelled
		final RecordingProgress progress = new RecordingProgress();
		progress.cancelAfterBytes = 8192;
		final CancelledException e = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> assertThrows(
			CancelledException.class, () -> library(null).resolve("toy", "", progress)));
		assertTrue(e.getMessage().contains("cancelled") && e.getMessage().contains(models.resolve(
			"toy.onnx").toString()), e.getMessage());
		assertFalse(Files.exists(models.resolve("toy.onnx")));
		assertTrue(leftovers().isEmpty());
		chunkDelayMs = 0;
		assertTrue(Files.exists(library(null).resolve("toy", "", Progress.NONE).file()),
			"a second run completes");
	}

	@Test
	void urlModelsAreCachedAndCheckpointsConverted() throws Exception {
		body = Files.readAllBytes(FIXTURES.resolve("generator_v2.pt"));
		final String u = url("/weights/generator_v2.pt");
		final ModelLibrary lib = library(null);
		final Path onnx = lib.resolve(u, "", Progress.NONE).file();
		assertEquals(lib.cacheFor(u).resolveSibling("generator_v2.onnx"), onnx);
		assertTrue(Files.size(onnx) > 8_000_000);
		// The checkpoint, its record and the converted model: all readable as any new file is.
		DownloadCases.assertUsualPermissions(models);
		stop();
		server = null;
		assertEquals(onnx, lib.resolve(u, "", Progress.NONE).file(), "offline from the cache");
		assertEquals(1, requests.get());
		assertTrue(leftovers().isEmpty());
	}

	@Test
	void twoThreadsDownloadingTheSameModelMakeOneRequest() throws Exception {
		body = payload(200_000, 7);
		chunkDelayMs = 20; // about 1 s: the second asks while the first is still downloading
		final String sha = Checksums.hex(Checksums.sha256().digest(body));
		final ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			final CountDownLatch ready = new CountDownLatch(2);
			final List<Future<Path>> files = new ArrayList<>();
			for (int i = 0; i < 2; i++)
				files.add(pool.submit(() -> {
					// Two libraries, as two executors of one node would have.
					final ModelLibrary lib = library(sha);
					ready.countDown();
					ready.await();
					return lib.resolve("toy", "", Progress.NONE).file();
				}));
			for (final Future<Path> f : files)
				assertEquals(models.resolve("toy.onnx"), f.get(30, TimeUnit.SECONDS));
		}
		finally {
			pool.shutdownNow();
		}
		assertEquals(1, requests.get());
		assertArrayEquals(body, Files.readAllBytes(models.resolve("toy.onnx")));
		assertTrue(leftovers().isEmpty());
	}

	@Test
	void aDownloadWaitsForAnotherProcessesAndUsesItsFile() throws Exception {
		body = payload(50_000, 8);
		final Path lockFile = models.resolve(".toy.onnx.lock");
		final Process other = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin",
			"java").toString(), "-cp", System.getProperty("java.class.path"), LockHolder.class
				.getName(), lockFile.toString()).redirectErrorStream(true).start();
		final ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			final BufferedReader said = new BufferedReader(new InputStreamReader(other
				.getInputStream(), StandardCharsets.UTF_8));
			assertEquals("locked", said.readLine());
			final Future<Path> file = pool.submit(() -> library(null).resolve("toy", "", Progress.NONE)
				.file());
			Thread.sleep(1000);
			assertFalse(file.isDone(), "waits while the other process holds the lock");
			assertEquals(0, requests.get());
			// The other process completes its download, then lets go.
			Files.write(models.resolve("toy.onnx"), body);
			other.getOutputStream().close();
			assertEquals(models.resolve("toy.onnx"), file.get(30, TimeUnit.SECONDS));
			assertEquals(0, requests.get(), "the file was there once it was this download's turn");
		}
		finally {
			pool.shutdownNow();
			other.destroy();
			other.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Records logs and progress; can cancel once enough bytes went by. */
	static final class RecordingProgress implements Progress {

		final List<String> logs = new ArrayList<>();
		double maxFraction;
		long cancelAfterBytes = Long.MAX_VALUE;
		private long done;

		@Override
		public void progress(final long d, final long total) {
			if (total > 1) done = d;
			if (total > 0) maxFraction = Math.max(maxFraction, (double) d / total);
		}

		@Override
		public void log(final String message) {
			logs.add(message);
		}

		@Override
		public boolean isCancelled() {
			return done >= cancelAfterBytes;
		}
	}
}
