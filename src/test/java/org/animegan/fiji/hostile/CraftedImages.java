package org.animegan.fiji.hostile;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Image files made byte by byte for the hostile cases and the header tests: tiny files whose
 * headers claim huge sizes, damaged and truncated ones. Nothing here is committed as a file.
 */
public final class CraftedImages {

	private CraftedImages() {}

	/**
	 * A PNG whose IHDR (with a valid CRC) says width x height, 8 bits per sample, of the given colour
	 * type (0 grey, 2 RGB); its data is one short row.
	 */
	public static byte[] png(final int width, final int height, final int colourType) {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		final ByteBuffer ihdr = ByteBuffer.allocate(13);
		ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0)
			.put((byte) 0);
		chunk(out, "IHDR", ihdr.array());
		final Deflater deflater = new Deflater();
		deflater.setInput(new byte[1024]);
		deflater.finish();
		final byte[] idat = new byte[64];
		final int n = deflater.deflate(idat);
		deflater.end();
		chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
		chunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void chunk(final ByteArrayOutputStream out, final String type,
		final byte[] data)
	{
		final byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(t);
		out.writeBytes(data);
		final CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

	/** A real baseline JPEG of a small noisy picture, encoded by ImageIO. */
	public static byte[] jpeg(final int width, final int height) throws IOException {
		final BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		final Random random = new Random(42);
		for (int y = 0; y < height; y++)
			for (int x = 0; x < width; x++)
				img.setRGB(x, y, (x * 4 & 0xff) << 16 | (y * 4 & 0xff) << 8 | random.nextInt(64));
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		if (!ImageIO.write(img, "jpeg", out)) throw new IOException("no JPEG writer");
		return out.toByteArray();
	}

	/** A small real JPEG whose SOF0 marker is rewritten to claim width x height. */
	public static byte[] jpegClaiming(final int width, final int height) throws IOException {
		final byte[] b = jpeg(16, 16);
		final int sof = marker(b, 0xC0);
		// FF C0, length (2), precision (1), height (2), width (2)
		b[sof + 5] = (byte) (height >> 8);
		b[sof + 6] = (byte) height;
		b[sof + 7] = (byte) (width >> 8);
		b[sof + 8] = (byte) width;
		return b;
	}

	/** A JPEG with good headers whose entropy-coded scan is replaced by garbage. */
	public static byte[] damagedJpeg() throws IOException {
		final byte[] b = jpeg(256, 192);
		final int sos = marker(b, 0xDA);
		final int scan = sos + 2 + ((b[sos + 2] & 0xff) << 8 | b[sos + 3] & 0xff);
		final Random random = new Random(7);
		for (int i = scan; i < b.length - 2; i++) {
			b[i] = (byte) random.nextInt(256);
			// Markers inside the garbage would end the scan early; keep it one long scan.
			if (b[i] == (byte) 0xff) b[i] = 0x7f;
		}
		return b;
	}

	/** The position of the first marker FF code, walking segments from SOI. */
	static int marker(final byte[] b, final int code) {
		int p = 2;
		while (p + 4 <= b.length) {
			if ((b[p] & 0xff) != 0xff) throw new IllegalStateException("not at a marker: " + p);
			final int m = b[p + 1] & 0xff;
			if (m == code) return p;
			p += 2 + ((b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff);
		}
		throw new IllegalStateException("no marker " + Integer.toHexString(code));
	}

	/** One page of a crafted TIFF: 8-bit grey, one strip; {@code dataBytes} of it present. */
	public static final class Page {

		final int width, height;
		final int dataBytes;

		public Page(final int width, final int height, final int dataBytes) {
			this.width = width;
			this.height = height;
			this.dataBytes = dataBytes;
		}

		/** A page whose pixels are all in the file. */
		public static Page full(final int width, final int height) {
			return new Page(width, height, width * height);
		}
	}

	/**
	 * A little-endian TIFF of 8-bit grey pages, each IFD followed by its strip; the last IFD's next
	 * pointer is {@code lastNext} (0 ends the chain; an earlier IFD's offset makes a loop).
	 */
	public static byte[] tiff(final long lastNext, final Page... pages) {
		final int entries = 8;
		final int ifdBytes = IFD_BYTES;
		long size = 8;
		for (final Page p : pages)
			size += ifdBytes + p.dataBytes;
		final ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		for (int i = 0; i < pages.length; i++) {
			final Page p = pages[i];
			final int ifd = b.position();
			final int data = ifd + ifdBytes;
			final long next = i + 1 < pages.length ? data + p.dataBytes : lastNext;
			b.putShort((short) entries);
			entry(b, 256, 4, p.width);
			entry(b, 257, 4, p.height);
			entry(b, 258, 3, 8);
			entry(b, 259, 3, 1);
			entry(b, 262, 3, 1);
			entry(b, 273, 4, data);
			entry(b, 278, 4, p.height);
			entry(b, 279, 4, (long) p.width * p.height);
			b.putInt((int) next);
			for (int k = 0; k < p.dataBytes; k++)
				b.put((byte) (k * 7 + i * 40));
		}
		return b.array();
	}

	/** The offset of the first IFD in {@link #tiff}. */
	public static final int FIRST_IFD = 8;
	/** The size of each IFD in {@link #tiff}: 8 entries; a page's strip follows its IFD. */
	public static final int IFD_BYTES = 2 + 8 * 12 + 4;
	/** The index of the StripOffsets entry in each IFD of {@link #tiff}. */
	public static final int STRIP_OFFSETS_ENTRY = 5;

	private static void entry(final ByteBuffer b, final int tag, final int type, final long value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt((int) value);
	}

	/** A 3-plane stack saved by ImageJ, cut at two thirds: the last plane's pixels are missing. */
	public static byte[] truncatedStack() throws IOException {
		final ImageStack stack = new ImageStack(64, 48);
		for (int k = 0; k < 3; k++) {
			final ColorProcessor cp = new ColorProcessor(64, 48);
			cp.setColor(new java.awt.Color(60 * k, 120, 200 - 60 * k));
			cp.fill();
			stack.addSlice("page " + k, cp);
		}
		final Path tmp = Files.createTempFile("stack", ".tif");
		try {
			if (!new FileSaver(new ImagePlus("pages", stack)).saveAsTiffStack(tmp.toString()))
				throw new IOException("ImageJ did not save the stack");
			final byte[] whole = Files.readAllBytes(tmp);
			return Arrays.copyOf(whole, whole.length * 2 / 3);
		}
		finally {
			Files.delete(tmp);
		}
	}

	/** A real JPEG whose scan is random bytes, markers included: the decoder stops with an error. */
	public static byte[] garbageScan() throws IOException {
		final byte[] b = CraftedImages.jpeg(256, 192);
		final int sos = CraftedImages.marker(b, 0xDA);
		final Random random = new Random(3);
		for (int i = sos + 14; i < b.length - 2; i++)
			b[i] = (byte) random.nextInt(256);
		return b;
	}
}
