package org.animegan.fiji.model.onnx;

import ai.onnx.proto.OnnxMl;

import com.google.protobuf.CodedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.animegan.fiji.core.AnimeGanException;

/**
 * Reads an ONNX model file and refuses anything in it that would make ONNX Runtime reach outside
 * the file, before any session sees it:
 * <ul>
 * <li>tensors whose data is EXTERNAL (a {@code location} such as {@code /etc/passwd} or
 * {@code ../x} would be read into the weights), wherever a tensor can sit: graph initializers,
 * sparse initializers, node attributes (TENSOR, TENSORS, SPARSE_TENSOR(S)), subgraphs of
 * If/Loop/Scan (GRAPH, GRAPHS, any depth), model-local functions and training graphs;</li>
 * <li>{@code EPContext} nodes, whose {@code ep_cache_context} may name a file to load;</li>
 * <li>an {@code ort_config} metadata entry, which ONNX Runtime applies as session options
 * (profiling writes files) when the environment variable ORT_LOAD_CONFIG_FROM_MODEL is set.</li>
 * </ul>
 * Custom-operator domains need a library registered in the session options, which we never do, so
 * a model cannot load code by itself. The bytes checked are returned, so that the session is
 * created from exactly them ({@link OnnxSessions}).
 */
public final class OnnxModelCheck {

	/**
	 * The largest model file read: a generator is about 8.6 MB, the face detector 1.6 MB, so this
	 * leaves room for far larger generators while keeping memory bounded.
	 */
	public static final long MAX_BYTES = 256L << 20;

	private static final String EP_CONTEXT = "EPContext";
	private static final String ORT_CONFIG = "ort_config";

	private OnnxModelCheck() {}

	/** The file's bytes, once they are known to be a self-contained ONNX model. */
	public static byte[] read(final Path file) throws AnimeGanException {
		final byte[] bytes = readCapped(file);
		check(file, bytes);
		return bytes;
	}

	/** Refuses the model in {@code bytes} (read from {@code file}) if it reaches outside itself. */
	static void check(final Path file, final byte[] bytes) throws AnimeGanException {
		final OnnxMl.ModelProto model = parse(file, bytes);
		for (final OnnxMl.StringStringEntryProto e : model.getMetadataPropsList())
			if (ORT_CONFIG.equals(e.getKey())) throw new AnimeGanException(OnnxMessages.runtimeSettings(
				file));
		if (!model.hasGraph()) throw new AnimeGanException(OnnxMessages.notOnnx(file));
		final Walker walker = new Walker(file);
		walker.graph(model.getGraph());
		for (final OnnxMl.FunctionProto f : model.getFunctionsList())
			for (final OnnxMl.NodeProto n : f.getNodeList())
				walker.node(n);
		for (final OnnxMl.TrainingInfoProto t : model.getTrainingInfoList()) {
			walker.graph(t.getInitialization());
			walker.graph(t.getAlgorithm());
		}
	}

	private static byte[] readCapped(final Path file) throws AnimeGanException {
		try {
			// The size first, so that an oversized file costs nothing; then a bounded read, in case it grew.
			if (Files.size(file) > MAX_BYTES) throw new AnimeGanException(OnnxMessages.tooLarge(file, MAX_BYTES));
			try (InputStream in = Files.newInputStream(file)) {
				final byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
				if (bytes.length > MAX_BYTES) throw new AnimeGanException(OnnxMessages.tooLarge(file,
					MAX_BYTES));
				return bytes;
			}
		}
		catch (final IOException e) {
			throw new AnimeGanException(OnnxMessages.unreadable(file, e), e);
		}
	}

	private static OnnxMl.ModelProto parse(final Path file, final byte[] bytes)
		throws AnimeGanException
	{
		if (bytes.length == 0) throw new AnimeGanException(OnnxMessages.notOnnx(file));
		try {
			final CodedInputStream in = CodedInputStream.newInstance(bytes);
			in.enableAliasing(true); // weights stay views of the bytes: no second copy just to check
			final OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(in);
			in.checkLastTagWas(0);
			return model;
		}
		catch (final IOException | RuntimeException e) {
			throw new AnimeGanException(OnnxMessages.notOnnx(file), e);
		}
	}

	/** Visits every graph, node, attribute and tensor; protobuf's nesting limit bounds the depth. */
	private static final class Walker {

		private final Path file;

		Walker(final Path file) {
			this.file = file;
		}

		void graph(final OnnxMl.GraphProto g) throws AnimeGanException {
			for (final OnnxMl.TensorProto t : g.getInitializerList())
				tensor(t);
			for (final OnnxMl.SparseTensorProto s : g.getSparseInitializerList())
				sparse(s);
			for (final OnnxMl.NodeProto n : g.getNodeList())
				node(n);
		}

		void node(final OnnxMl.NodeProto n) throws AnimeGanException {
			if (EP_CONTEXT.equals(n.getOpType())) throw new AnimeGanException(OnnxMessages
				.precompiledContext(file, n.getName()));
			for (final OnnxMl.AttributeProto a : n.getAttributeList())
				attribute(a);
		}

		private void attribute(final OnnxMl.AttributeProto a) throws AnimeGanException {
			// Every field, whatever the declared type says: ORT reads by type, an attacker need not.
			if (a.hasT()) tensor(a.getT());
			for (final OnnxMl.TensorProto t : a.getTensorsList())
				tensor(t);
			if (a.hasSparseTensor()) sparse(a.getSparseTensor());
			for (final OnnxMl.SparseTensorProto s : a.getSparseTensorsList())
				sparse(s);
			if (a.hasG()) graph(a.getG());
			for (final OnnxMl.GraphProto g : a.getGraphsList())
				graph(g);
		}

		private void sparse(final OnnxMl.SparseTensorProto s) throws AnimeGanException {
			tensor(s.getValues());
			tensor(s.getIndices());
		}

		private void tensor(final OnnxMl.TensorProto t) throws AnimeGanException {
			if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL || t
				.getExternalDataCount() > 0)
			{
				String location = "";
				for (final OnnxMl.StringStringEntryProto e : t.getExternalDataList())
					if ("location".equals(e.getKey())) location = e.getValue();
				throw new AnimeGanException(OnnxMessages.externalData(file, t.getName(), location));
			}
		}
	}
}
