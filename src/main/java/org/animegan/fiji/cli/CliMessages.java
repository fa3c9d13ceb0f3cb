package org.animegan.fiji.cli;

import java.nio.file.Path;

import org.animegan.fiji.api.SettingsMessages;

/**
 * What package cli says to a user: one sentence each, naming the problem and, where there is
 * one, the fix.
 */
public final class CliMessages {

	private CliMessages() {}

	/** A usage or setup error, printed before the run stops with exit code 2. */
	public static String cliError(final String message) {
		return "error: " + message;
	}

	public static String seeHelp() {
		return "Run with --help for usage.";
	}

	public static String optionNeedsPath(final String option) {
		return "The option " + option + " needs a path.";
	}

	public static String optionNeedsValue(final String option) {
		return "The option " + option + " needs a value.";
	}

	public static String badFrameRate(final String value, final int max) {
		return "The frame rate must be a number of frames per second above 0 and at most " + max +
			", not " + SettingsMessages.shown(value) + ".";
	}

	public static String unknownOption(final String option) {
		return "Unknown option " + option + ".";
	}

	public static String noInputs() {
		return "Give at least one input file or folder.";
	}

	public static String noOutput() {
		return "Give the output with -o OUTPUT.";
	}

	public static String inputMissing(final Path input) {
		return "The input " + input + " does not exist.";
	}

	public static String folderUnreadable(final Path folder) {
		return "The folder " + folder + " cannot be read.";
	}

	public static String noImageFiles() {
		return "No PNG, JPEG, TIFF or AVI files were found in the inputs.";
	}

	public static String cannotCreateOutputFolder(final Path folder) {
		return "Cannot create the output folder " + folder + ".";
	}

	public static String wouldOverwrite(final Path target) {
		return "The output " + target +
			" would overwrite an input or an earlier result; choose another output folder.";
	}

	/** The command line's line for a file that failed; the other files go on. */
	public static String fileFailed(final Path input, final String why) {
		return "failed: " + input + ": " + why;
	}

	public static String filesFailed(final int failed, final int total) {
		return failed + " of " + total + " file(s) failed.";
	}

	/** The command line's line for each result written. */
	public static String resultLine(final Path input, final Path result) {
		return input + " -> " + result;
	}
}
