package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code object.get keys remove union union_n filter subset} and the path-based
 * {@code json.filter json.remove json.patch}. Paths are "/"-separated strings (~0 and ~1 escapes,
 * leading slash optional) or arrays of segments; arrays are addressed by index, sets by member.
 */
public final class ObjectBuiltins {
    private ObjectBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("object.get", 3, (ctx, a) -> {
            ObjectValue obj = Args.object(a, 0);
            if (!(a.get(1) instanceof ArrayValue path)) {
                Value v = obj.get(a.get(1));
                return v != null ? v : a.get(2);
            }
            Value cur = obj;
            for (Value seg : path.list()) {
                cur = child(cur, seg);
                if (cur == null) {
                    return a.get(2);
                }
            }
            return cur;
        });
        r.register("object.keys", 1, (ctx, a) -> SetValue.of(Args.object(a, 0).keys()));
        r.register("object.remove", 2, (ctx, a) -> {
            ObjectValue obj = Args.object(a, 0);
            SetValue keys = keysParam(a.get(1));
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < obj.size(); i++) {
                if (!keys.contains(obj.keyAt(i))) {
                    b.put(obj.keyAt(i), obj.valueAt(i));
                }
            }
            return b.build();
        });
        r.register("object.filter", 2, (ctx, a) -> {
            ObjectValue obj = Args.object(a, 0);
            SetValue keys = keysParam(a.get(1));
            ObjectValue.Builder b = ObjectValue.builder();
            for (Value k : keys.list()) {
                Value v = obj.get(k);
                if (v != null) {
                    b.put(k, v);
                }
            }
            return b.build();
        });
        r.register("object.union", 2, (ctx, a) -> union(Args.object(a, 0), Args.object(a, 1)));
        r.register("object.union_n", 1, (ctx, a) -> {
            ArrayValue arr = Args.array(a, 0);
            ObjectValue out = ObjectValue.EMPTY;
            for (Value v : arr.list()) {
                if (!(v instanceof ObjectValue o)) {
                    throw Operands.elementError(0, arr, v, "object");
                }
                out = union(out, o);
            }
            return out;
        });
        r.register("object.subset", 2, (ctx, a) -> {
            Value sup = a.get(0);
            Value sub = a.get(1);
            boolean comparable = sup instanceof ObjectValue && sub instanceof ObjectValue
                    || sup instanceof SetValue && sub instanceof SetValue
                    || sup instanceof ArrayValue && (sub instanceof ArrayValue || sub instanceof SetValue);
            if (!comparable) {
                throw BuiltinException.typeError(
                        "both arguments to object.subset must be of the same type or array and set");
            }
            return BooleanValue.of(subset(sup, sub));
        });
        r.register("json.filter", 2, (ctx, a) -> {
            ObjectValue obj = Args.object(a, 0);
            return filter(obj, pathsToObject(paths(a.get(1))));
        });
        r.register("json.remove", 2, (ctx, a) -> {
            ObjectValue obj = Args.object(a, 0);
            Value out = remove(obj, pathsToObject(paths(a.get(1))));
            return out;
        });
        r.register("json.patch", 2, (ctx, a) -> {
            ArrayValue ops = Args.array(a, 1);
            try {
                return JsonPatch.apply(a.get(0), ops);
            } catch (JsonPatch.PatchException e) {
                return null; // OPA: a patch that cannot be applied makes the call undefined
            }
        });
    }

    /** One step down: object key, array index (number), set member. */
    static Value child(Value cur, Value seg) {
        if (cur instanceof ObjectValue o) {
            return o.get(seg);
        }
        if (cur instanceof ArrayValue arr && seg instanceof NumberValue n) {
            Integer i = n.asInt();
            return i != null && i >= 0 && i < arr.size() ? arr.get(i) : null;
        }
        if (cur instanceof SetValue s && s.contains(seg)) {
            return seg;
        }
        return null;
    }

    private static SetValue keysParam(Value v) {
        if (v instanceof ArrayValue arr) {
            return SetValue.of(arr.list());
        } else if (v instanceof SetValue s) {
            return s;
        } else if (v instanceof ObjectValue o) {
            return SetValue.of(o.keys());
        }
        throw Args.mustBeOneOf(1, v, "object", "set", "array");
    }

    static ObjectValue union(ObjectValue a, ObjectValue b) {
        ObjectValue.Builder out = ObjectValue.builder();
        for (int i = 0; i < a.size(); i++) {
            out.put(a.keyAt(i), a.valueAt(i));
        }
        for (int i = 0; i < b.size(); i++) {
            Value k = b.keyAt(i);
            Value v = b.valueAt(i);
            Value existing = a.get(k);
            if (existing instanceof ObjectValue eo && v instanceof ObjectValue vo) {
                out.put(k, union(eo, vo));
            } else {
                out.put(k, v);
            }
        }
        return out.build();
    }

    private static boolean subset(Value sup, Value sub) {
        if (sup instanceof ObjectValue so && sub instanceof ObjectValue bo) {
            for (int i = 0; i < bo.size(); i++) {
                Value superValue = so.get(bo.keyAt(i));
                if (superValue == null) {
                    return false;
                }
                Value subValue = bo.valueAt(i);
                boolean nested = superValue instanceof ObjectValue && subValue instanceof ObjectValue
                        || superValue instanceof SetValue && subValue instanceof SetValue
                        || superValue instanceof ArrayValue
                        && (subValue instanceof ArrayValue || subValue instanceof SetValue);
                if (nested ? !subset(superValue, subValue) : !superValue.equals(subValue)) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof SetValue ss && sub instanceof SetValue bs) {
            return bs.list().stream().allMatch(ss::contains);
        }
        if (sup instanceof ArrayValue sa && sub instanceof SetValue bs) {
            List<Value> elems = sa.list();
            return bs.list().stream().allMatch(elems::contains);
        }
        if (sup instanceof ArrayValue sa && sub instanceof ArrayValue ba) {
            if (ba.size() == 0) {
                return true;
            }
            outer:
            for (int start = 0; start + ba.size() <= sa.size(); start++) {
                for (int j = 0; j < ba.size(); j++) {
                    if (!sa.get(start + j).equals(ba.get(j))) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }
        return sup.equals(sub);
    }

    // ------------------------------------------------------------------ json.filter / json.remove

    /** Paths of the json.filter/json.remove operand. */
    static List<List<Value>> paths(Value operand) {
        List<Value> elems;
        if (operand instanceof ArrayValue arr) {
            elems = arr.list();
        } else if (operand instanceof SetValue set) {
            elems = set.list();
        } else {
            throw Args.mustBeOneOf(1, operand, "set", "array");
        }
        List<List<Value>> out = new ArrayList<>();
        for (Value e : elems) {
            out.add(parsePath(e));
        }
        return out;
    }

    /** A "/"-separated JSON path or an array of segments. */
    static List<Value> parsePath(Value path) {
        List<Value> segments = new ArrayList<>();
        if (path instanceof StringValue s) {
            if (s.value().isEmpty()) {
                return segments;
            }
            String trimmed = s.value().replaceFirst("^/+", "");
            for (String part : trimmed.split("/", -1)) {
                segments.add(StringValue.of(part.replace("~1", "/").replace("~0", "~")));
            }
        } else if (path instanceof ArrayValue arr) {
            segments.addAll(arr.list());
        } else {
            throw BuiltinException.typeError("operand 2 must be one of {set, array} containing string paths or "
                    + "array of path segments but got " + path.typeName());
        }
        return segments;
    }

    /** OPA's pathsToObject: a tree of objects whose leaves are null. */
    private static ObjectValue pathsToObject(List<List<Value>> paths) {
        Node root = new Node();
        for (List<Value> path : paths) {
            if (path.isEmpty()) {
                continue;
            }
            Node node = root;
            boolean done = false;
            for (int i = 0; i < path.size() - 1 && !done; i++) {
                Node child = node.children.get(path.get(i));
                if (child == null) {
                    child = new Node();
                    node.children.put(path.get(i), child);
                } else if (child.leaf) {
                    done = true;
                }
                node = child;
            }
            if (!done) {
                Node leaf = new Node();
                leaf.leaf = true;
                node.children.put(path.get(path.size() - 1), leaf);
            }
        }
        return (ObjectValue) root.toValue();
    }

    private static final class Node {
        final java.util.LinkedHashMap<Value, Node> children = new java.util.LinkedHashMap<>();
        boolean leaf;

        Value toValue() {
            if (leaf) {
                return NullValue.NULL;
            }
            ObjectValue.Builder b = ObjectValue.builder();
            children.forEach((k, v) -> b.put(k, v.toValue()));
            return b.build();
        }
    }

    /** OPA's Object.Filter. */
    static Value filter(Value o, Value filter) {
        if (filter instanceof NullValue) {
            return o;
        }
        ObjectValue f = (ObjectValue) filter;
        if (o instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                Value sub = f.get(StringValue.of(Integer.toString(i)));
                if (sub != null) {
                    out.add(filter(arr.get(i), sub));
                }
            }
            return ArrayValue.of(out);
        }
        if (o instanceof SetValue set) {
            List<Value> out = new ArrayList<>();
            for (Value v : set.list()) {
                Value sub = f.get(v);
                if (sub != null) {
                    out.add(filter(v, sub));
                }
            }
            return SetValue.of(out);
        }
        if (o instanceof ObjectValue obj) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < obj.size(); i++) {
                Value sub = f.get(obj.keyAt(i));
                if (sub != null) {
                    b.put(obj.keyAt(i), filter(obj.valueAt(i), sub));
                }
            }
            return b.build();
        }
        return o;
    }

    /** OPA's jsonRemove: null leaves of b are removed from a; returns null when a itself goes. */
    static Value remove(Value a, Value b) {
        if (b == null) {
            return a;
        }
        if (b instanceof NullValue) {
            return null;
        }
        if (!(b instanceof ObjectValue bo)) {
            return a;
        }
        if (a instanceof ObjectValue obj) {
            ObjectValue.Builder out = ObjectValue.builder();
            for (int i = 0; i < obj.size(); i++) {
                Value v = remove(obj.valueAt(i), bo.get(obj.keyAt(i)));
                if (v != null) {
                    out.put(obj.keyAt(i), v);
                }
            }
            return out.build();
        }
        if (a instanceof SetValue set) {
            List<Value> out = new ArrayList<>();
            for (Value v : set.list()) {
                Value r = remove(v, bo.get(v));
                if (r != null) {
                    out.add(r);
                }
            }
            return SetValue.of(out);
        }
        if (a instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                Value r = remove(arr.get(i), bo.get(StringValue.of(Integer.toString(i))));
                if (r != null) {
                    out.add(r);
                }
            }
            return ArrayValue.of(out);
        }
        return a;
    }
}
