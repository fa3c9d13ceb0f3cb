package org.animegan.fiji.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.Opener;
import ij.process.ColorProcessor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.api.AnimeGanException;
import org.animegan.fiji.api.SettingsMessages;
import org.animegan.fiji.hostile.CraftedImages;
import org.animegan.fiji.image.ImageHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading inputs within the memory budget, and writing results atomically. */
class ImageFilesTest {

	@TempDir
	Path dir;

	private final List<String> warnings = new ArrayList<>();

	@BeforeAll
	static void headless() {
		Fixtures.headless();
	}

	private ImagePlus read(final Path file) throws AnimeGanException {
		return ImageFiles.read(file, (w, h, planes) -> 0, warnings::add);
	}

	/**
	 * Another image's lines, printed while this one is written (several images at once), are not this
	 * file's failure, and still reach the console; its own printing still counts.
	 */
	@Test
	void onlyTheWritingThreadsPrintingCounts() throws Exception {
		final PrintStream out = System.out;
		final ByteArrayOutputStream console = new ByteArrayOutputStream();
		System.setOut(new PrintStream(console, true));
		try {
			final CountDownLatch capturing = new CountDownLatch(1), printed = new CountDownLatch(1);
			final Thread other = new Thread(() -> {
				try {
					capturing.await();
					System.out.println("Photo to Anime: b.jpg, 1 plane");
				}
				catch (final InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				printed.countDown();
			});
			other.start();
			final ImageFiles.Quiet<Boolean> quiet = ImageFiles.quietly(() -> {
				capturing.countDown();
				try {
					return printed.await(10, TimeUnit.SECONDS);
				}
				catch (final InterruptedException e) {
					return false;
				}
			});
			other.join();
			assertTrue(quiet.value, "the other thread printed in time");
			assertFalse(quiet.printed);
			assertTrue(console.toString().contains("b.jpg, 1 plane"), console.toString());
			assertTrue(ImageFiles.quietly(() -> {
				System.err.println("own trouble");
				return true;
			}).printed);
			assertFalse(console.toString().contains("own trouble"), console.toString());
		}
		finally {
			System.setOut(out);
		}
	}

	@Test
	void jpegIsDecodedAsImageJsOpenerDoes() throws Exception {
		final Path colour = Files.write(dir.resolve("colour.jpg"), CraftedImages.jpeg(96, 64));
		final ImagePlus ours = read(colour);
		final ImagePlus opener = new Opener().openImage(colour.toString());
		assertEquals(opener.getType(), ours.getType());
		assertArrayEquals((int[]) opener.getProcessor().getPixels(), (int[]) ours.getProcessor()
			.getPixels());
		// A JPEG of grey pixels becomes 8-bit, as with Opener.
		final BufferedImage grey = new BufferedImage(40, 30, BufferedImage.TYPE_BYTE_GRAY);
		grey.getRaster().setSample(5, 5, 0, 200);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageIO.write(grey, "jpeg", bytes);
		final Path g = Files.write(dir.resolve("grey.jpg"), bytes.toByteArray());
		final ImagePlus ourGrey = read(g);
		final ImagePlus openerGrey = new Opener().openImage(g.toString());
		assertEquals(ImagePlus.GRAY8, openerGrey.getType());
		assertEquals(openerGrey.getType(), ourGrey.getType());
		assertArrayEquals((byte[]) openerGrey.getProcessor().getPixels(), (byte[]) ourGrey
			.getProcessor().getPixels());
		assertEquals(List.of(), warnings);
	}

	@Test
	void jpegWithExifOrientationIsTurnedAsOpenerTurnsIt() throws Exception {
		final byte[] jpeg = CraftedImages.jpeg(48, 32);
		// APP1 Exif: a big-endian TIFF block with one entry, Orientation = 6 (rotate 90 clockwise).
		final ByteBuffer exif = ByteBuffer.allocate(4 + 6 + 26);
		exif.put((byte) 0xff).put((byte) 0xe1).putShort((short) (2 + 6 + 26));
		exif.put("Exif".getBytes()).put((byte) 0).put((byte) 0);
		exif.put("MM".getBytes()).putShort((short) 42).putInt(8);
		exif.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort(
			(short) 6).putShort((short) 0).putInt(0);
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.write(jpeg, 0, 2);
		bytes.write(exif.array(), 0, exif.capacity());
		bytes.write(jpeg, 2, jpeg.length - 2);
		final Path file = Files.write(dir.resolve("turned.jpg"), bytes.toByteArray());
		// Opener turns it only with Fiji's Exif_Reader plugin, absent here as from the command line.
		final ImagePlus opener = new Opener().openImage(file.toString());
		final ImagePlus ours = read(file);
		assertEquals(opener.getWidth(), ours.getWidth());
		assertEquals(opener.getHeight(), ours.getHeight());
		assertArrayEquals((int[]) opener.getProcessor().getPixels(), (int[]) ours.getProcessor()
			.getPixels());
	}

	@Test
	void damagedJpegData() throws Exception {
		final ImagePlus noisy = read(Files.write(dir.resolve("noisy.jpg"), CraftedImages
			.damagedJpeg()));
		assertEquals(256, noisy.getWidth());
		assertEquals(1, warnings.size(), "one warning: " + warnings);
		final Path garbage = Files.write(dir.resolve("garbage.jpg"), CraftedImages.garbageScan());
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> read(garbage));
		assertTrue(e.getMessage().startsWith("The JPEG data could not be decoded ("), e.getMessage());
	}

