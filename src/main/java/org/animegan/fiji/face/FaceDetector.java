package org.animegan.fiji.face;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.animegan.fiji.core.AnimeGanException;
import org.animegan.fiji.core.Messages;
import org.animegan.fiji.core.Progress;
import org.animegan.fiji.image.RgbImage;
import org.animegan.fiji.model.DjlRuntime;
import org.animegan.fiji.model.ModelLibrary;
import org.animegan.fiji.model.onnx.OnnxSessions;

/**
 * The UltraFace RFB-640 face detector (MIT licence, Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB),
 * run through the same DJL + ONNX Runtime engine as the generators, with its own translator.
 */
public final class FaceDetector implements AutoCloseable {

	public static final String FILE_NAME = "ultraface-version-RFB-640.onnx";
	public static final String URL =
		"https://raw.githubusercontent.com/Linzaer/Ultra-Light-Fast-Generic-Face-Detector-1MB/master/models/onnx/" +
			FILE_NAME;
	public static final String SHA256 =
		"8f4c659275977e7a3bfbfa339a9c769ad793df50f9c0baa8c14b11baa1646430";
	/** Upstream's thresholds: face probability, and IoU for hard NMS. */
	public static final float THRESHOLD = 0.7f, IOU = 0.3f;
	/** Upstream's NMS candidate limit. */
	static final int CANDIDATES = 200;

	private final Model model;
	private final DetectorTranslator translator;

	private FaceDetector(final Model model, final DetectorTranslator translator) {
		this.model = model;
		this.translator = translator;
	}

	/**
	 * The detector file in the models folder, downloaded on first use from {@link #URL} and checked
	 * against {@link #SHA256}; offline, the error says where to put the file.
	 */
	public static Path locate(final ModelLibrary library, final Progress progress)
		throws AnimeGanException
	{
		return locate(library, progress, URL);
	}

	/** As {@link #locate(ModelLibrary, Progress)} from another address (tests use loopback). */
	static Path locate(final ModelLibrary library, final Progress progress, final String url)
		throws AnimeGanException
	{
		return library.auxiliary("UltraFace RFB-640", FILE_NAME, url, SHA256, progress);
	}

	public static FaceDetector open(final Path file, final int threads) throws AnimeGanException {
		DjlRuntime.engine();
		try (SessionOptions options = new SessionOptions()) {
			options.setIntraOpNumThreads(Math.max(1, threads));
			// The upstream export lists its weights as graph inputs; ORT warns about each one.
			options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
			final OrtSession session = OnnxSessions.open(file, options);
			boolean ok = false;
			try {
				final FaceDetector detector = wrap(file, session);
				ok = true;
				return detector;
			}
			finally {
				if (!ok) session.close();
			}
		}
		catch (final OrtException | ClassCastException e) {
			throw new AnimeGanException(Messages.cannotLoadModel(file, e.getMessage()), e);
		}
	}

	/** The session as a DJL model; its input shape gives the detector's fixed size. */
	private static FaceDetector wrap(final Path file, final OrtSession session)
		throws OrtException, AnimeGanException
	{
		final NodeInfo in = session.getInputInfo().values().iterator().next();
		final long[] shape = ((TensorInfo) in.getInfo()).getShape(); // [1, 3, H, W]
		if (shape.length != 4 || shape[1] != 3 || shape[2] < 1 || shape[3] < 1) {
			throw new AnimeGanException(Messages.notAnImageModel(file.getFileName().toString(), Arrays
				.toString(shape)));
		}
		final Model model = Model.newInstance(file.getFileName().toString(), Device.cpu(),
			DjlRuntime.ENGINE);
		model.setBlock(new OrtSymbolBlock(session, (OrtNDManager) model.getNDManager()));
		return new FaceDetector(model, new DetectorTranslator(in.getName(), (int) shape[3],
			(int) shape[2], THRESHOLD, IOU));
	}

	/** Every face above the threshold, best first, in the image's pixel coordinates. */
	public List<FaceBox> detect(final RgbImage image) throws AnimeGanException {
		try (Predictor<RgbImage, List<FaceBox>> p = model.newPredictor(translator)) {
			return p.predict(image);
		}
		catch (final TranslateException | RuntimeException e) {
			throw new AnimeGanException(Messages.faceDetectorFailed(e.getMessage()), e);
		}
	}

	@Override
	public void close() {
		model.close();
	}
}
