package org.mtabaseline.rego;

/**
 * Entry point of the embedded Rego engine (OPA 1.x, Rego v1).
 *
 * <pre>{@code
 * CompiledPolicy policy = Rego.compiler().module("policies/a.rego", source).data(json).compile();
 * PreparedQuery q = policy.prepare("data.mta.controls");   // immutable, thread-safe
 * QueryResult r = q.eval(input);                            // r.value(), r.rows()
 * }</pre>
 */
public final class Rego {
    private Rego() {
    }

    /** A new compiler for modules and base data. */
    public static RegoCompiler compiler() {
        return new RegoCompiler();
    }
}
