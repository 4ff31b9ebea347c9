package org.mtabaseline.rego.builtins;

import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code union intersection} of a set of sets, the operators {@code |} (or) and {@code &} (and), and OPA's
 * deprecated {@code set_diff} (Rego v0; {@code a - b} today).
 */
public final class SetBuiltins {
    private SetBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("or", 2, (ctx, a) -> Args.set(a, 0).union(Args.set(a, 1)));
        r.register("and", 2, (ctx, a) -> Args.set(a, 0).intersection(Args.set(a, 1)));
        r.register("set_diff", 2, (ctx, a) -> Args.set(a, 0).difference(Args.set(a, 1)));
        r.register("union", 1, (ctx, a) -> {
            SetValue out = SetValue.EMPTY;
            for (Value v : Args.set(a, 0).list()) {
                out = out.union(element(v));
            }
            return out;
        });
        r.register("intersection", 1, (ctx, a) -> {
            SetValue sets = Args.set(a, 0);
            if (sets.isEmpty()) {
                return SetValue.EMPTY;
            }
            SetValue out = element(sets.get(0));
            for (Value v : sets.list()) {
                out = out.intersection(element(v));
            }
            return out;
        });
    }

    private static SetValue element(Value v) {
        if (v instanceof SetValue s) {
            return s;
        }
        throw BuiltinException.typeError("operand 1 must be set of sets but got set containing " + v.typeName());
    }
}
