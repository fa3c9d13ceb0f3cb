package org.animegan.fiji.model.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.model.DirectBuffers;
import org.animegan.fiji.model.DjlRuntime;

/**
 * The one place where ONNX Runtime sessions are made from model files: generators, the face
 * detector, catalog, downloaded and converted models alike. The file is read and checked by
 * {@link OnnxModelCheck}, and the session is created from those same bytes, never from the path:
 * the bytes checked are the bytes run (no window to swap the file), and ONNX Runtime has no model
 * folder to resolve relative locations against.
 */
public final class OnnxSessions {

	/** ONNX Runtime would take bytes in its own ORT flatbuffer format too, which we do not check. */
	private static final String LOAD_FORMAT = "session.load_model_format";

	private OnnxSessions() {}

	/**
	 * A session for the model in {@code file}, with the caller's options (which gain the setting that
	 * the bytes are read as ONNX only).
	 *
	 * @throws AnimeGanException if the file cannot be read, is too large, is not ONNX or reaches
	 *           outside itself; the message is one sentence naming the file
	 */
	public static OrtSession open(final Path file, final SessionOptions options)
		throws AnimeGanException, OrtException
	{
		final ByteBuffer model = OnnxModelCheck.read(file);
		try {
			options.addConfigEntry(LOAD_FORMAT, "ONNX");
			return DjlRuntime.environment().createSession(model, options);
		}
		finally {
			DirectBuffers.free(model); // ONNX Runtime parsed the model into its own structures
		}
	}
}
