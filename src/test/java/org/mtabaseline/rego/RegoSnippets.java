package org.mtabaseline.rego;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.mtabaseline.rego.value.Value;

/** Compiles small modules ({@code test-0.rego}, {@code test-1.rego}, ...) and evaluates queries, for focused tests. */
public final class RegoSnippets {
    private RegoSnippets() {
    }

    public static CompiledPolicy compile(String... modules) {
        RegoCompiler c = Rego.compiler();
        for (int i = 0; i < modules.length; i++) {
            c.module("test-" + i + ".rego", modules[i]);
        }
        return c.compile();
    }

    /** The value of a bare reference query (null when undefined), strict builtin errors. */
    public static Value value(String query, String... modules) {
        return compile(modules).prepare(query).evalValue(null, EvalOptions.defaults().withStrictBuiltinErrors(true))
                .regoValue();
    }

    /** A Rego term written as text, as a value (for expected results). */
    public static Value term(String rego) {
        return Rego.compiler().compile().prepare("x := " + rego).evalValue(null, EvalOptions.defaults())
                .valueRows().get(0).get("x");
    }

    /** The compile error of modules that must not compile. */
    public static RegoError compileError(String... modules) {
        return assertThrows(RegoCompileException.class, () -> compile(modules)).errors().get(0);
    }

    /** The evaluation error of a query. */
    public static RegoError evalError(String query, String... modules) {
        CompiledPolicy p = compile(modules);
        return assertThrows(RegoEvalException.class, () -> p.prepare(query)
                .evalValue(null, EvalOptions.defaults().withStrictBuiltinErrors(true))).error();
    }
}
