package org.mtabaseline.rego.builtins;

import org.mtabaseline.rego.value.BooleanValue;

/** The comparison operators {@code == != < > <= >=}, over OPA's total value order. */
public final class ComparisonBuiltins {
    private ComparisonBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("equal", 2, (ctx, a) -> BooleanValue.of(a.get(0).equals(a.get(1))));
        r.register("neq", 2, (ctx, a) -> BooleanValue.of(!a.get(0).equals(a.get(1))));
        r.register("lt", 2, (ctx, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) < 0));
        r.register("gt", 2, (ctx, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) > 0));
        r.register("lte", 2, (ctx, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) <= 0));
        r.register("gte", 2, (ctx, a) -> BooleanValue.of(a.get(0).compareTo(a.get(1)) >= 0));
    }
}