	@Test
	void headerSizesAreCheckedAgainstTheBudgetBeforeDecoding() throws Exception {
		final ImageHeader small = ImageHeader.read(Fixtures.path("astronaut_128x96.png")).get();
		ImageFiles.checkBudget(small, (w, h, planes) -> 1 << 20);
		final AnimeGanException needy = assertThrows(AnimeGanException.class, () -> ImageFiles
			.checkBudget(small, (w, h, planes) -> Long.MAX_VALUE / 2));
		assertTrue(needy.getMessage().startsWith("The image is 128x96 pixels in 1 plane and would need"),
			needy.getMessage());
		final Path bomb = Files.write(dir.resolve("bomb.png"), CraftedImages.png(40000, 40000, 0));
		final long t0 = System.nanoTime();
		final AnimeGanException refused = assertThrows(AnimeGanException.class, () -> read(bomb));
		assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "refused from the header");
		assertTrue(refused.getMessage().contains("40000x40000"), refused.getMessage());
		final Path wide = Files.write(dir.resolve("wide.png"), CraftedImages.png(65535, 65535, 2));
		assertTrue(assertThrows(AnimeGanException.class, () -> read(wide)).getMessage().contains(
			"more than ImageJ can hold"));
	}

	@Test
	void aTiffOfWhichImageJReadsFewerPagesThanDeclaredFails() throws Exception {
		final CraftedImages.Page page = CraftedImages.Page.full(64, 64);
		final byte[] tiff = CraftedImages.tiff(0, page, page, page);
		// The third page's strip at offset 0: within the file, but ImageJ stops reading there.
		final int third = CraftedImages.FIRST_IFD + 2 * (CraftedImages.IFD_BYTES + 64 * 64);
		ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(third + 2 +
			CraftedImages.STRIP_OFFSETS_ENTRY * 12 + 8, 0);
		final Path file = Files.write(dir.resolve("three.tif"), tiff);
		assertEquals(1, new Opener().openImage(file.toString()).getStackSize(), "ImageJ alone");
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> read(file));
		assertEquals("The file is truncated or damaged: only 1 of its 3 pages could be read.", e.getMessage());
	}

	@Test
	void resultReplacesALinkInsteadOfWritingThroughIt() throws Exception {
		final Path victim = Files.write(dir.resolve("victim.txt"), "keep".getBytes());
		final Path target = Files.createSymbolicLink(dir.resolve("a-anime.png"), victim);
		ImageFiles.write(new ImagePlus("r", new ColorProcessor(20, 10)), target, false);
		assertArrayEquals("keep".getBytes(), Files.readAllBytes(victim));
		assertFalse(Files.isSymbolicLink(target));
		assertEquals(20, new Opener().openImage(target.toString()).getWidth());
		assertEquals(List.of("a-anime.png", "victim.txt"), names());
	}

	@Test
	void aFailedWriteLeavesNoTemporaryAndKeepsWhatWasThere() throws Exception {
		final Path folder = Files.createDirectory(dir.resolve("a-anime.tif"));
		Files.write(folder.resolve("x"), new byte[] { 1 });
		final AnimeGanException e = assertThrows(AnimeGanException.class, () -> ImageFiles.write(
			new ImagePlus("r", new ColorProcessor(20, 10)), folder, false));
		assertTrue(e.getMessage().contains("could not be written"), e.getMessage());
		assertEquals(List.of("a-anime.tif"), names());
		assertTrue(Files.isRegularFile(folder.resolve("x")));
	}

	@Test
	void noOverwriteSeesThroughLinks() throws Exception {
		final Path in = Files.createDirectory(dir.resolve("in"));
		final Path photo = Files.write(in.resolve("a.png"), new byte[] { 1 });
		final NoOverwrite guard = new NoOverwrite();
		guard.add(photo);
		final Path linkedFolder = Files.createSymbolicLink(dir.resolve("out"), in);
		assertTrue(guard.protects(linkedFolder.resolve("a.png")), "through a linked folder");
		assertTrue(guard.protects(Files.createSymbolicLink(dir.resolve("b.png"), photo)),
			"a link to it");
		assertTrue(guard.protects(Files.createLink(dir.resolve("c.png"), photo)), "a hard link");
		assertTrue(guard.protects(in.resolve("../in/./a.png")), "another spelling");
		assertFalse(guard.protects(linkedFolder.resolve("a-anime.png")), "a new file");
		guard.add(linkedFolder.resolve("a-anime.png"));
		assertTrue(guard.protects(in.resolve("a-anime.png")), "a result, once written, by real path");
	}

	@Test
	void controlCharactersInNamesAreEscaped() {
		assertEquals("a\\nb\\tc\\u202ed\\u001b[0m", SettingsMessages.printable("a\nb\tc\u202ed\u001b[0m"));
		assertEquals("été 写真 photo.png", SettingsMessages.printable("été 写真 photo.png"));
	}

	private List<String> names() throws Exception {
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().collect(java.util.stream.Collectors
				.toList());
		}
	}

	@Test
	void aRangeOfPagesIsReadAloneAndBudgetedAlone() throws Exception {
		final ij.ImageStack pages = new ij.ImageStack(8, 4);
		for (int i = 0; i < 6; i++) {
			final ColorProcessor cp = new ColorProcessor(8, 4);
			cp.setColor(new java.awt.Color(40 * i, 255 - 40 * i, 7 * i));
			cp.fill();
			pages.addSlice(cp);
		}
		final Path tif = dir.resolve("pages.tif");
		assertTrue(new ij.io.FileSaver(new ImagePlus("pages", pages)).saveAsTiffStack(tif.toString()));
		// A budget that takes two pages but not six: the range fits, the whole stack does not.
		final ImageFiles.HeapNeed twoPages = (w, h, planes) -> planes > 2 ? Long.MAX_VALUE / 4 : 0;
		assertThrows(AnimeGanException.class, () -> ImageFiles.read(tif, twoPages, w -> {}));
		final ImagePlus part = ImageFiles.readPages(tif, twoPages, 3, 4).get();
		assertEquals(2, part.getStackSize());
		for (int i = 0; i < 2; i++)
			assertArrayEquals((int[]) pages.getPixels(3 + i), (int[]) part.getStack().getPixels(1 + i));
		// Past the end: cut to the last page. Not a TIFF: nothing, the whole-file reader decides.
		assertEquals(1, ImageFiles.readPages(tif, twoPages, 6, 9).get().getStackSize());
		final Path png = dir.resolve("one.png");
		assertTrue(new ij.io.FileSaver(new ImagePlus("one", pages.getProcessor(1))).saveAsPng(png
			.toString()));
		assertFalse(ImageFiles.readPages(png, twoPages, 1, 1).isPresent());
	}
}
