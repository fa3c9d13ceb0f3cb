package org.animegan.fiji.model.download;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What package model.download says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class DownloadMessages {

	private DownloadMessages() {}

	public static String downloadProgress(final String name, final long done, final long total) {
		return total > 0 ? String.format(Locale.ROOT, "Downloading %s: %d%% of %.1f MB", name, done *
			100 / total, total / 1e6) : String.format(Locale.ROOT, "Downloading %s: %.1f MB", name,
				done / 1e6);
	}

	public static String downloaded(final String name, final Path target, final String sha256) {
		return "Downloaded " + name + " to " + target + " (SHA-256 " + sha256 + ").";
	}

	public static String downloadFailed(final String url, final Path target, final String why) {
		return "The model could not be downloaded from " + url + " (" + firstLine(why) +
			"); download it yourself and save it as " + target + ".";
	}

	public static String downloadCancelled(final String url, final Path target) {
		return "The download from " + url + " was cancelled and nothing was saved; run again, or save the file yourself as " +
			target + ".";
	}

	public static String checksumMismatch(final String url, final String got, final String expected,
		final Path target)
	{
		return "The file downloaded from " + url + " has SHA-256 " + got + " instead of " + expected +
			", so it was discarded; try again later, or save a trusted copy as " + target + ".";
	}

	public static String checksumChanged(final String url, final String got, final String recorded,
		final Path target)
	{
		return "The file downloaded from " + url + " has SHA-256 " + got +
			", which differs from the " + recorded + " recorded at its first download, so it was discarded; if the new file is trusted, delete " +
			target + ".sha256 and try again.";
	}

	public static String truncated(final long got, final long expected) {
		return "the connection closed after " + got + " of " + expected + " bytes";
	}

	public static String httpStatus(final int status) {
		return "the server answered HTTP " + status;
	}
}
