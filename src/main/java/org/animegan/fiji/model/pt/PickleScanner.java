package org.animegan.fiji.model.pt;

import net.razorvine.pickle.Opcodes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Walks a data.pkl opcode by opcode before the pickle library sees it, the way
 * {@code pickletools.genops} does, and follows what each opcode leaves on the stack as a coarse
 * kind. It accepts only the opcodes that {@code torch.save} writes for a state_dict (protocol 2),
 * arguments that lie inside the file, short numbers, memo references that were stored before, and
 * stack shapes a state_dict produces. What passes cannot make the library fail (empty stack, a
 * missing memo entry, REDUCE on a non-callable, a self-containing dict key) or allocate beyond the
 * file. The walk is linear in the file's length.
 */
final class PickleScanner {

	/** Longer text INT or LONG arguments are not sizes or offsets (and the library parses them slowly). */
	static final int MAX_DIGITS = 19;
	/** GLOBAL's module and name lines; torch's are under 40 characters. */
	static final int MAX_LINE = 256;
	/** LONG_BINPUT/LONG_BINGET indices; a checkpoint uses one per object. */
	static final long MAX_MEMO = 1 << 20;

	private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]{1," + MAX_DIGITS + "}");

	/** What a stack slot holds. */
	private enum Kind {
		MARK, NONE, BOOL, INT, FLOAT, STR, TUPLE, LIST, DICT, STORAGE,
		/** collections.OrderedDict, callable by REDUCE. */
		DICT_TYPE,
		/** torch._utils._rebuild_tensor_v2 or _rebuild_parameter, callable by REDUCE. */
		REBUILD,
		/** torch.FloatStorage and the like: only an argument of a persistent id. */
		STORAGE_TYPE,
		/** What a REBUILD returns. */
		TENSOR
	}

	/** A refusal, with a short English description of what was found and where. */
	static final class Malformed extends Exception {

		private static final long serialVersionUID = 1L;
		/** Set when the opcode itself is outside the allow-list. */
		final String opcode;

		Malformed(final String detail, final String opcode) {
			super(detail, null, false, false);
			this.opcode = opcode;
		}
	}

	private final byte[] data;
	private int pos;
	private final List<Kind> stack = new ArrayList<>();
	private final Map<Long, Kind> memo = new HashMap<>();

	private PickleScanner(final byte[] data) {
		this.data = data;
	}

	/**
	 * Checks a whole data.pkl.
	 *
	 * @throws Malformed naming the first problem and its byte offset
	 * @throws RestrictedUnpickler.RefusedException for a global outside the allow-list
	 */
	static void check(final byte[] pickle) throws Malformed {
		new PickleScanner(pickle).run();
	}

	private void run() throws Malformed {
		while (pos < data.length) {
			final int at = pos;
			final int op = data[pos++] & 0xff;
			if (step(op, at)) return;
		}
		throw new Malformed("the data ends before STOP", null);
	}

	/** One opcode; true at STOP. */
	private boolean step(final int op, final int at) throws Malformed {
		switch (op) {
			case Opcodes.PROTO: {
				final int v = u8();
				if (v > 2) throw new Malformed("protocol " + v + " at byte " + at, null);
				return false;
			}
			case Opcodes.STOP: {
				final Kind k = pop(op, at);
				if (k != Kind.DICT || !stack.isEmpty()) throw bad("STOP", k, at);
				return true;
			}
			case Opcodes.MARK:
				push(Kind.MARK);
				return false;
			case Opcodes.NONE:
				push(Kind.NONE);
				return false;
			case Opcodes.NEWTRUE:
			case Opcodes.NEWFALSE:
				push(Kind.BOOL);
				return false;
			case Opcodes.BININT1:
				skip(1, at);
				push(Kind.INT);
				return false;
			case Opcodes.BININT2:
				skip(2, at);
				push(Kind.INT);
				return false;
			case Opcodes.BININT:
				skip(4, at);
				push(Kind.INT);
				return false;
			case Opcodes.LONG1: {
				final int n = u8();
				if (n > 8) throw new Malformed("an integer of " + n + " bytes at byte " + at, null);
				skip(n, at);
				push(Kind.INT);
				return false;
			}
			case Opcodes.INT:
			case Opcodes.LONG: {
				String digits = line(MAX_DIGITS + 2);
				if (digits != null && op == Opcodes.LONG && digits.endsWith("L")) digits = digits
					.substring(0, digits.length() - 1);
				if (digits == null || !DIGITS.matcher(digits).matches()) {
					throw new Malformed("a text number of more than " + MAX_DIGITS +
						" digits or with other characters at byte " + at, null);
				}
				push(Kind.INT);
				return false;
			}
			case Opcodes.BINFLOAT:
				skip(8, at);
				push(Kind.FLOAT);
				return false;
			case Opcodes.BINUNICODE:
				skip(u32(at), at);
				push(Kind.STR);
				return false;
			case Opcodes.GLOBAL: {
				final String module = line(MAX_LINE);
				final String name = module == null ? null : line(MAX_LINE);
				if (name == null) throw new Malformed("a GLOBAL name longer than " + MAX_LINE +
					" characters at byte " + at, null);
				push(globalKind(module, name));
				return false;
			}
			case Opcodes.EMPTY_TUPLE:
				push(Kind.TUPLE);
				return false;
			case Opcodes.EMPTY_LIST:
				push(Kind.LIST);
				return false;
			case Opcodes.EMPTY_DICT:
				push(Kind.DICT);
				return false;
			case Opcodes.TUPLE1:
			case Opcodes.TUPLE2:
			case Opcodes.TUPLE3:
				for (int i = 0; i <= op - Opcodes.TUPLE1; i++)
					pop(op, at);
				push(Kind.TUPLE);
				return false;
			case Opcodes.TUPLE:
				popToMark(op, at);
				push(Kind.TUPLE);
				return false;
			case Opcodes.APPEND:
				pop(op, at);
				expectTop(Kind.LIST, "APPEND", at);
				return false;
			case Opcodes.APPENDS:
				popToMark(op, at);
				expectTop(Kind.LIST, "APPENDS", at);
				return false;
			case Opcodes.SETITEM: {
				pop(op, at);
				key(pop(op, at), at);
				expectTop(Kind.DICT, "SETITEM", at);
				return false;
			}
			case Opcodes.SETITEMS: {
				final List<Kind> items = popToMark(op, at);
				if (items.size() % 2 != 0) throw new Malformed("SETITEMS with an odd number of items at byte " +
					at, null);
				for (int i = 0; i < items.size(); i += 2)
					key(items.get(i), at);
				expectTop(Kind.DICT, "SETITEMS", at);
				return false;
			}
			case Opcodes.BINPUT:
				memo.put((long) u8(), top("BINPUT", at));
				return false;
			case Opcodes.LONG_BINPUT: {
				final long i = u32(at);
				if (i >= MAX_MEMO) throw new Malformed("memo index " + i + " at byte " + at, null);
				memo.put(i, top("LONG_BINPUT", at));
				return false;
			}
			case Opcodes.BINGET:
				get(u8(), at);
				return false;
			case Opcodes.LONG_BINGET:
				get(u32(at), at);
				return false;
			case Opcodes.BINPERSID: {
				final Kind k = pop(op, at);
				if (k != Kind.TUPLE) throw bad("BINPERSID", k, at);
				push(Kind.STORAGE);
				return false;
			}
			case Opcodes.REDUCE: {
				final Kind args = pop(op, at);
				final Kind callable = pop(op, at);
				if (args != Kind.TUPLE) throw bad("REDUCE", args, at);
				if (callable == Kind.DICT_TYPE) push(Kind.DICT);
				else if (callable == Kind.REBUILD) push(Kind.TENSOR);
				else throw bad("REDUCE", callable, at);
				return false;
			}
			case Opcodes.BUILD: {
				pop(op, at);
				expectTop(Kind.DICT, "BUILD", at);
				return false;
			}
			default:
				refuseOther(op, at);
				return false;
		}
	}

	/** Any other opcode: a length beyond the file is named as such, everything else as unused. */
	private void refuseOther(final int op, final int at) throws Malformed {
		final int width;
		switch (op) {
			case Opcodes.SHORT_BINSTRING:
			case Opcodes.SHORT_BINBYTES:
			case Opcodes.SHORT_BINUNICODE:
				width = 1;
				break;
			case Opcodes.BINSTRING:
			case Opcodes.BINBYTES:
			case Opcodes.LONG4:
				width = 4;
				break;
			case Opcodes.BINBYTES8:
			case Opcodes.BINUNICODE8:
			case Opcodes.BYTEARRAY8:
			case Opcodes.FRAME:
				width = 8;
				break;
			default:
				width = 0;
		}
		if (width > 0 && pos + width <= data.length) {
			long n = 0;
			for (int i = width - 1; i >= 0; i--)
				n = n << 8 | data[pos + i] & 0xff;
			final long left = data.length - pos - width;
			if (n < 0 || n > left) throw beyond(n, left, at);
		}
		throw new Malformed("byte " + at, opcodeName(op));
	}

	/** The kind of an allowed global; {@link RestrictedUnpickler#global} refuses the rest. */
	private static Kind globalKind(final String module, final String name) {
		final Object g = RestrictedUnpickler.global(module, name);
		if (g instanceof RestrictedUnpickler.StorageType) return Kind.STORAGE_TYPE;
		return (module + "." + name).equals("collections.OrderedDict") ? Kind.DICT_TYPE
			: Kind.REBUILD;
	}

	/** Keys are strings or numbers: nothing that hashes its own contents, so nothing recursive. */
	private static void key(final Kind k, final int at) throws Malformed {
		if (k != Kind.STR && k != Kind.INT) throw new Malformed("a dictionary key that is a " + name(
			k) + " at byte " + at, null);
	}

	private void get(final long index, final int at) throws Malformed {
		final Kind k = memo.get(index);
		if (k == null) throw new Malformed("a reference to memo entry " + index +
			", which was never stored, at byte " + at, null);
		push(k);
	}

	private void push(final Kind k) {
		stack.add(k);
	}

	private Kind pop(final int op, final int at) throws Malformed {
		if (stack.isEmpty() || stack.get(stack.size() - 1) == Kind.MARK) {
			throw new Malformed(opcodeName(op) + " on an empty stack at byte " + at, null);
		}
		return stack.remove(stack.size() - 1);
	}

	private Kind top(final String what, final int at) throws Malformed {
		if (stack.isEmpty() || stack.get(stack.size() - 1) == Kind.MARK) {
			throw new Malformed(what + " on an empty stack at byte " + at, null);
		}
		return stack.get(stack.size() - 1);
	}

	private void expectTop(final Kind k, final String what, final int at) throws Malformed {
		final Kind t = top(what, at);
		if (t != k) throw bad(what, t, at);
	}

	private List<Kind> popToMark(final int op, final int at) throws Malformed {
		final int mark = stack.lastIndexOf(Kind.MARK);
		if (mark < 0) throw new Malformed(opcodeName(op) + " without a MARK at byte " + at, null);
		final List<Kind> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
		stack.subList(mark, stack.size()).clear();
		return items;
	}

	private int u8() throws Malformed {
		if (pos >= data.length) throw new Malformed("the data ends inside an opcode", null);
		return data[pos++] & 0xff;
	}

	/** A little-endian unsigned 32-bit length or index. */
	private long u32(final int at) throws Malformed {
		skipChecked(4, at);
		final int p = pos - 4;
		return (data[p] & 0xffL) | (data[p + 1] & 0xffL) << 8 | (data[p + 2] & 0xffL) << 16 |
			(data[p + 3] & 0xffL) << 24;
	}

	/** Skips a declared length, which must lie inside the file. */
	private void skip(final long n, final int at) throws Malformed {
		final long left = data.length - pos;
		if (n > left) throw beyond(n, left, at);
		pos += (int) n;
	}

	private void skipChecked(final int n, final int at) throws Malformed {
		if (data.length - pos < n) throw new Malformed("the data ends inside the opcode at byte " + at,
			null);
		pos += n;
	}

	/** A newline-terminated argument of at most {@code max} characters, or null. */
	private String line(final int max) {
		for (int i = pos; i < data.length && i - pos <= max; i++) {
			if (data[i] == '\n') {
				final String s = new String(data, pos, i - pos, StandardCharsets.ISO_8859_1);
				pos = i + 1;
				return s;
			}
		}
		return null;
	}

	private static Malformed beyond(final long n, final long left, final int at) {
		return new Malformed("a length of " + n + " bytes at byte " + at + " where only " + left +
			" remain", null);
	}

	private static Malformed bad(final String op, final Kind k, final int at) {
		return new Malformed(op + " on " + name(k) + " at byte " + at, null);
	}

	private static String name(final Kind k) {
		return k == Kind.NONE ? "None" : k.name().toLowerCase().replace('_', ' ');
	}

	/** The opcode's name as pickletools prints it, or its value. */
	static String opcodeName(final int op) {
		for (final java.lang.reflect.Field f : Opcodes.class.getFields()) {
			try {
				final Object v = f.get(null);
				if (v instanceof Number && ((Number) v).intValue() == op) return f.getName();
			}
			catch (final IllegalAccessException e) {
				// Public constants; cannot happen.
			}
		}
		return String.format("0x%02x", op);
	}
}
