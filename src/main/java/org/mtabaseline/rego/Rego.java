package org.mtabaseline.rego;

/**
 * Entry point of the embedded Rego engine (OPA 1.x; Rego v1 syntax by default, v0 on request).
 *
 * <pre>{@code
 * CompiledPolicy policy = Rego.compiler().module("policies/a.rego", source).data(json).compile();
 * PreparedQuery q = policy.prepare("data.mta.controls");   // immutable, thread-safe
 * QueryResult r = q.eval(input);                            // r.value(), r.rows()
 *
 * // policies written for OPA < 1.0 (opa --v0-compatible)
 * Rego.compiler().regoVersion(RegoVersion.V0).module("old.rego", v0Source).compile();
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
