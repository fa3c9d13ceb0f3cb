package org.animegan.fiji.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file on any Hadoop file system as a read-only seekable channel, so that the header readers the
 * command line uses (TIFF pages, AVI frames, sizes) read it in place: a header takes a few reads,
 * never a copy of the file.
 */
final class HadoopChannel implements SeekableByteChannel {

	/** Bytes asked of the stream at most per read. */
	private static final int CHUNK = 1 << 16;

	private final FSDataInputStream in;
	private final long size;
	private long position;
	private boolean open = true;

	private HadoopChannel(final FSDataInputStream in, final long size) {
		this.in = in;
		this.size = size;
	}

	static HadoopChannel open(final FileSystem fs, final Path file) throws IOException {
		final long size = fs.getFileStatus(file).getLen();
		return new HadoopChannel(fs.open(file), size);
	}

	@Override
	public int read(final ByteBuffer dst) throws IOException {
		if (position >= size) return -1;
		final byte[] b = new byte[(int) Math.min(Math.min(dst.remaining(), CHUNK), size - position)];
		final int n = in.read(position, b, 0, b.length);
		if (n < 0) return -1;
		dst.put(b, 0, n);
		position += n;
		return n;
	}

	@Override
	public int write(final ByteBuffer src) {
		throw new NonWritableChannelException();
	}

	@Override
	public long position() {
		return position;
	}

	@Override
	public SeekableByteChannel position(final long newPosition) {
		if (newPosition < 0) throw new IllegalArgumentException("negative position");
		position = newPosition;
		return this;
	}

	@Override
	public long size() {
		return size;
	}

	@Override
	public SeekableByteChannel truncate(final long newSize) {
		throw new NonWritableChannelException();
	}

	@Override
	public boolean isOpen() {
		return open;
	}

	@Override
	public void close() throws IOException {
		open = false;
		in.close();
	}
}
