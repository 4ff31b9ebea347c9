package org.mtabaseline.rego.builtins;

/** {@code opa.runtime()}: the runtime document given to the query (minimal: env and config when set). */
public final class RuntimeBuiltins {
    private RuntimeBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("opa.runtime", 0, (ctx, a) -> ctx.runtime());
    }
}
