package org.mtabaseline.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoCompiler;
import org.mtabaseline.rego.RegoVersion;
import org.mtabaseline.rego.ast.Module;

/**
 * Rego v1 (the default) refuses what OPA 1.x refuses: the v0 rule forms are parse errors (OPA's
 * {@code checkRegoV1Rule}), duplicate imports and shadowed root documents compile errors (OPA's
 * {@code checkImports} / {@code checkKeywordOverrides}). Each error as OPA reports it: file:row:col, code, message.
 */
class RegoV1StrictTest {

    // ---------------------------------------------------------------- parse errors

    @Test
    void ruleBodyNeedsIf() {
        assertEquals(List.of("t.rego:3:1: rego_parse_error: `if` keyword is required before rule body"),
                parseErrors("package t\n\np { true }"));
        assertEquals(List.of("t.rego:2:1: rego_parse_error: `if` keyword is required before rule body"),
                parseErrors("package t\np := 1 { true }"));
        assertEquals(List.of("t.rego:2:1: rego_parse_error: `if` keyword is required before function body"),
                parseErrors("package t\nf(x) := x { true }"));
        // the body may open on the next line: still a body, still without `if`
        assertEquals(List.of("t.rego:2:1: rego_parse_error: `if` keyword is required before rule body"),
                parseErrors("package t\np := 1\n{ true }"));
    }

    @Test
    void elseBranchAndFurtherBodiesNeedIfToo() {
        assertEquals(List.of("t.rego:2:21: rego_parse_error: `if` keyword is required before rule body"),
                parseErrors("package t\np := 1 if { false } else := 2 { true }"));
        // a further body keeps the head's keywords: located at its brace
        assertEquals(List.of("t.rego:2:1: rego_parse_error: `if` keyword is required before rule body",
                        "t.rego:2:18: rego_parse_error: `if` keyword is required before rule body"),
                parseErrors("package t\np := 1 { false } { true }"));
        Module ok = Parser.parseModule("t.rego", "package t\np if { false } { true }\nq if { false }\n{ true }");
        assertEquals(4, ok.rules().size());
    }

    @Test
    void partialSetNeedsContains() {
        assertEquals(List.of("t.rego:2:1: rego_parse_error: `if` keyword is required before rule body",
                        "t.rego:2:1: rego_parse_error: `contains` keyword is required for partial set rules",
                        "t.rego:3:1: rego_parse_error: `contains` keyword is required for partial set rules",
                        "t.rego:4:3: rego_parse_error: `contains` keyword is required for partial set rules"),
                parseErrors("package t\np[x] { x := 1 }\nq[\"a\"]\n  r.s"));
        // with `if`, `p[x]` is a single-value rule of a ref head
        assertEquals(2, Parser.parseModule("t.rego", "package t\np[x] if { x := 1 }").rules().get(0).head().size());
    }

    @Test
    void bareHeadsAreNotRules() {
        assertEquals(List.of("t.rego:2:1: rego_parse_error: var cannot be used for rule name"),
                parseErrors("package t\np"));
        assertEquals(List.of("t.rego:2:1: rego_parse_error: rule must have value assignment and/or body declaration"),
                parseErrors("package t\na.b.c"));
    }

    @Test
    void elseNeedsASingleValueRuleWithAGroundHead() {
        assertEquals(List.of("t.rego:2:27: rego_parse_error: else keyword cannot be used on rules with variables in head"),
                parseErrors("package t\np[x] := 1 if { x := \"a\" } else := 2"));
    }

    @Test
    void importsMustNotEndWithAKeyword() {
        assertEquals(List.of("t.rego:2:17: rego_parse_error: unexpected import path, must not end with a keyword, got: if"),
                parseErrors("package t\nimport data.foo.if"));
        assertEquals(List.of("t.rego:2:16: rego_parse_error: unexpected import path, must not end with a keyword, got: as"),
                parseErrors("package t\nimport input.x[\"as\"]"));
        // an alias names it otherwise; future keywords are imported by their names
        assertEquals(2, Parser.parseModule("t.rego", "package t\nimport data.foo.if as cond\nimport future.keywords.if")
                .imports().size());
    }

    @Test
    void containsIsNotForFunctions() {
        assertEquals(List.of("t.rego:2:8: rego_parse_error: unexpected contains keyword: the contains keyword can only be "
                        + "used with multi-value rule definitions (e.g., a.f contains <VALUE> { ... })"),
                parseErrors("package t\na.f(x) contains 1 if { true }"));
    }

    @Test
    void keywordsStillStartRefHeads() {
        Module m = Parser.parseModule("t.rego", "package t\nas.foo := 1\ndefault.bar contains 2 if { true }");
        assertEquals(2, m.rules().size());
    }

