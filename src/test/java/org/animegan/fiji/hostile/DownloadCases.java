package org.animegan.fiji.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.download.Checksums;
import org.animegan.fiji.model.download.Downloader;

/**
 * Hostile cases of the area "download" (see {@link HostileCase}): each serves its answer from a
 * server on 127.0.0.1 started in the setup (and closed after the run), and passes its URL as
 * {@code --model}, with the case's own {@code models} folder.
 */
public final class DownloadCases {

	static final String MODEL = "generator_v3_nhwc.onnx";

	private DownloadCases() {}

	public static List<HostileCase> cases() {
		return List.of(
			new HostileCase("download", "endless body is cut at the 200 MB cap", 2, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				s.route("/endless.onnx", x -> {
					x.sendResponseHeaders(200, 0); // chunked, no length
					final byte[] chunk = new byte[1 << 16];
					try (OutputStream out = x.getResponseBody()) {
						while (true)
							out.write(chunk);
					}
				});
				return r.model(s.url("/endless.onnx")).run.after(o -> {
					assertTrue(o.output.contains("stopped at the limit of 200.0 MB"), o.output);
					assertNoModelStored(dir);
				});
			}),
			new HostileCase("download", "Content-Length over the cap", 2, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				s.route("/huge.onnx", x -> {
					x.sendResponseHeaders(200, 300_000_000L);
					try (OutputStream out = x.getResponseBody()) {
						out.write(new byte[1024]);
						out.flush();
						Thread.sleep(60_000); // ended by the client's refusal, or by closing the server
					}
				});
				return r.model(s.url("/huge.onnx")).run.after(o -> {
					assertTrue(o.output.contains("announced 300.0 MB, more than the limit of 200.0 MB"), o
						.output);
					assertNoModelStored(dir);
				});
			}),
			new HostileCase("download", "one byte every 10 s", 2, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				s.route("/trickle.onnx", x -> {
					x.sendResponseHeaders(200, 8_000_000L);
					try (OutputStream out = x.getResponseBody()) {
						while (true) {
							out.write(8);
							out.flush();
							Thread.sleep(10_000);
						}
					}
				});
				return r.model(s.url("/trickle.onnx")).run.after(o -> {
					assertTrue(o.output.contains("fewer than 1024 bytes arrived in 10 s"), o.output);
					assertNoModelStored(dir);
				});
			}),
			new HostileCase("download", "https redirect down to http is refused", 2, dir -> {
				final Run r = run(dir);
				final Tls tls = Tls.create(dir);
				r.run.jvm(tls.trustArgs());
				final LocalServer plain = r.run.using(LocalServer.http());
				final AtomicInteger plainRequests = plain.serve("/m.onnx", HostileCase.fixture(MODEL));
				final LocalServer secure = r.run.using(LocalServer.https(tls.context()));
				secure.route("/m.onnx", x -> redirect(x, plain.url("/m.onnx")));
				return r.model(secure.url("/m.onnx")).run.after(o -> {
					assertTrue(o.output.contains("redirects from https down to the plain http address"), o.output);
					assertEquals(0, plainRequests.get(), "nothing is asked of the http server");
					assertNoModelStored(dir);
				});
			}),
			new HostileCase("download", "http redirect up to https is followed", 0, dir -> {
				final Run r = run(dir);
				final Tls tls = Tls.create(dir);
				r.run.jvm(tls.trustArgs());
				final LocalServer secure = r.run.using(LocalServer.https(tls.context()));
				final AtomicInteger got = secure.serve("/m.onnx", HostileCase.fixture(MODEL));
				final LocalServer plain = r.run.using(LocalServer.http());
				plain.route("/old/m.onnx", x -> redirect(x, secure.url("/m.onnx")));
				return r.model(plain.url("/old/m.onnx")).run.after(o -> {
					assertEquals(1, got.get());
					assertTrue(Files.isRegularFile(r.result()), o.output);
				});
			}),
			new HostileCase("download", "%00 in the URL", 2, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				final AtomicInteger requests = s.serve("/x.onnx", HostileCase.fixture(MODEL));
				return r.model(s.url("/x%00.onnx")).run.after(o -> {
					assertTrue(o.output.contains("does not end in a plain file name"), o.output);
					assertEquals(0, requests.get());
					assertNoModelStored(dir);
				});
			}),
			new HostileCase("download", "..%2F path segments", 2, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				final AtomicInteger requests = s.serve("/", HostileCase.fixture(MODEL));
				return r.model(s.url("/a/..%2F..%2F..%2Fevil.onnx")).run.after(o -> {
					assertTrue(o.output.contains("does not end in a plain file name"), o.output);
					assertEquals(0, requests.get());
					try (Stream<Path> all = Files.walk(dir)) {
						assertTrue(all.noneMatch(p -> p.getFileName().toString().startsWith("evil")));
					}
				});
			}),
			new HostileCase("download", "cached file no longer matches its .sha256", 2, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				final AtomicInteger requests = s.serve("/g.onnx", HostileCase.fixture(MODEL));
				final String url = s.url("/g.onnx");
				// A model that works, but is not the file that was downloaded and recorded.
				final Path cached = new ModelLibrary(new ModelLocator(r.models), Catalog.standardOrEmpty(),
					new Downloader()).cacheFor(url);
				Files.createDirectories(cached.getParent());
				final byte[] bytes = Files.readAllBytes(HostileCase.fixture(MODEL));
				Files.write(cached, bytes);
				Checksums.record(cached, Checksums.hex(Checksums.sha256().digest(new byte[] { 1 })));
				return r.model(url).run.after(o -> {
					assertTrue(o.output.contains("no longer matches the SHA-256 recorded"), o.output);
					assertFalse(Files.exists(r.result()), "the changed model was not used");
					assertEquals(0, requests.get());
					assertArrayEquals(bytes, Files.readAllBytes(cached));
				});
			}),
			new HostileCase("download", "plain http works with a warning", 0, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				s.serve("/w.onnx", HostileCase.fixture(MODEL));
				return r.model(s.url("/w.onnx")).run.after(o -> {
					assertTrue(o.output.contains("Warning: " + s.url("/w.onnx") +
						" is a plain http address"), o.output);
					assertTrue(o.output.contains("No checksum is known for w.onnx"), o.output);
					assertTrue(Files.isRegularFile(r.result()), o.output);
					assertUsualPermissions(r.models);
				});
			}),
			new HostileCase("download", "http redirect to http is followed", 0, dir -> {
				final Run r = run(dir);
				final LocalServer s = r.run.using(LocalServer.http());
				final AtomicInteger got = s.serve("/new/m.onnx", HostileCase.fixture(MODEL));
				s.route("/old/m.onnx", x -> redirect(x, "/new/m.onnx"));
				return r.model(s.url("/old/m.onnx")).run.after(o -> {
					assertEquals(1, got.get());
					assertTrue(Files.isRegularFile(r.result()), o.output);
				});
			}));
	}

	/** A case's run: one input photo, its own models folder and output folder. */
	private static final class Run {

		final HostileCase.Run run = new HostileCase.Run();
		final Path dir;
		final Path models;

		Run(final Path dir) {
			this.dir = dir;
			models = dir.resolve("models");
		}

		Run model(final String url) {
			run.args("--model", url, "--threads", "2", "--input-size", "256", "-o", dir.resolve("out")
				.toString(), dir.resolve("in.png").toString());
			return this;
		}

		Path result() {
			return dir.resolve("out").resolve("in-anime.png");
		}
	}

	private static Run run(final Path dir) throws IOException {
		Files.copy(HostileCase.fixture("astronaut_128x96.png"), dir.resolve("in.png"));
		final Run r = new Run(dir);
		r.run.jvm("-D" + ModelLocator.PROPERTY + "=" + r.models);
		return r;
	}

	private static void redirect(final HttpExchange x, final String location) throws IOException {
		x.getResponseHeaders().add("Location", location);
		x.sendResponseHeaders(302, -1);
	}

	/** No model file, nor any partial download, in the case's models folder. */
	private static void assertNoModelStored(final Path dir) throws IOException {
		final Path models = dir.resolve("models");
		if (!Files.exists(models)) return;
		try (Stream<Path> all = Files.walk(models)) {
			// The downloader's empty lock file is kept on purpose (Downloader.downloadOnce).
			final List<Path> files = all.filter(Files::isRegularFile).filter(p -> !p.getFileName()
				.toString().endsWith(".lock")).collect(Collectors.toList());
			assertTrue(files.isEmpty(), "stored: " + files);
		}
	}

	/**
	 * Every downloaded file and record has the permissions any new file in its folder gets (the
	 * umask's), not the 0600 of a temporary file.
	 */
	public static void assertUsualPermissions(final Path models) throws IOException {
		try (Stream<Path> all = Files.walk(models)) {
			for (final Path f : all.filter(Files::isRegularFile).collect(Collectors.toList())) {
				final Path probe = Files.createFile(f.resolveSibling("probe.tmp"));
				try {
					final Set<PosixFilePermission> usual = Files.getPosixFilePermissions(probe);
					assertEquals(usual, Files.getPosixFilePermissions(f), f.toString());
				}
				finally {
					Files.delete(probe);
				}
			}
		}
	}

	/** A server on 127.0.0.1, port 0, plain or TLS; handler threads are stopped on close. */
	public static final class LocalServer implements AutoCloseable {

		/** Answers one request; an I/O error means the client went away. */
		public interface Handler {

			void handle(HttpExchange x) throws Exception;
		}

		private final HttpServer server;
		private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
			final Thread t = new Thread(r, "local server");
			t.setDaemon(true);
			return t;
		});

		private LocalServer(final HttpServer server) {
			this.server = server;
			server.setExecutor(threads);
			server.start();
		}

		public static LocalServer http() throws IOException {
			return new LocalServer(HttpServer.create(new InetSocketAddress(InetAddress
				.getLoopbackAddress(), 0), 0));
		}

		public static LocalServer https(final SSLContext context) throws IOException {
			final HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress
				.getLoopbackAddress(), 0), 0);
			s.setHttpsConfigurator(new HttpsConfigurator(context));
			return new LocalServer(s);
		}

		public LocalServer route(final String path, final Handler handler) {
			server.createContext(path, x -> {
				try {
					handler.handle(x);
				}
				catch (final Exception e) {
					// The client went away, or the server is closing.
				}
				finally {
					x.close();
				}
			});
			return this;
		}

		/** Serves a file at {@code path}; returns the count of requests. */
		public AtomicInteger serve(final String path, final Path file) throws IOException {
			final byte[] body = Files.readAllBytes(file);
			final AtomicInteger requests = new AtomicInteger();
			route(path, x -> {
				requests.incrementAndGet();
				x.sendResponseHeaders(200, body.length);
				try (OutputStream out = x.getResponseBody()) {
					out.write(body);
				}
			});
			return requests;
		}

		public String url(final String path) {
			return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server
				.getAddress().getPort() + path;
		}

		@Override
		public void close() throws InterruptedException {
			server.stop(0);
			threads.shutdownNow();
			threads.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	/**
	 * A self-signed certificate for 127.0.0.1, made by the JDK's keytool in the case folder: real
	 * TLS on loopback, trusted by the CLI through {@code javax.net.ssl.trustStore}.
	 */
	public static final class Tls {

		static final String PASSWORD = "hostile";

		private final Path store;

		private Tls(final Path store) {
			this.store = store;
		}

		public static Tls create(final Path dir) throws Exception {
			final Path store = dir.resolve("tls.p12");
			final Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
			final Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "local",
				"-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext",
				"SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
				"-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
			final String out;
			try (InputStream in = p.getInputStream()) {
				out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (p.waitFor() != 0) throw new IOException("keytool failed: " + out);
			return new Tls(store);
		}

		public SSLContext context() throws Exception {
			final KeyStore ks = KeyStore.getInstance("PKCS12");
			try (InputStream in = Files.newInputStream(store)) {
				ks.load(in, PASSWORD.toCharArray());
			}
			final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory
				.getDefaultAlgorithm());
			kmf.init(ks, PASSWORD.toCharArray());
			final SSLContext context = SSLContext.getInstance("TLS");
			context.init(kmf.getKeyManagers(), null, null);
			return context;
		}

		/** JVM options that make the CLI trust this certificate. */
		public String[] trustArgs() {
			return new String[] { "-Djavax.net.ssl.trustStore=" + store,
				"-Djavax.net.ssl.trustStorePassword=" + PASSWORD, "-Djavax.net.ssl.trustStoreType=PKCS12" };
		}
	}
}
