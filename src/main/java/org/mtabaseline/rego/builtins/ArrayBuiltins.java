package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.Value;

/** {@code array.concat array.slice array.reverse array.flatten}. */
public final class ArrayBuiltins {
    private ArrayBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("array.concat", 2, (ctx, a) -> {
            ArrayValue x = Args.array(a, 0);
            ArrayValue y = Args.array(a, 1);
            List<Value> out = new ArrayList<>(x.size() + y.size());
            out.addAll(x.list());
            out.addAll(y.list());
            return ArrayValue.of(out);
        });
        r.register("array.slice", 3, (ctx, a) -> {
            ArrayValue x = Args.array(a, 0);
            long start = Math.max(0, Args.integer(a, 1));
            long stop = Math.min(x.size(), Args.integer(a, 2));
            if (start >= stop) {
                return ArrayValue.EMPTY;
            }
            return x.slice((int) start, (int) stop);
        });
        r.register("array.reverse", 1, (ctx, a) -> {
            List<Value> out = new ArrayList<>(Args.array(a, 0).list());
            Collections.reverse(out);
            return ArrayValue.of(out);
        });
        r.register("array.flatten", 1, (ctx, a) -> {
            List<Value> out = new ArrayList<>();
            for (Value v : Args.array(a, 0).list()) {
                if (v instanceof ArrayValue inner) {
                    out.addAll(inner.list());
                } else {
                    out.add(v);
                }
            }
            return ArrayValue.of(out);
        });
    }
}
