package org.animegan.fiji.model.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Another process downloading into the same models folder, for {@code DownloadTest}: holds the lock
 * on the file given, says "locked", and lets go when its standard input closes.
 */
public final class LockHolder {

	private LockHolder() {}

	public static void main(final String[] args) throws IOException {
		try (FileChannel ch = FileChannel.open(Paths.get(args[0]), StandardOpenOption.CREATE,
			StandardOpenOption.WRITE); FileLock lock = ch.lock())
		{
			System.out.println("locked");
			System.out.flush();
			while (System.in.read() >= 0) {
				// held until the test closes our input
			}
		}
	}
}
