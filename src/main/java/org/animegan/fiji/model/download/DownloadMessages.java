package org.animegan.fiji.model.download;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.Locale;
import javax.net.ssl.SSLException;

import org.animegan.fiji.api.SettingsMessages;

/** The sentences of downloads and of cached-file checks (one sentence each, no exception names). */
public final class DownloadMessages {

	private DownloadMessages() {}

	public static String plainHttp(final String url) {
		return "Warning: " + url +
			" is a plain http address, so the file could be altered on the way; prefer an https address.";
	}

	public static String notConfirmed(final String name, final String sha256) {
		return "No checksum is known for " + name + ", so its SHA-256 " + sha256 +
			" was recorded at this first download and later downloads must match it.";
	}

	// Reasons, for downloadFailed(url, target, reason).

	public static String tooLarge(final long declared, final long cap) {
		return "the server announced " + size(declared) + ", more than the limit of " + size(cap) +
			" for this model";
	}

	public static String cutAtCap(final long cap) {
		return "it was stopped at the limit of " + size(cap) + " for this model";
	}

	public static String stalled(final int minBytes, final long windowMs) {
		return "fewer than " + minBytes + " bytes arrived in " + windowMs / 1000 + " s";
	}

	public static String pastDeadline(final long deadlineMs) {
		return "it took longer than " + deadlineMs / 1000 + " s";
	}

	public static String downgrade(final String to) {
		return "it redirects from https down to the plain http address " + to;
	}

	public static String badRedirect(final String location) {
		return "it redirects to " + SettingsMessages.printable(location) + ", which is not an http or https address";
	}

	public static String tooManyRedirects(final int hops) {
		return "it redirects more than " + hops + " times";
	}

	public static String unsafeName(final String url) {
		return "The address " + SettingsMessages.printable(url) +
			" does not end in a plain file name (no '/', '\\', '..' or control characters once decoded), so nothing was downloaded.";
	}

	public static String sizeMismatch(final String url, final long got, final long expected,
		final Path target)
	{
		return "The file downloaded from " + url + " has " + got + " bytes instead of " + expected +
			", so it was discarded; try again later, or save a trusted copy as " + target + ".";
	}

	public static String pinMismatch(final String url, final String got, final String pinned,
		final Path target)
	{
		return "The file downloaded from " + url + " has git blob id " + got + " instead of the pinned " +
			pinned + ", so it was discarded; try again later, or save a trusted copy as " + target + ".";
	}

	public static String cachedChanged(final Path file, final String what) {
		return "The model file " + file + " no longer matches the " + what +
			", so it was not used; delete it to download it again.";
	}

	public static String unreadable(final Path file, final String why) {
		return "The model file " + file + " could not be read (" + why + ").";
	}

	public static String notAnAddress() {
		return "it is not a valid http or https address";
	}

	/** What went wrong with the connection, in words (the message of the exception when it has one). */
	public static String reason(final Exception e) {
		if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
			return "the server did not answer in time";
		}
		if (e instanceof UnknownHostException) return "the host " + e.getMessage() + " is unknown";
		if (e instanceof ConnectException) return "the connection was refused";
		if (e instanceof SSLException) return "the secure connection failed: " + e.getMessage();
		return e.getMessage() == null ? "the connection failed" : e.getMessage();
	}

	private static String size(final long bytes) {
		return bytes < 1_000_000 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f MB", bytes /
			1e6);
	}


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
