package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.Value;

/** {@code walk(x)}: a relation yielding {@code [path, value]} for x and every nested value, pre-order. */
public final class WalkBuiltins {
    private WalkBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.registerRelation("walk", 1, (ctx, a) -> {
            List<Value> out = new ArrayList<>();
            walk(new ArrayList<>(), a.get(0), out);
            return ArrayValue.of(out);
        });
    }

    private static void walk(List<Value> path, Value v, List<Value> out) {
        out.add(ArrayValue.of(ArrayValue.of(path), v));
        if (v instanceof ArrayValue arr) {
            for (int i = 0; i < arr.size(); i++) {
                path.add(NumberValue.of(i));
                walk(path, arr.get(i), out);
                path.remove(path.size() - 1);
            }
        } else if (v instanceof ObjectValue obj) {
            for (int i = 0; i < obj.size(); i++) {
                path.add(obj.keyAt(i));
                walk(path, obj.valueAt(i), out);
                path.remove(path.size() - 1);
            }
        } else if (v instanceof SetValue set) {
            for (Value e : set.list()) {
                path.add(e);
                walk(path, e, out);
                path.remove(path.size() - 1);
            }
        }
    }
}
