package org.animegan.fiji.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Hadoop file read as a seekable channel: the bytes at any position, then the end. */
class HadoopChannelTest {

	@TempDir
	Path dir;

	@Test
	void readsTheBytesAtAnyPositionAndThenTheEnd() throws Exception {
		final byte[] bytes = new byte[200_000]; // more than one chunk of the channel's reads
		for (int i = 0; i < bytes.length; i++)
			bytes[i] = (byte) (i * 7);
		final Path file = dir.resolve("data.bin");
		Files.write(file, bytes);
		final org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
		final HadoopChannel ch;
		try (HadoopChannel c = HadoopChannel.open(FileSystem.getLocal(new Configuration(false)), p)) {
			ch = c;
			assertEquals(bytes.length, c.size());
			c.position(150_000);
			final ByteBuffer b = ByteBuffer.allocate(50_000);
			while (b.hasRemaining())
				c.read(b);
			final byte[] expected = new byte[50_000];
			System.arraycopy(bytes, 150_000, expected, 0, expected.length);
			assertArrayEquals(expected, b.array());
			assertEquals(-1, c.read(ByteBuffer.allocate(1)));
			c.position(3);
			final ByteBuffer one = ByteBuffer.allocate(1);
			assertEquals(1, c.read(one));
			assertEquals(bytes[3], one.get(0));
			assertEquals(4, c.position());
			assertThrows(NonWritableChannelException.class, () -> c.write(ByteBuffer.allocate(1)));
		}
		assertFalse(ch.isOpen());
	}
}
