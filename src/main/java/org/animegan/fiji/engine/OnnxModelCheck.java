package org.animegan.fiji.engine;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.animegan.fiji.api.AnimeGanException;

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
 * created from exactly them ({@link Sessions}).
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

	/**
	 * The file's bytes, in a direct buffer (native memory, handed to ONNX Runtime without a copy;
	 * free it once the session exists), once they are known to be a self-contained ONNX model.
	 */
	public static ByteBuffer read(final Path file) throws AnimeGanException {
		final ByteBuffer bytes = readCapped(file);
		boolean ok = false;
		try {
			check(file, bytes);
			ok = true;
			return bytes;
		}
		finally {
			if (!ok) DirectBuffers.free(bytes);
		}
	}

	/** Refuses the model in {@code bytes} (read from {@code file}) if it reaches outside itself. */
	static void check(final Path file, final ByteBuffer bytes) throws AnimeGanException {
		if (!bytes.hasRemaining()) throw new AnimeGanException(EngineMessages.notOnnx(file));
		final Scan scan = new Scan(file, CodedInputStream.newInstance(bytes.duplicate()));
		try {
			// A limit at the end, so that a length running past it reads as "cut short".
			scan.in.pushLimit(bytes.remaining());
			scan.model();
		}
		catch (final IOException | RuntimeException e) {
			throw new AnimeGanException(EngineMessages.notOnnx(file), e);
		}
	}

	private static ByteBuffer readCapped(final Path file) throws AnimeGanException {
		// Not a pipe or a device: opening one could block, or read forever.
		if (!Files.isRegularFile(file)) throw new AnimeGanException(EngineMessages.unreadable(file,
			Files.exists(file) ? "not a regular file" : "no such file"));
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			// The size first, so that an oversized file costs nothing. Growth while reading is ignored:
			// what is read is both what is checked and what is loaded.
			final long size = ch.size();
			if (size > MAX_BYTES) throw new AnimeGanException(EngineMessages.tooLarge(file, MAX_BYTES));
			final ByteBuffer buffer = ByteBuffer.allocateDirect((int) size);
			while (buffer.hasRemaining() && ch.read(buffer) >= 0) {
				// until full, or the end of a file that shrank
			}
			return buffer.flip();
		}
		catch (final IOException e) {
			throw new AnimeGanException(EngineMessages.unreadable(file, e.getMessage() ==
				null ? e.getClass().getSimpleName() : e.getMessage()), e);
		}
	}

	/** Receives the fields of one nested message. */
	@FunctionalInterface
	private interface Fields {

		void read() throws IOException, AnimeGanException;
	}

	/**
	 * Walks the protobuf wire format down every path that can hold a tensor, a node or a graph, and
	 * skips the rest (weights included) without copying it. The generated {@code OnnxMl} classes would
	 * do the same check, but loading them and building their objects cost about 1 s in a fresh JVM
	 * (measured on generator_nchw.onnx), where this walk, reading included, takes 30 to 90 ms. Field
	 * numbers are {@code OnnxMl}'s own constants. Where ONNX Runtime's parser could see something the walk
	 * does not (a field repeated, a wire type it would skip), the walk errs towards refusing: any
	 * occurrence of {@code data_location} other than DEFAULT, or of {@code external_data}, counts.
	 */
	private static final class Scan {

		/** Subgraphs nest; protobuf's own parsers stop at 100 levels too. */
		private static final int MAX_DEPTH = 100;

		final CodedInputStream in;
		private final Path file;
		private int depth;

		Scan(final Path file, final CodedInputStream in) {
			this.file = file;
			this.in = in;
		}

		void model() throws IOException, AnimeGanException {
			boolean graph = false;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.ModelProto.GRAPH_FIELD_NUMBER)) {
					graph = true;
					nested(this::graph);
				}
				else if (is(tag, OnnxMl.ModelProto.FUNCTIONS_FIELD_NUMBER)) nested(this::function);
				else if (is(tag, OnnxMl.ModelProto.TRAINING_INFO_FIELD_NUMBER)) nested(this::training);
				else if (is(tag, OnnxMl.ModelProto.METADATA_PROPS_FIELD_NUMBER)) nested(this::metadata);
				else skip(tag);
			}
			if (!graph) throw new AnimeGanException(EngineMessages.notOnnx(file));
		}

		private void graph() throws IOException, AnimeGanException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.GraphProto.NODE_FIELD_NUMBER)) nested(this::node);
				else if (is(tag, OnnxMl.GraphProto.INITIALIZER_FIELD_NUMBER)) nested(this::tensor);
				else if (is(tag, OnnxMl.GraphProto.SPARSE_INITIALIZER_FIELD_NUMBER)) nested(this::sparse);
				else skip(tag);
			}
		}

		private void function() throws IOException, AnimeGanException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.FunctionProto.NODE_FIELD_NUMBER)) nested(this::node);
				else skip(tag);
			}
		}

		private void training() throws IOException, AnimeGanException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.TrainingInfoProto.INITIALIZATION_FIELD_NUMBER) || is(tag,
					OnnxMl.TrainingInfoProto.ALGORITHM_FIELD_NUMBER)) nested(this::graph);
				else skip(tag);
			}
		}

		private void metadata() throws IOException, AnimeGanException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (!is(tag, OnnxMl.StringStringEntryProto.KEY_FIELD_NUMBER)) skip(tag);
				else if (ORT_CONFIG.equals(text())) throw new AnimeGanException(EngineMessages
					.runtimeSettings(file));
			}
		}

		private void node() throws IOException, AnimeGanException {
			String name = "";
			boolean context = false;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.NodeProto.NAME_FIELD_NUMBER)) name = text();
				else if (is(tag, OnnxMl.NodeProto.OP_TYPE_FIELD_NUMBER)) context |= EP_CONTEXT.equals(
					text());
				else if (is(tag, OnnxMl.NodeProto.ATTRIBUTE_FIELD_NUMBER)) nested(this::attribute);
				else skip(tag);
			}
			if (context) throw new AnimeGanException(EngineMessages.precompiledContext(file, name));
		}

		/** Every tensor and graph field, whatever the declared type says: an attacker need not agree. */
		private void attribute() throws IOException, AnimeGanException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.AttributeProto.T_FIELD_NUMBER) || is(tag,
					OnnxMl.AttributeProto.TENSORS_FIELD_NUMBER)) nested(this::tensor);
				else if (is(tag, OnnxMl.AttributeProto.G_FIELD_NUMBER) || is(tag,
					OnnxMl.AttributeProto.GRAPHS_FIELD_NUMBER)) nested(this::graph);
				else if (is(tag, OnnxMl.AttributeProto.SPARSE_TENSOR_FIELD_NUMBER) || is(tag,
					OnnxMl.AttributeProto.SPARSE_TENSORS_FIELD_NUMBER)) nested(this::sparse);
				else skip(tag);
			}
		}

		private void sparse() throws IOException, AnimeGanException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.SparseTensorProto.VALUES_FIELD_NUMBER) || is(tag,
					OnnxMl.SparseTensorProto.INDICES_FIELD_NUMBER)) nested(this::tensor);
				else skip(tag);
			}
		}

		private void tensor() throws IOException, AnimeGanException {
			String name = "";
			final String[] location = { "" };
			boolean external = false;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				final int field = WireFormat.getTagFieldNumber(tag);
				if (is(tag, OnnxMl.TensorProto.NAME_FIELD_NUMBER)) name = text();
				else if (field == OnnxMl.TensorProto.DATA_LOCATION_FIELD_NUMBER) {
					if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) external |= in
						.readEnum() != OnnxMl.TensorProto.DataLocation.DEFAULT_VALUE;
					else {
						external = true;
						skip(tag);
					}
				}
				else if (field == OnnxMl.TensorProto.EXTERNAL_DATA_FIELD_NUMBER) {
					external = true;
					if (is(tag, field)) nested(() -> location(location));
					else skip(tag);
				}
				else skip(tag);
			}
			if (external) throw new AnimeGanException(EngineMessages.externalData(file, name,
				location[0]));
		}

		/** An external_data entry: keeps the value of key "location". */
		private void location(final String[] location) throws IOException {
			String key = "", value = "";
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (is(tag, OnnxMl.StringStringEntryProto.KEY_FIELD_NUMBER)) key = text();
				else if (is(tag, OnnxMl.StringStringEntryProto.VALUE_FIELD_NUMBER)) value = text();
				else skip(tag);
			}
			if ("location".equals(key)) location[0] = value;
		}

		/** True if {@code tag} is field {@code number} as a length-delimited value (message, string). */
		private static boolean is(final int tag, final int number) {
			return tag == (number << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED);
		}

		/** Reads the nested message that follows, within its length. */
		private void nested(final Fields fields) throws IOException, AnimeGanException {
			if (++depth > MAX_DEPTH) throw new AnimeGanException(EngineMessages.notOnnx(file));
			final int old = in.pushLimit(in.readRawVarint32());
			fields.read();
			in.popLimit(old);
			depth--;
		}

		private String text() throws IOException {
			return in.readBytes().toStringUtf8();
		}

		private void skip(final int tag) throws IOException {
			// false: an end-group tag where none was opened, which no valid model has.
			if (!in.skipField(tag)) throw new IOException("unbalanced group");
		}
	}
}