    @Test
    void v0ModulesKeepTheirForms() {
        Module m = Parser.parseModule("t.rego", "package t\np { true }\nq[x] { x := 1 }\nr = 1 { false } else = 2 { true }",
                RegoVersion.V0, false);
        assertEquals(3, m.rules().size());
    }

    // ---------------------------------------------------------------- compile errors

    @Test
    void importsMustNotShadowImports() {
        assertEquals(List.of("x.rego:3:1: rego_compile_error: import must not shadow import data.a.b",
                        "x.rego:4:1: rego_compile_error: import must not shadow import data.a.b",
                        "x.rego:5:1: rego_compile_error: import must not shadow import data.a.b"),
                compileErrors(Rego.compiler(), "package t\nimport data.a.b\nimport data.c.b\nimport input.b\n"
                        + "import data.x as b\np := b"));
        assertEquals(List.of("x.rego:3:1: rego_compile_error: import must not shadow import data.a as c"),
                compileErrors(Rego.compiler(), "package t\nimport data.a as c\nimport input.c\np := c"));
        // a module importing the same name is fine in v0
        assertEquals(List.of(), compileErrors(Rego.compiler().regoVersion(RegoVersion.V0),
                "package t\nimport data.a.b\nimport data.c.b\np = b"));
    }

    @Test
    void rulesAndVariablesMustNotShadowRootDocuments() {
        assertEquals(List.of("x.rego:2:1: rego_compile_error: rules must not shadow input (use a different rule name)",
                        "x.rego:3:1: rego_compile_error: rules must not shadow data (use a different rule name)"),
                compileErrors(Rego.compiler(), "package t\ninput := 1\ndata if { true }"));
        assertEquals(List.of("x.rego:2:8: rego_compile_error: variables must not shadow input (use a different variable name)",
                        "x.rego:3:19: rego_compile_error: variables must not shadow data (use a different variable name)"),
                compileErrors(Rego.compiler(), "package t\np if { input := 1 }\nq := [x | x := 1; data := 2]"));
        assertEquals(List.of(), compileErrors(Rego.compiler().regoVersion(RegoVersion.V0),
                "package t\ninput = 1\np { data := 2 }"));
        // rules before variables, an else branch is a rule too, modules in file name order
        assertEquals(List.of("a.rego:3:1: rego_compile_error: rules must not shadow data (use a different rule name)",
                        "a.rego:3:24: rego_compile_error: rules must not shadow data (use a different rule name)",
                        "a.rego:2:8: rego_compile_error: variables must not shadow input (use a different variable name)",
                        "b.rego:2:1: rego_compile_error: rules must not shadow input (use a different rule name)"),
                compileErrors(Rego.compiler().module("b.rego", "package u\ninput := 1"),
                        "a.rego", "package t\np if { input := 1 }\ndata := 1 if { false } else := 2"));
    }

    @Test
    void functionArgumentsMustNotBeRootDocuments() {
        // OPA's resolveRefsInRule, in v0 and v1 alike: once per definition, at the rule
        assertEquals(List.of("x.rego:2:1: rego_compile_error: args must not shadow input (use a different variable name)",
                        "x.rego:3:1: rego_compile_error: args must not shadow data (use a different variable name)"),
                compileErrors(Rego.compiler(), "package t\nf(input) := 1\ng([x, {\"k\": data}], input) := x"));
        assertEquals(List.of("x.rego:2:1: rego_compile_error: args must not shadow input (use a different variable name)"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0), "package t\nf(input) = 1"));
        assertEquals(List.of(), compileErrors(Rego.compiler(), "package t\nf(x) := [input | true]"));
    }

    @Test
    void shadowingIsCheckedBeforeDuplicateImports() {
        assertEquals(List.of("x.rego:4:1: rego_compile_error: rules must not shadow input (use a different rule name)"),
                compileErrors(Rego.compiler(), "package t\nimport data.a\nimport data.b.a\ninput := a"));
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> parseErrors(String src) {
        RegoCompileException e = assertThrows(RegoCompileException.class, () -> Parser.parseModule("t.rego", src));
        return e.errors().stream().map(x -> x.file() + ":" + x.row() + ":" + x.col() + ": " + x.code() + ": "
                + x.message()).toList();
    }

    private static List<String> compileErrors(RegoCompiler compiler, String src) {
        return compileErrors(compiler, "x.rego", src);
    }

    private static List<String> compileErrors(RegoCompiler compiler, String file, String src) {
        try {
            compiler.module(file, src).compile();
            return List.of();
        } catch (RegoCompileException e) {
            return e.errors().stream().map(x -> x.file() + ":" + x.row() + ":" + x.col() + ": " + x.code() + ": "
                    + x.message()).toList();
        }
    }
}
