package org.animegan.fiji.model.precision;

import static org.animegan.fiji.api.SettingsMessages.firstLine;

import java.nio.file.Path;
import java.util.Locale;

import org.animegan.fiji.api.RuntimeOptions.Precision;

/**
 * What package model.precision says to a user: one sentence each, naming the problem and, where
 * there is one, the fix.
 */
public final class PrecisionMessages {

	private PrecisionMessages() {}

	public static String fp16OnCpu() {
		return "precision=fp16 is refused on the CPU, because ONNX Runtime's CPU provider wraps half-precision operations in conversions to float and runs slower than fp32; choose fp32 or int8 there.";
	}

	public static String runningCopy(final Precision precision, final Path copy) {
		return "precision=" + precision.name().toLowerCase(Locale.ROOT) + " runs the model's copy " +
			copy + ", made on first use and kept next to the model.";
	}

	static String calibrationFailed(final String why) {
		return "The int8 copy of the model could not be calibrated (" + firstLine(why) + ").";
	}

	static String opsetTooOld(final String name, final long opset) {
		return "The model " + name + " uses ONNX opset " + opset +
			", but an int8 copy needs opset 13 or later; use precision=fp32 for it.";
	}

	static String nothingToQuantize(final String name) {
		return "The model " + name +
			" has no convolution with stored weights to quantize; use precision=fp32 for it.";
	}

	static String cannotWriteCopy(final Path copy, final String why) {
		return "The model copy " + copy + " could not be written next to the model (" + firstLine(
			why) + "); use precision=fp32, or copy the model into a folder you can write to.";
	}
}
