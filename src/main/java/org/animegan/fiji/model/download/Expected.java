package org.animegan.fiji.model.download;

/**
 * What a downloaded file must be, as far as it is known: its size, SHA-256 and git blob id (null
 * where not known). With neither checksum, the first download's SHA-256 is recorded and trusted
 * from then on.
 */
public final class Expected {

	/** Nothing known: trust on first download, under the {@link Downloader#DEFAULT_MAX_BYTES} cap. */
	public static final Expected NOTHING = new Expected(null, null, null);

	private final Long size;
	private final String sha256;
	private final String gitBlob;

	public Expected(final Long size, final String sha256, final String gitBlob) {
		this.size = size;
		this.sha256 = sha256;
		this.gitBlob = gitBlob;
	}

	/** Bytes, or null. */
	public Long size() {
		return size;
	}

	/** Lower-case hex, or null. */
	public String sha256() {
		return sha256;
	}

	/** The SHA-1 of {@code "blob <size>\0" + content}, lower-case hex, or null. */
	public String gitBlob() {
		return gitBlob;
	}

	/** True if the file is pinned by a checksum rather than trusted on first use. */
	public boolean pinned() {
		return sha256 != null || gitBlob != null;
	}

	/** The most bytes to accept: the known size, else the default limit. */
	long cap(final long defaultCap) {
		return size != null ? size : defaultCap;
	}
}
