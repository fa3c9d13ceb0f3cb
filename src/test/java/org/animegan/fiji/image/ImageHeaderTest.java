package org.animegan.fiji.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ByteProcessor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.animegan.fiji.Fixtures;
import org.animegan.fiji.hostile.CraftedImages.Page;
import org.animegan.fiji.hostile.CraftedImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sizes read from crafted headers, before any decoder sees the file. */
class ImageHeaderTest {

	@TempDir
	Path dir;

	private ImageHeader header(final byte[] bytes) throws Exception {
		final Optional<ImageHeader> h = ImageHeader.read(Files.write(dir.resolve("f"), bytes));
		assertTrue(h.isPresent(), "a known format");
		return h.get();
	}

	private ImageHeader.Problem damaged(final byte[] bytes) throws Exception {
		final Path f = Files.write(dir.resolve("f"), bytes);
		return assertThrows(ImageHeader.Damaged.class, () -> ImageHeader.read(f)).problem;
	}

	@Test
	void pngIhdr() throws Exception {
		final ImageHeader grey = header(CraftedImages.png(40000, 40000, 0));
		assertEquals(ImageHeader.Format.PNG, grey.format);
		assertEquals(40000, grey.width);
		assertEquals(40000, grey.height);
		assertEquals(1, grey.pages);
		assertEquals(40000L * 40000 * 2, grey.decodedBytes, "8-bit grey plane and raster");
		final ImageHeader rgb = header(CraftedImages.png(300, 200, 2));
		assertEquals(300L * 200 * (4 + 3), rgb.decodedBytes, "RGB plane and raster");
		final ImageHeader real = ImageHeader.read(Fixtures.path("astronaut_128x96.png")).get();
		assertEquals(128, real.width);
		assertEquals(96, real.height);
	}

	@Test
	void jpegSof0() throws Exception {
		final ImageHeader bomb = header(CraftedImages.jpegClaiming(20000, 20000));
		assertEquals(ImageHeader.Format.JPEG, bomb.format);
		assertEquals(20000, bomb.width);
		assertEquals(20000, bomb.height);
		assertEquals(20000L * 20000 * (4 + 3), bomb.decodedBytes);
		final ImageHeader real = header(CraftedImages.jpeg(64, 40));
		assertEquals(64, real.width);
		assertEquals(40, real.height);
	}

	@Test
	void jpegSegmentsBeforeTheFrameAreSkippedByTheirLength() throws Exception {
		final byte[] jpeg = CraftedImages.jpeg(24, 16);
		// A comment segment whose text looks like a frame header, and fill bytes before the next marker.
		final byte[] comment = { (byte) 0xff, (byte) 0xfe, 0, 9, (byte) 0xff, (byte) 0xc0, 0, 17, 8, 1,
			0, (byte) 0xff, (byte) 0xff };
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		out.write(comment, 0, comment.length);
		out.write(jpeg, 2, jpeg.length - 2);
		final ImageHeader h = header(out.toByteArray());
		assertEquals(24, h.width);
		assertEquals(16, h.height);
	}

	@Test
	void jpegWithoutFrameHeaderIsMalformed() throws Exception {
		assertEquals(ImageHeader.Problem.MALFORMED, damaged(new byte[] { (byte) 0xff, (byte) 0xd8,
			(byte) 0xff, (byte) 0xda, 0, 2, 1, 2, 3 }));
		final byte[] pngWithoutIhdr = Arrays.copyOf(CraftedImages.png(8, 8, 0), 40);
		pngWithoutIhdr[12] = 'X';
		assertEquals(ImageHeader.Problem.MALFORMED, damaged(pngWithoutIhdr));
	}

	@Test
	void tiffWithHugeImageWidthAndLength() throws Exception {
		final ImageHeader h = header(CraftedImages.tiff(0, new Page(30000, 30000, 16)));
		assertEquals(ImageHeader.Format.TIFF, h.format);
		assertEquals(30000, h.width);
		assertEquals(30000, h.height);
		assertEquals(1, h.pages);
		assertEquals(30000L * 30000 * 2, h.decodedBytes);
		assertTrue(h.truncated, "its strip is not in the file");
	}

	@Test
	void everyTiffPageCounts() throws Exception {
		final ImageHeader three = header(CraftedImages.tiff(0, Page.full(64, 48), Page.full(64, 48),
			Page.full(64, 48)));
		assertEquals(3, three.pages);
		assertTrue(three.uniform);
		assertFalse(three.truncated);
		final ImageHeader huge = header(CraftedImages.tiff(0, Page.full(64, 48), new Page(30000,
			30000, 0), Page.full(64, 48)));
		assertEquals(3, huge.pages);
		assertEquals(30000, huge.width);
		assertFalse(huge.uniform);
		assertTrue(huge.decodedBytes >= 30000L * 30000, "the huge page is counted");
	}

	@Test
	void truncatedTiffPages() throws Exception {
		assertTrue(header(CraftedImages.tiff(0, Page.full(64, 48), new Page(64, 48, 1000)))
			.truncated, "the last strip is cut short");
		assertTrue(header(CraftedImages.tiff(1 << 20, Page.full(64, 48))).truncated,
			"the chain names a page past the end");
	}

	@Test
	void tiffPageLoopIsRefused() throws Exception {
		assertEquals(ImageHeader.Problem.PAGE_LOOP, damaged(CraftedImages.tiff(CraftedImages.FIRST_IFD,
			Page.full(16, 16), Page.full(16, 16))));
	}

	@Test
	void imageJStackDeclaresItsPlanesInTheFirstPage() throws Exception {
		final ImageStack stack = new ImageStack(40, 30);
		for (int i = 0; i < 3; i++)
			stack.addSlice(new ByteProcessor(40, 30));
		final Path tiff = dir.resolve("stack.tif");
		assertTrue(new FileSaver(new ImagePlus("s", stack)).saveAsTiffStack(tiff.toString()));
		final ImageHeader whole = ImageHeader.read(tiff).get();
		assertEquals(3, whole.pages);
		assertEquals(40, whole.width);
		assertFalse(whole.truncated);
		final byte[] bytes = Files.readAllBytes(tiff);
		final ImageHeader cut = header(Arrays.copyOf(bytes, bytes.length * 2 / 3));
		assertEquals(3, cut.pages);
		assertTrue(cut.truncated);
	}

	@Test
	void otherFormatsAreLeftToTheDecoder() throws Exception {
		assertFalse(ImageHeader.read(Files.write(dir.resolve("g"), "GIF89a and more".getBytes()))
			.isPresent());
		final byte[] bigTiff = ByteBuffer.allocate(16).put(new byte[] { 'I', 'I', 43, 0 }).array();
		assertFalse(ImageHeader.read(Files.write(dir.resolve("b"), bigTiff)).isPresent());
		assertFalse(ImageHeader.read(Files.write(dir.resolve("e"), new byte[3])).isPresent());
	}
}
