package org.mtabaseline.rego.builtins;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code print} and {@code trace}. The evaluator passes each print operand as the set of its
 * values (empty set = undefined, printed as {@code <undefined>}), as OPA rewrites print calls.
 */
public final class PrintBuiltins {
    private PrintBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("print", -1, (ctx, a) -> {
            List<String> parts = new ArrayList<>();
            for (Value v : a) {
                parts.add(format(v));
            }
            ctx.print(String.join(" ", parts));
            return BooleanValue.TRUE;
        });
        r.register("trace", 1, (ctx, a) -> {
            ctx.print("trace: " + Args.string(a, 0));
            return BooleanValue.TRUE;
        });
    }

    private static String format(Value v) {
        if (v instanceof SetValue s) {
            if (s.isEmpty()) {
                return "<undefined>";
            }
            List<String> alts = new ArrayList<>();
            for (Value e : s.list()) {
                alts.add(e instanceof StringValue str ? str.value() : e.toString());
            }
            return String.join(" ", alts);
        }
        return v instanceof StringValue str ? str.value() : v.toString();
    }
}
