package org.animegan.fiji.face;

import static org.animegan.fiji.style.StyleFixtures.astronaut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.api.RuntimeOptions;
import org.animegan.fiji.image.Flip;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.ModelLocator;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.download.Downloader;
import org.animegan.fiji.style.StyleFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UltraFace RFB-640 on real portraits (from ../shared/models; skipped when it is absent). */
class FaceDetectorTest {

	@TempDir
	Path tmp;

	/** astronaut.png and its mirror side by side, 1024x512: two portraits. */
	static RgbImage twoFaces() {
		final RgbImage a = astronaut();
		final RgbImage m = Flip.horizontal(a);
		final RgbImage out = new RgbImage(1024, 512);
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 512; y++)
				for (int x = 0; x < 512; x++) {
					out.set(c, x, y, a.get(c, x, y));
					out.set(c, 512 + x, y, m.get(c, x, y));
				}
		return out;
	}

	@Test
	void findsTheOneFaceInAPortrait() throws AnimeGanException {
		final Path models = StyleFixtures.sharedModels();
		try (FaceDetector d = FaceDetector.open(FaceDetector.locate(library(models), Progress.NONE), RuntimeOptions.threads(2))) {
			final List<FaceBox> faces = d.detect(astronaut());
			System.out.println("astronaut.png: " + faces);
			assertEquals(1, faces.size());
			final FaceBox f = faces.get(0);
			// Her face is in the upper middle of the photo, roughly 100 px wide.
			assertTrue(f.x1 > 100 && f.x2 < 350 && f.y1 > 30 && f.y2 < 280, f.toString());
			assertTrue(f.width() > 60 && f.width() < 200, f.toString());
			assertTrue(f.score > FaceDetector.THRESHOLD);
		}
	}

	@Test
	void findsBothFacesSideBySide() throws AnimeGanException {
		final Path models = StyleFixtures.sharedModels();
		try (FaceDetector d = FaceDetector.open(FaceDetector.locate(library(models), Progress.NONE), RuntimeOptions.threads(2))) {
			final List<FaceBox> faces = d.detect(twoFaces());
			System.out.println("two portraits: " + faces);
			assertEquals(2, faces.size());
			final FaceBox left = faces.get(0).x1 < faces.get(1).x1 ? faces.get(0) : faces.get(1);
			final FaceBox right = left == faces.get(0) ? faces.get(1) : faces.get(0);
			assertTrue(left.x2 < 512 && right.x1 > 512);
			// Mirror images: the boxes mirror each other within a few pixels.
			assertEquals(1024 - left.x2, right.x1, 8);
			assertEquals(left.y1, right.y1, 8);
		}
	}

	private static ModelLibrary library(final Path folder) {
		return new ModelLibrary(new ModelLocator(folder), Catalog.standardOrEmpty(), new Downloader());
	}

	/** Serves the shared detector (or a 404 for other paths) on loopback while {@code body} runs. */
	private static <T> T withServer(final byte[] detector, final ServerBody<T> body) throws Exception {
		final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress
			.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			final boolean hit = exchange.getRequestURI().getPath().endsWith("/" + FaceDetector.FILE_NAME);
			exchange.sendResponseHeaders(hit ? 200 : 404, hit ? detector.length : -1);
			if (hit) exchange.getResponseBody().write(detector);
			exchange.close();
		});
		server.start();
		try {
			return body.run("http://127.0.0.1:" + server.getAddress().getPort());
		}
		finally {
			server.stop(0);
		}
	}

	private interface ServerBody<T> {

		T run(String base) throws Exception;
	}

	@Test
	void aMissingDetectorIsDownloadedAndChecked() throws Exception {
		final byte[] detector = Files.readAllBytes(StyleFixtures.sharedModels().resolve(
			FaceDetector.FILE_NAME));
		final Path got = withServer(detector, base -> FaceDetector.locate(library(tmp), Progress.NONE,
			base + "/models/onnx/" + FaceDetector.FILE_NAME));
		assertEquals(tmp.resolve(FaceDetector.FILE_NAME), got);
		assertEquals(detector.length, Files.size(got));
		// Present now: found without any server.
		assertEquals(got, FaceDetector.locate(library(tmp), Progress.NONE, "http://127.0.0.1:9/none"));
	}

	@Test
	void anUnreachableDetectorSaysWhereToPutIt() throws Exception {
		final AnimeGanException e = withServer(new byte[0], base -> assertThrows(
			AnimeGanException.class, () -> FaceDetector.locate(library(tmp), Progress.NONE, base +
				"/missing/" + FaceDetector.FILE_NAME)));
		assertTrue(e.getMessage().contains(tmp.resolve(FaceDetector.FILE_NAME).toString()), e
			.getMessage());
		assertTrue(e.getMessage().contains("http://127.0.0.1"), e.getMessage());
		assertTrue(!Files.exists(tmp.resolve(FaceDetector.FILE_NAME)));
	}

	@Test
	void hardNmsKeepsTheBestOfOverlappingBoxes() {
		final List<FaceBox> kept = Nms.hard(List.of(new FaceBox(0, 0, 10, 10, 0.8f), new FaceBox(1, 1,
			11, 11, 0.9f), new FaceBox(20, 20, 30, 30, 0.75f)), 0.3f, 200);
		assertEquals(2, kept.size());
		assertEquals(0.9f, kept.get(0).score);
		assertEquals(0.75f, kept.get(1).score);
	}
}
