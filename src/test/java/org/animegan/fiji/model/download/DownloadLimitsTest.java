package org.animegan.fiji.model.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.hostile.DownloadCases.LocalServer;
import org.animegan.fiji.hostile.DownloadCases;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.download.DownloadTest.RecordingProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits and checks that keep a hostile server or a changed file from reaching the user: size
 * cap, stall and deadline, redirects, plain http, file names, permissions, git blob pins and the
 * check of cached files.
 */
class DownloadLimitsTest {

	@TempDir
	Path models;

	private static final Path T = Paths.get("models", "m.onnx");

	private LocalServer server;

	@BeforeEach
	void start() throws IOException {
		server = LocalServer.http();
	}

	@AfterEach
	void stop() throws InterruptedException {
		server.close();
	}

	/** Short limits: 1 s stall window, 3 s deadline, 1 MB cap. */
	private static Downloader quick() {
		return new Downloader(2000, 1000, 3000, 1_000_000);
	}

	private ModelLibrary library(final Downloader d, final String entry) throws AnimeGanException {
		final String json = entry == null ? "{\"models\":[]}" : "{\"models\":[" + entry + "]}";
		return new ModelLibrary(new ModelLocator(models), Catalog.read(new StringReader(json)), d);
	}

	/** A catalog entry "toy" downloading {@code /toy.onnx}, with optional size and pins. */
	private String toy(final Long size, final String sha256, final String gitBlob) {
		return "{\"id\":\"toy\",\"name\":\"Toy\",\"family\":\"animegan2-pt\",\"file\":\"toy.onnx\"," +
			"\"urls\":[\"" + server.url("/toy.onnx") + "\"],\"verified\":true,\"size\":" + size +
			",\"sha256\":" + quoted(sha256) + ",\"git_blob\":" + quoted(gitBlob) +
			",\"licence\":\"test\",\"input_size\":\"512\",\"good_for\":\"scenes\"}";
	}

	private static String quoted(final String s) {
		return s == null ? "null" : "\"" + s + "\"";
	}

	private static byte[] payload(final int n) {
		final byte[] b = new byte[n];
		for (int i = 0; i < n; i++)
			b[i] = (byte) (i * 7 + 3);
		return b;
	}

	private AtomicInteger serve(final String path, final byte[] body) {
		final AtomicInteger requests = new AtomicInteger();
		server.route(path, x -> {
			requests.incrementAndGet();
			x.sendResponseHeaders(200, body.length);
			try (OutputStream out = x.getResponseBody()) {
				out.write(body);
			}
		});
		return requests;
	}

