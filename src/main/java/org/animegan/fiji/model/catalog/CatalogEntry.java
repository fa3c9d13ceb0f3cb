package org.animegan.fiji.model.catalog;

import java.util.Collections;
import java.util.List;

/**
 * One published generator as described in {@code models/catalog.json}. Fields are filled by gson
 * (snake_case keys in the file); absent optional values are null.
 */
public final class CatalogEntry {

	private String id;
	private String name;
	/** animegan2-pt, animegan2-tf or animegan3. */
	private String family;
	/** File name in the models folder. */
	private String file;
	private List<String> urls;
	/** True only if the address is written in the upstream project's own code or README. */
	private boolean verified;
	/** Where the address was found. */
	private String source;
	private Long size;
	private String sha256;
	/** The upstream git blob id: SHA-1 of {@code "blob <size>\0" + content}. */
	private String gitBlob;
	private String licence;
	private String inputSize;
	/** faces or scenes. */
	private String goodFor;
	/** Overrides the stride read from the graph (AnimeGANv3 tiny models need 16). */
	private Integer stride;

	public String id() {
		return id;
	}

	public String name() {
		return name;
	}

	public String family() {
		return family;
	}

	public String file() {
		return file;
	}

	public List<String> urls() {
		return urls == null ? Collections.emptyList() : Collections.unmodifiableList(urls);
	}

	public boolean verified() {
		return verified;
	}

	public String source() {
		return source;
	}

	/** Bytes, or null if not known. */
	public Long size() {
		return size;
	}

	/** Lower-case hex, or null if not known (then the first download's checksum is recorded). */
	public String sha256() {
		return sha256;
	}

	/** Lower-case hex git blob id pinning the file, or null if not known. */
	public String gitBlob() {
		return gitBlob;
	}

	public String licence() {
		return licence;
	}

	public String inputSize() {
		return inputSize;
	}

	public String goodFor() {
		return goodFor;
	}

	/** The stride to use, or 0 to take it from the graph. */
	public int stride() {
		return stride == null ? 0 : stride;
	}

	@Override
	public String toString() {
		return id + " (" + name + ")";
	}
}
