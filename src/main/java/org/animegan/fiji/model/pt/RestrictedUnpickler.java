package org.animegan.fiji.model.pt;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An unpickler that only knows the globals a PyTorch state_dict needs. Every global is checked
 * against an allow-list the moment it is read (GLOBAL and STACK_GLOBAL), before anything could call
 * it, and the opcodes that instantiate arbitrary classes are refused outright. Nothing here ever
 * looks a class up by name, so a refused pickle has no side effects.
 */
final class RestrictedUnpickler extends Unpickler {

	/** {@code torch.FloatStorage}, {@code torch.HalfStorage}, ... (typed storage classes). */
	private static final Pattern STORAGE = Pattern.compile("[A-Z][A-Za-z0-9]*Storage");

	/** Thrown for anything outside the allow-list; the message names what was refused. */
	static final class RefusedException extends PickleException {

		private static final long serialVersionUID = 1L;

		RefusedException(final String what) {
			super(what);
		}
	}

	/** The state_dict container: an OrderedDict, whose BUILD state (_metadata) is kept aside. */
	static final class StateDict extends LinkedHashMap<Object, Object> {

		private static final long serialVersionUID = 1L;
		Object state;
	}

	/** A tensor as pickled: a view into a storage. */
	static final class TensorRef {

		final TorchStorage storage;
		final long offset;
		final long[] size;
		final long[] stride;

		TensorRef(final TorchStorage storage, final long offset, final long[] size,
			final long[] stride)
		{
			this.storage = storage;
			this.offset = offset;
			this.size = size;
			this.stride = stride;
		}
	}

	/** The storage type named by a {@code torch.*Storage} global, used only as a marker. */
	static final class StorageType {

		final String name;

		StorageType(final String name) {
			this.name = name;
		}
	}

	@Override
	protected Object dispatch(final short key) throws PickleException, IOException {
		switch (key) {
			case Opcodes.GLOBAL: {
				final String module = PickleUtils.readline(input);
				final String name = PickleUtils.readline(input);
				stack.add(global(module, name));
				return NO_RETURN_VALUE;
			}
			case Opcodes.STACK_GLOBAL: {
				final Object name = stack.pop();
				final Object module = stack.pop();
				stack.add(global(String.valueOf(module), String.valueOf(name)));
				return NO_RETURN_VALUE;
			}
			case Opcodes.BUILD: {
				final Object state = stack.pop();
				final Object target = stack.peek();
				if (!(target instanceof StateDict)) throw new RefusedException(
					"BUILD on " + describe(target));
				((StateDict) target).state = state;
				return NO_RETURN_VALUE;
			}
			case Opcodes.INST:
			case Opcodes.OBJ:
			case Opcodes.NEWOBJ:
			case Opcodes.NEWOBJ_EX:
			case Opcodes.EXT1:
			case Opcodes.EXT2:
			case Opcodes.EXT4:
				throw new RefusedException("opcode " + key);
			default:
				return super.dispatch(key);
		}
	}

	/** The constructor for an allowed global; anything else is refused. */
	static Object global(final String module, final String name) {
		final String full = module + "." + name;
		switch (full) {
			case "collections.OrderedDict":
				return (IObjectConstructor) args -> new StateDict();
			case "torch._utils._rebuild_tensor_v2":
				return (IObjectConstructor) RestrictedUnpickler::rebuildTensor;
			case "torch._utils._rebuild_parameter":
				return (IObjectConstructor) args -> {
					if (args.length < 1 || !(args[0] instanceof TensorRef)) throw new RefusedException(
						full + " with unexpected arguments");
					return args[0];
				};
			default:
				if (module.equals("torch") && STORAGE.matcher(name).matches()) return new StorageType(
					name);
				throw new RefusedException(full);
		}
	}

	/** _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata]). */
	private static Object rebuildTensor(final Object[] args) {
		if (args.length < 4 || !(args[0] instanceof TorchStorage)) throw new RefusedException(
			"torch._utils._rebuild_tensor_v2 with unexpected arguments");
		return new TensorRef((TorchStorage) args[0], toLong(args[1]), longs(args[2]), longs(args[3]));
	}

	/** The persistent id of a storage: ('storage', torch.XStorage, key, location, numel). */
	@Override
	protected Object persistentLoad(final Object pid) {
		if (!(pid instanceof Object[])) throw new RefusedException("persistent id " + describe(pid));
		final Object[] t = (Object[]) pid;
		if (t.length != 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType)) {
			throw new RefusedException("persistent id " + describe(pid));
		}
		return new TorchStorage(((StorageType) t[1]).name, String.valueOf(t[2]), toLong(t[4]));
	}

	private static long toLong(final Object o) {
		// Not any Number: a BigInteger's longValue() would silently wrap.
		if (o instanceof Integer || o instanceof Long) return ((Number) o).longValue();
		throw new RefusedException("a non-integer where a size was expected");
	}

	private static long[] longs(final Object o) {
		final Object[] a;
		if (o instanceof Object[]) a = (Object[]) o;
		else if (o instanceof List) a = ((List<?>) o).toArray();
		else throw new RefusedException("a size that is not a tuple");
		final long[] r = new long[a.length];
		for (int i = 0; i < a.length; i++)
			r[i] = toLong(a[i]);
		return r;
	}

	private static String describe(final Object o) {
		return o == null ? "None" : o.getClass().getSimpleName();
	}

	/** Parses a data.pkl into the top-level object (a {@link StateDict} for a checkpoint). */
	static Object parse(final byte[] pickle) throws IOException {
		final RestrictedUnpickler u = new RestrictedUnpickler();
		try {
			return u.loads(pickle);
		}
		finally {
			u.close();
		}
	}

	static Map<?, ?> asMap(final Object o) {
		return o instanceof Map ? (Map<?, ?>) o : null;
	}
}
