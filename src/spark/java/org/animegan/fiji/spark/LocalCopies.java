package org.animegan.fiji.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Local copies of inputs on other file systems (HDFS, S3) for the ranges of their planes: ImageJ's
 * readers need a local file, and an executor that runs several ranges of one video copies it once,
 * not once a range. A copy is known by the input's path, length and modification time, so a
 * changed input is copied again; copies go when the executor's JVM ends.
 */
final class LocalCopies {

	private static final Map<String, java.nio.file.Path> COPIES = new HashMap<>();

	private LocalCopies() {}

	/** The local copy of {@code in}, made now if this JVM has none of its current version. */
	static synchronized java.nio.file.Path of(final Path in, final Configuration conf)
		throws IOException
	{
		final FileSystem fs = in.getFileSystem(conf);
		final FileStatus s = fs.getFileStatus(in);
		final String key = s.getPath() + " " + s.getLen() + " " + s.getModificationTime();
		final java.nio.file.Path known = COPIES.get(key);
		if (known != null && Files.isRegularFile(known)) return known;
		final java.nio.file.Path folder = Files.createTempDirectory("animegan-spark-input-");
		folder.toFile().deleteOnExit();
		final java.nio.file.Path local = folder.resolve(in.getName());
		fs.copyToLocalFile(false, s.getPath(), new Path(local.toUri()), true);
		local.toFile().deleteOnExit();
		COPIES.put(key, local);
		return local;
	}
}
