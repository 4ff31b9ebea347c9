package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** RFC 6902 JSON Patch over immutable Rego values (sets addressed by member), as OPA's json.patch. */
final class JsonPatch {
    private JsonPatch() {
    }

    static final class PatchException extends Exception {
        PatchException(String message) {
            super(message, null, false, false);
        }
    }

    static Value apply(Value doc, ArrayValue operations) throws PatchException {
        Value cur = doc;
        for (Value opValue : operations.list()) {
            if (!(opValue instanceof ObjectValue op)) {
                throw new PatchException("must be an array of JSON-Patch objects");
            }
            String name = string(op, "op");
            Value pathValue = required(op, "path");
            List<Value> path = pathOf(pathValue);
            switch (name) {
                case "add" -> cur = add(cur, path, 0, required(op, "value"));
                case "remove" -> cur = remove(cur, path, 0);
                case "replace" -> {
                    Value value = required(op, "value");
                    cur = path.isEmpty() ? value : add(remove(cur, path, 0), path, 0, value);
                }
                case "move" -> {
                    List<Value> from = pathOf(required(op, "from"));
                    Value chunk = get(cur, from);
                    cur = add(remove(cur, from, 0), path, 0, chunk);
                }
                case "copy" -> {
                    List<Value> from = pathOf(required(op, "from"));
                    cur = add(cur, path, 0, get(cur, from));
                }
                case "test" -> {
                    Value value = required(op, "value");
                    if (!get(cur, path).equals(value)) {
                        throw new PatchException("test failed");
                    }
                }
                default -> throw new PatchException("unrecognized op '" + name + "'");
            }
        }
        return cur;
    }

    private static List<Value> pathOf(Value v) throws PatchException {
        if (!(v instanceof StringValue) && !(v instanceof ArrayValue)) {
            throw new PatchException("invalid path");
        }
        return ObjectBuiltins.parsePath(v);
    }

    private static Value required(ObjectValue op, String attr) throws PatchException {
        Value v = op.get(attr);
        if (v == null) {
            throw new PatchException("missing '" + attr + "' attribute");
        }
        return v;
    }

    private static String string(ObjectValue op, String attr) throws PatchException {
        if (required(op, attr) instanceof StringValue s) {
            return s.value();
        }
        throw new PatchException("attribute '" + attr + "' must be a string");
    }

    /** Array index of a segment: a number, or a decimal string without leading zeros. */
    private static int index(Value seg, int size, boolean allowEnd) throws PatchException {
        long i;
        if (seg instanceof NumberValue n && n.asLong() != null) {
            i = n.asLong();
        } else if (seg instanceof StringValue s) {
            String t = s.value();
            if (allowEnd && t.equals("-")) {
                return size;
            }
            if (!t.matches("0|[1-9][0-9]{0,9}")) {
                throw new PatchException("invalid array index " + t);
            }
            i = Long.parseLong(t);
        } else {
            throw new PatchException("invalid array index");
        }
        if (i < 0 || i > (allowEnd ? size : size - 1)) {
            throw new PatchException("array index out of range");
        }
        return (int) i;
    }

    private static Value get(Value cur, List<Value> path) throws PatchException {
        Value v = cur;
        for (Value seg : path) {
            if (v instanceof ObjectValue o) {
                v = o.get(seg);
            } else if (v instanceof ArrayValue arr) {
                v = arr.get(index(seg, arr.size(), false));
            } else if (v instanceof SetValue s) {
                v = s.contains(seg) ? seg : null;
            } else {
                v = null;
            }
            if (v == null) {
                throw new PatchException("path does not exist");
            }
        }
        return v;
    }

    private static Value add(Value cur, List<Value> path, int depth, Value value) throws PatchException {
        if (depth == path.size()) {
            return value;
        }
        Value seg = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (cur instanceof ObjectValue o) {
            if (last) {
                return o.with(seg, value);
            }
            Value child = o.get(seg);
            if (child == null) {
                throw new PatchException("path does not exist");
            }
            return o.with(seg, add(child, path, depth + 1, value));
        }
        if (cur instanceof ArrayValue arr) {
            List<Value> elems = new ArrayList<>(arr.list());
            if (last) {
                elems.add(index(seg, arr.size(), true), value);
            } else {
                int i = index(seg, arr.size(), false);
                elems.set(i, add(elems.get(i), path, depth + 1, value));
            }
            return ArrayValue.of(elems);
        }
        if (cur instanceof SetValue s) {
            List<Value> elems = new ArrayList<>(s.list());
            if (last) {
                // A set member is its own key: the path's last segment must equal the value.
                if (!seg.equals(value)) {
                    throw new PatchException("set key does not match value");
                }
                elems.add(value);
                return SetValue.of(elems);
            }
            if (!s.contains(seg)) {
                throw new PatchException("path does not exist");
            }
            elems.remove(seg);
            elems.add(add(seg, path, depth + 1, value));
            return SetValue.of(elems);
        }
        throw new PatchException("path does not exist");
    }

    private static Value remove(Value cur, List<Value> path, int depth) throws PatchException {
        if (path.isEmpty()) {
            throw new PatchException("cannot remove the document root");
        }
        Value seg = path.get(depth);
        boolean last = depth == path.size() - 1;
        if (cur instanceof ObjectValue o) {
            Value child = o.get(seg);
            if (child == null) {
                throw new PatchException("path does not exist");
            }
            return last ? o.without(seg) : o.with(seg, remove(child, path, depth + 1));
        }
        if (cur instanceof ArrayValue arr) {
            int i = index(seg, arr.size(), false);
            List<Value> elems = new ArrayList<>(arr.list());
            if (last) {
                elems.remove(i);
            } else {
                elems.set(i, remove(elems.get(i), path, depth + 1));
            }
            return ArrayValue.of(elems);
        }
        if (cur instanceof SetValue s && s.contains(seg)) {
            List<Value> elems = new ArrayList<>(s.list());
            elems.remove(seg);
            if (!last) {
                elems.add(remove(seg, path, depth + 1));
            }
            return SetValue.of(elems);
        }
        throw new PatchException("path does not exist");
    }
}
