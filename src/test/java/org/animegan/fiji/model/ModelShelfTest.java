package org.animegan.fiji.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.Progress;
import org.animegan.fiji.model.catalog.Catalog;
import org.animegan.fiji.model.download.Checksums;
import org.animegan.fiji.model.download.Downloader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models window's list and actions, against a local server and a temporary models folder. */
class ModelShelfTest {

	@TempDir
	Path models;

	private HttpServer server;
	private byte[] body;
	private ModelShelf shelf;

	@BeforeEach
	void start() throws Exception {
		body = Files.readAllBytes(Fixtures.path("generator_v3_nhwc.onnx"));
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", x -> {
			x.sendResponseHeaders(200, body.length);
			try (OutputStream out = x.getResponseBody()) {
				out.write(body);
			}
		});
		server.start();
		final String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/toy.onnx";
		final String json = "{\"models\": [" + //
			"{\"id\": \"toy\", \"name\": \"Toy\", \"family\": \"animegan3\", \"file\": \"toy.onnx\", \"urls\": [\"" + url + "\"], \"verified\": true, \"licence\": \"MIT.\", \"good_for\": \"scenes\"}," + //
			"{\"id\": \"port\", \"name\": \"Port\", \"family\": \"animegan2-pt\", \"file\": \"port.pt\", \"urls\": [\"https://example.org/port.pt\"], \"verified\": false, \"size\": 8600000, \"licence\": \"Non-commercial.\", \"good_for\": \"faces\"}]}";
		final ModelLocator locator = new ModelLocator(models);
		shelf = new ModelShelf(new ModelLibrary(locator, Catalog.read(new StringReader(json)),
			new Downloader()), locator);
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	@Test
	void listsTheCatalogThenTheFoldersOwnModels() throws Exception {
		Files.write(models.resolve("my_style.onnx"), new byte[1234]);
		// What a converted checkpoint leaves: listed as its catalog entry, not as a file of its own.
		Files.write(models.resolve("port.onnx"), new byte[10]);
		final List<ModelShelf.Row> rows = shelf.rows();
		assertEquals(List.of("Toy", "Port", "my_style"), rows.stream().map(r -> r.name).collect(
			Collectors.toList()));
		final ModelShelf.Row toy = rows.get(0), port = rows.get(1), own = rows.get(2);
		assertEquals("toy", toy.id);
		assertEquals("animegan3", toy.family);
		assertEquals("scenes", toy.goodFor);
		assertEquals("MIT.", toy.licence);
		assertTrue(toy.address.startsWith("http://127.0.0.1:"), toy.address);
		assertFalse(toy.cached);
		assertEquals(-1, toy.bytes, "no size in the catalog");
		assertEquals(8_600_000, port.bytes, "the download size");
		assertEquals("https://example.org/port.pt (not confirmed by the upstream project)",
			port.address);
		assertNull(own.id);
		assertTrue(own.cached);
		assertEquals(1234, own.bytes);
		assertEquals(ModelMessages.FAMILY_FROM_GRAPH, own.family);
	}

	@Test
	void downloadThenDeleteFromTheCache() throws Exception {
		final Path file = shelf.download(shelf.rows().get(0), Progress.NONE);
		assertEquals(models.resolve("toy.onnx"), file);
		ModelShelf.Row toy = shelf.rows().get(0);
		assertTrue(toy.cached);
		assertEquals(body.length, toy.bytes);
		assertTrue(Files.isRegularFile(Checksums.sidecar(file)), "the download's checksum record");
		assertEquals(List.of(file, Checksums.sidecar(file)), shelf.delete(toy));
		toy = shelf.rows().get(0);
		assertFalse(toy.cached);
		assertFalse(Files.exists(file));
		// Nothing left to delete: one sentence.
		final ModelShelf.Row gone = toy;
		assertEquals(ModelMessages.notInCache("Toy"), assertThrows(AnimeGanException.class, () -> shelf
			.delete(gone)).getMessage());
	}

	@Test
	void aUsersOwnFileIsNeverDeleted() throws Exception {
		final Path own = Files.write(models.resolve("my_style.onnx"), new byte[10]);
		final ModelShelf.Row row = shelf.rows().get(2);
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> shelf.delete(row));
		assertEquals(ModelMessages.ownFileNotDeleted(own), e.getMessage());
		assertTrue(Files.exists(own));
	}
}