	private List<Path> stored() throws IOException {
		try (Stream<Path> s = Files.walk(models)) {
			// The empty lock file stays on purpose: deleting it would let a third process lock a new
			// file while a second still waits on the old one.
			return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(
				".lock")).collect(Collectors.toList());
		}
	}

	private static String blobOf(final byte[] content) {
		final java.security.MessageDigest md = Checksums.sha1();
		md.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
		return Checksums.hex(md.digest(content));
	}

	// -- git blob ids --

	@Test
	void gitBlobIdIsWhatGitHashObjectGives(@TempDir final Path tmp) throws Exception {
		final Path hello = Files.write(tmp.resolve("hello"), "hello\n".getBytes(StandardCharsets.US_ASCII));
		assertEquals("ce013625030ba8dba906f756967f9e9ca394464a", Checksums.gitBlob(hello));
		final Path empty = Files.write(tmp.resolve("empty"), new byte[0]);
		assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", Checksums.gitBlob(empty));
	}

	@Test
	void aPinnedDownloadIsKeptAndNotCalledTrustOnFirstUse() throws Exception {
		final byte[] body = payload(50_000);
		serve("/toy.onnx", body);
		final RecordingProgress progress = new RecordingProgress();
		final Path file = library(quick(), toy((long) body.length, null, blobOf(body))).resolve("toy",
			"", progress).file();
		assertArrayEquals(body, Files.readAllBytes(file));
		assertTrue(progress.logs.stream().noneMatch(l -> l.contains("No checksum is known")), progress.logs
			.toString());
	}

	@Test
	void aDownloadThatMissesItsPinIsRefused() throws Exception {
		serve("/toy.onnx", payload(50_000));
		final String wrong = blobOf(payload(49_999));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			null, null, wrong)).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("instead of the pinned " + wrong), e.getMessage());
		assertTrue(stored().isEmpty(), stored().toString());
	}

	@Test
	void anUnpinnedDownloadSaysItIsTrustedOnFirstUse() throws Exception {
		final byte[] body = payload(20_000);
		serve("/toy.onnx", body);
		final RecordingProgress progress = new RecordingProgress();
		library(quick(), toy(null, null, null)).resolve("toy", "", progress);
		final String sha = Checksums.hex(Checksums.sha256().digest(body));
		assertEquals(1, progress.logs.stream().filter(l -> l.contains("No checksum is known for Toy") &&
			l.contains(sha)).count(), progress.logs.toString());
	}

	@Test
	void theCatalogPinsTheFourVerifiedFiles() throws Exception {
		assertEquals("3b7ea61b02254980831cc3bc77af30666dbc999c", Catalog.standard().find(
			"celeba_distill").get().gitBlob());
		assertEquals("19c1a1da4d9580186109a2b055d91044e5127de6", Catalog.standard().find(
			"face_paint_512_v1").get().gitBlob());
		assertEquals("d75102f8f201ddaf8dbe6b913b1a97585b55f838", Catalog.standard().find(
			"face_paint_512_v2").get().gitBlob());
		assertEquals("58086c9db9fc7a9e5c2876ca31b8079599352643", Catalog.standard().find("paprika")
			.get().gitBlob());
	}

	// -- cached files --

	@Test
	void aCachedFileThatNoLongerMatchesItsRecordIsNotUsed() throws Exception {
		final AtomicInteger requests = serve("/toy.onnx", payload(20_000));
		final Path file = library(quick(), toy(null, null, null)).resolve("toy", "", Progress.NONE)
			.file();
		final byte[] changed = payload(20_000);
		changed[123] ^= 1;
		Files.write(file, changed);
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			null, null, null)).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("no longer matches the SHA-256 recorded in " + file +
			".sha256") && e.getMessage().contains("delete it"), e.getMessage());
		assertEquals(1, requests.get(), "not downloaded again behind the user's back");
		assertArrayEquals(changed, Files.readAllBytes(file));
	}

	/** Checked files are remembered by state; a rewrite that restores the old time is still a change. */
	@Test
	void aRewriteThatKeepsSizeAndTimeIsStillCaught() throws Exception {
		serve("/toy.onnx", payload(20_000));
		final Path file = library(quick(), toy(null, null, null)).resolve("toy", "", Progress.NONE)
			.file();
		library(quick(), toy(null, null, null)).resolve("toy", "", Progress.NONE); // unchanged: fine
		final FileTime time = Files.getLastModifiedTime(file);
		final byte[] changed = payload(20_000);
		changed[7] ^= 1;
		Thread.sleep(20); // a later inode change time
		Files.write(file, changed);
		Files.setLastModifiedTime(file, time);
		assertThrows(AnimeGanException.class, () -> library(quick(), toy(null, null, null)).resolve(
			"toy", "", Progress.NONE));
	}

	@Test
	void aCachedUrlModelThatChangedIsNotUsed() throws Exception {
		serve("/m.onnx", payload(20_000));
		final ModelLibrary lib = library(quick(), null);
		final String url = server.url("/m.onnx");
		final Path file = lib.cacheFor(url);
		assertEquals(file, lib.resolve(url, "", Progress.NONE).file());
		Files.write(file, payload(20_001));
		assertThrows(AnimeGanException.class, () -> lib.resolve(url, "", Progress.NONE));
		// Pointing at the file directly does not get around the record either.
		assertThrows(AnimeGanException.class, () -> lib.resolve(file.toString(), "", Progress.NONE));
	}

	@Test
	void aFileSavedByHandMustMatchThePin() throws Exception {
		final byte[] body = payload(30_000);
		Files.write(models.resolve("toy.onnx"), payload(30_001));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			null, null, blobOf(body))).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("pinned git blob id " + blobOf(body)), e.getMessage());
		Files.write(models.resolve("toy.onnx"), body);
		assertEquals(models.resolve("toy.onnx"), library(quick(), toy(null, null, blobOf(body)))
			.resolve("toy", "", Progress.NONE).file());
	}

	@Test
	void aRecordThatPredatesThePinDoesNotSpareThePinCheck() throws Exception {
		final byte[] other = payload(30_001);
		final Path file = Files.write(models.resolve("toy.onnx"), other);
		Checksums.record(file, Checksums.of(file)); // trusted on first use by an earlier version
		final String pin = blobOf(payload(30_000));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			null, null, pin)).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("pinned git blob id " + pin), e.getMessage());
	}

	@Test
	void aHelperModelIsCheckedAtEveryUseToo() throws Exception {
		final byte[] body = payload(40_000);
		final AtomicInteger requests = serve("/helper.onnx", body);
		final Expected expected = new Expected((long) body.length, Checksums.hex(Checksums.sha256()
			.digest(body)), null);
		final ModelLibrary lib = library(quick(), null);
		final Path file = lib.auxiliary("Helper", "helper.onnx", server.url("/helper.onnx"), expected,
			Progress.NONE);
		assertEquals(file, lib.auxiliary("Helper", "helper.onnx", server.url("/helper.onnx"), expected,
			Progress.NONE));
		Files.write(file, payload(40_000 - 1));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> lib.auxiliary("Helper",
			"helper.onnx", server.url("/helper.onnx"), expected, Progress.NONE));
		assertTrue(e.getMessage().contains("no longer matches"), e.getMessage());
		assertEquals(1, requests.get());
	}

	// -- size cap, stall, deadline --

	@Test
	void anEndlessBodyIsCutAtTheCapAndNothingIsKept() throws Exception {
		server.route("/toy.onnx", x -> {
			x.sendResponseHeaders(200, 0);
			try (OutputStream out = x.getResponseBody()) {
				while (true)
					out.write(new byte[8192]);
			}
		});
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			null, null, null)).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("stopped at the limit of 1.0 MB"), e.getMessage());
		assertTrue(stored().isEmpty(), stored().toString());
	}

	@Test
	void theCatalogSizeIsTheCap() throws Exception {
		serve("/toy.onnx", payload(5000));
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			4000L, null, null)).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("announced 5000 bytes, more than the limit of 4000 bytes"), e
			.getMessage());
		assertTrue(stored().isEmpty());
		final AnimeGanException shorter = assertThrows(AnimeGanException.class, () -> library(quick(),
			toy(6000L, null, null)).resolve("toy", "", Progress.NONE));
		assertTrue(shorter.getMessage().contains("5000 bytes instead of 6000"), shorter.getMessage());
		assertTrue(stored().isEmpty());
	}

	@Test
	void aContentLengthOverTheCapIsRefusedBeforeTheBody() throws Exception {
		server.route("/toy.onnx", x -> {
			x.sendResponseHeaders(200, 5_000_000);
			try (OutputStream out = x.getResponseBody()) {
				out.write(new byte[100]);
				out.flush();
				Thread.sleep(20_000);
			}
		});
		final AnimeGanException e = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(
			AnimeGanException.class, () -> library(quick(), toy(null, null, null)).resolve("toy", "",
				Progress.NONE)));
		assertTrue(e.getMessage().contains("announced 5.0 MB, more than the limit of 1.0 MB"), e
			.getMessage());
		assertTrue(stored().isEmpty());
	}

	@Test
	void aTricklingServerIsStoppedAsStalled() throws Exception {
		server.route("/toy.onnx", x -> {
			x.sendResponseHeaders(200, 100_000);
			try (OutputStream out = x.getResponseBody()) {
				while (true) {
					out.write(1);
					out.flush();
					Thread.sleep(300); // never silent long enough for a read timeout
				}
			}
		});
		final AnimeGanException e = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(
			AnimeGanException.class, () -> library(quick(), toy(null, null, null)).resolve("toy", "",
				Progress.NONE)));
		assertTrue(e.getMessage().contains("fewer than 1024 bytes arrived in 1 s"), e.getMessage());
		assertTrue(stored().isEmpty());
	}

	@Test
	void aServerThatFallsSilentMidBodyIsStopped() throws Exception {
		server.route("/toy.onnx", x -> {
			x.sendResponseHeaders(200, 100_000);
			try (OutputStream out = x.getResponseBody()) {
				out.write(new byte[5000]);
				out.flush();
				Thread.sleep(30_000); // a blocked read that only the watchdog can end
			}
		});
		final long start = System.nanoTime();
		final AnimeGanException e = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> assertThrows(
			AnimeGanException.class, () -> library(quick(), toy(null, null, null)).resolve("toy", "",
				Progress.NONE)));
		assertTrue(e.getMessage().contains("fewer than 1024 bytes arrived in 1 s"), e.getMessage());
		assertTrue(System.nanoTime() - start < 2_900_000_000L, "stopped within two windows");
		assertTrue(stored().isEmpty());
	}

	@Test
	void headersTrickledForeverAreStoppedToo() throws Exception {
		try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			final Thread t = new Thread(() -> {
				try (Socket s = raw.accept(); OutputStream out = s.getOutputStream()) {
					out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
					while (true) {
						out.write('a');
						out.flush();
						Thread.sleep(200);
					}
				}
				catch (final IOException | InterruptedException e) {
					// The client hung up.
				}
			});
			t.setDaemon(true);
			t.start();
			final String url = "http://127.0.0.1:" + raw.getLocalPort() + "/m.onnx";
			final AnimeGanException e = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(
				AnimeGanException.class, () -> library(quick(), null).resolve(url, "", Progress.NONE)));
			assertTrue(e.getMessage().contains("fewer than 1024 bytes arrived"), e.getMessage());
		}
	}

	@Test
	void aSlowButSteadyDownloadEndsAtTheDeadline() throws Exception {
		server.route("/toy.onnx", x -> {
			x.sendResponseHeaders(200, 900_000);
			try (OutputStream out = x.getResponseBody()) {
				while (true) {
					out.write(new byte[2048]); // 20 KB/s: never stalled, done in 45 s
					out.flush();
					Thread.sleep(100);
				}
			}
		});
		final AnimeGanException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
			AnimeGanException.class, () -> library(quick(), toy(null, null, null)).resolve("toy", "",
				Progress.NONE)));
		assertTrue(e.getMessage().contains("took longer than 3 s"), e.getMessage());
		assertTrue(stored().isEmpty());
	}

	// -- redirects and plain http --

	private static URI next(final URI from, final String location) throws AnimeGanException {
		return Downloader.redirect(from, location, from.toString(), T);
	}

	@Test
	void redirectsGoUpToHttpsButNeverDown() throws Exception {
		final URI http = URI.create("http://a.example/x/m.onnx");
		final URI https = URI.create("https://a.example/x/m.onnx");
		assertEquals(URI.create("https://b.example/m.onnx"), next(http, "https://b.example/m.onnx"));
		assertEquals(URI.create("https://b.example/m.onnx"), next(https, "https://b.example/m.onnx"));
		assertEquals(URI.create("https://a.example/y/m.onnx"), next(https, "/y/m.onnx"));
		assertEquals(URI.create("https://c.example/m.onnx"), next(https, "//c.example/m.onnx"));
		assertEquals(URI.create("http://a.example/x/n.onnx"), next(http, "n.onnx"));
		final AnimeGanException down = assertThrows(AnimeGanException.class, () -> next(https,
			"http://a.example/m.onnx"));
		assertTrue(down.getMessage().contains(
			"redirects from https down to the plain http address http://a.example/m.onnx"), down
				.getMessage());
		assertThrows(AnimeGanException.class, () -> next(https, "HTTP://a.example/m.onnx"));
		for (final String elsewhere : new String[] { "file:///etc/passwd", "jar:file:/x.jar!/m.onnx",
			"ftp://a.example/m.onnx", "http:/no-host.onnx", "a b\nc", "", null })
		{
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> next(http,
				elsewhere), elsewhere);
			assertTrue(e.getMessage().contains("not an http or https address"), e.getMessage());
			assertFalse(e.getMessage().contains("\n"), e.getMessage());
		}
	}

	@Test
	void aRelativeRedirectIsFollowedAndCachedUnderTheAskedName() throws Exception {
		final byte[] body = payload(10_000);
		final AtomicInteger got = serve("/new/other.onnx", body);
		server.route("/old/m.onnx", x -> {
			x.getResponseHeaders().add("Location", "../new/other.onnx");
			x.sendResponseHeaders(301, -1);
		});
		final ModelLibrary lib = library(quick(), null);
		final String url = server.url("/old/m.onnx");
		final RecordingProgress progress = new RecordingProgress();
		final Path file = lib.resolve(url, "", progress).file();
		assertEquals(lib.cacheFor(url), file);
		assertArrayEquals(body, Files.readAllBytes(file));
		assertEquals(1, got.get());
		assertEquals(1, progress.logs.stream().filter(l -> l.startsWith("Warning: " + url +
			" is a plain http address")).count(), progress.logs.toString());
	}

	@Test
	void aRedirectLoopEnds() throws Exception {
		server.route("/toy.onnx", x -> {
			x.getResponseHeaders().add("Location", "/toy.onnx");
			x.sendResponseHeaders(302, -1);
		});
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), toy(
			null, null, null)).resolve("toy", "", Progress.NONE));
		assertTrue(e.getMessage().contains("redirects more than " + Downloader.MAX_REDIRECTS + " times"),
			e.getMessage());
	}

	/**
	 * An http to https redirect is followed: the https address is asked over TLS (a ClientHello
	 * reaches it), where {@code HttpURLConnection} on its own gives up with the 301.
	 */
	@Test
	void anHttpToHttpsRedirectIsFollowed() throws Exception {
		try (ServerSocket tls = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			final AtomicInteger firstByte = new AtomicInteger(-1);
			final Thread t = new Thread(() -> {
				try (Socket s = tls.accept(); InputStream in = s.getInputStream()) {
					firstByte.set(in.read());
				}
				catch (final IOException e) {
					// Nothing came.
				}
			});
			t.setDaemon(true);
			t.start();
			server.route("/toy.onnx", x -> {
				x.getResponseHeaders().add("Location", "https://127.0.0.1:" + tls.getLocalPort() +
					"/toy.onnx");
				x.sendResponseHeaders(301, -1);
			});
			// A longer stall window: the first TLS connection of a JVM may take a while to set up.
			final Downloader patient = new Downloader(5000, 5000, 10_000, 1_000_000);
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(patient, toy(
				null, null, null)).resolve("toy", "", Progress.NONE));
			t.join(2000);
			assertEquals(0x16, firstByte.get(), "a TLS handshake record reached the https address");
			assertFalse(e.getMessage().contains("HTTP 301"), e.getMessage());
			assertFalse(e.getMessage().contains("Exception"), e.getMessage());
		}
	}

	// -- names and permissions --

	@Test
	void onlyPlainFileNamesAreTakenFromUrls() {
		assertEquals("m.onnx", FileNames.lastSegment("https://h/a/m.onnx"));
		assertEquals("a b\u2713.onnx", FileNames.lastSegment("https://h/a/a%20b%E2%9C%93.onnx"));
		assertEquals("m.onnx", FileNames.lastSegment("https://h/a/m.onnx?download=1#x"));
		for (final String bad : new String[] { "https://h/x%00.onnx", "https://h/a/..%2F..%2Fm.onnx",
			"https://h/a/..%2fm.onnx", "https://h/a/b%5Cm.onnx", "https://h/%2E%2E", "https://h/a/..",
			"https://h/.hidden.onnx", "https://h/a%0Ab.onnx", "https://h/", "https://h/c%3Am.onnx",
			"not a url" })
		{
			assertNull(FileNames.lastSegment(bad), bad);
		}
	}

	@Test
	void anUnsafeNameIsOneSentenceAndNoRequest() throws Exception {
		final AtomicInteger requests = serve("/", payload(100));
		for (final String path : new String[] { "/x%00.onnx", "/a/..%2F..%2Fevil.onnx" }) {
			final AnimeGanException e = assertThrows(AnimeGanException.class, () -> library(quick(), null)
				.resolve(server.url(path), "", Progress.NONE));
			assertTrue(e.getMessage().contains("does not end in a plain file name"), e.getMessage());
			assertFalse(e.getMessage().contains("\0"), e.getMessage());
		}
		assertEquals(0, requests.get());
		assertTrue(stored().isEmpty());
	}

	@Test
	void theCatalogRefusesAFileNameOutsideTheModelsFolder() {
		final String entry = toy(null, null, null).replace("\"toy.onnx\"", "\"../toy.onnx\"");
		assertThrows(AnimeGanException.class, () -> library(quick(), entry));
		assertThrows(AnimeGanException.class, () -> library(quick(), toy(null, "ABC", null)));
	}

	@Test
	void downloadsGetTheUsualPermissionsNotThoseOfATemporaryFile() throws Exception {
		serve("/toy.onnx", payload(10_000));
		final Path file = library(quick(), toy(null, null, null)).resolve("toy", "", Progress.NONE)
			.file();
		DownloadCases.assertUsualPermissions(models);
		assumeTrue(umask() == 022, "umask 022");
		assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
		assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(Checksums
			.sidecar(file))));
	}

	/** This process's umask (Linux), or -1. */
	private static int umask() throws IOException {
		final Path status = Paths.get("/proc/self/status");
		if (!Files.isReadable(status)) return -1;
		for (final String line : Files.readAllLines(status))
			if (line.startsWith("Umask:")) return Integer.parseInt(line.substring(6).trim(), 8);
		return -1;
	}
}
