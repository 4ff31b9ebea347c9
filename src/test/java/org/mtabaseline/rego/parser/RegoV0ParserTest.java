package org.mtabaseline.rego.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.EvalOptions;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoVersion;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.value.Value;

/**
 * Rego v0 syntax as OPA 1.x parses it with {@code RegoV0} (OPA &lt; 1.0, {@code --v0-compatible}): rule forms,
 * future keywords only when imported, {@code import rego.v1} inside a v0 module, and the deprecated builtins.
 */
class RegoV0ParserTest {

    // ---------------------------------------------------------------- rule forms

    @Test
    void bracketHeadWithBodyIsPartialSetInV0AndSingleValueInV1() {
        Rule v0 = rule(RegoVersion.V0, "p[x] { x := 1 }");
        assertEquals(1, v0.head().size());
        assertTrue(v0.isMultiValue());
        assertEquals("x", ((Term.Var) v0.key()).name());
        assertNull(v0.value());

        Rule v1 = rule(RegoVersion.V1, "p[x] if { x := 1 }");
        assertEquals(2, v1.head().size());
        assertFalse(v1.isMultiValue());
    }

    @Test
    void bareBracketHeadIsPartialSetMember() {
        Rule r = rule(RegoVersion.V0, "p[\"a\"]");
        assertTrue(r.isMultiValue());
        assertEquals(1, r.head().size());
    }

    @Test
    void bracketHeadWithValueIsPartialObject() {
        Rule r = rule(RegoVersion.V0, "p[k] = v { k := \"a\"; v := 1 }");
        assertEquals(2, r.head().size());
        assertFalse(r.isMultiValue());
        assertEquals("v", ((Term.Var) r.value()).name());
    }

    @Test
    void longerRefHeadStaysSingleValue() {
        Rule r = rule(RegoVersion.V0, "p.q[x] { x := 1 }");
        assertEquals(3, r.head().size());
        assertFalse(r.isMultiValue());
    }

    @Test
    void bodiesNeedNoIf() {
        Module m = parse(RegoVersion.V0, "p { true }\nq = 1 { false } else = 2 { true }\nf(x) = y { y := x }\n"
                + "s[x] { x := 1 } { x := 2 }");
        assertEquals(List.of("p", "q", "f", "s", "s"), m.rules().stream().map(Rule::name).toList());
        assertTrue(m.rules().get(2).isFunction());
        assertTrue(m.rules().get(3).isMultiValue() && m.rules().get(4).isMultiValue());
    }

    @Test
    void bodiesMayOpenOnTheNextLine() {
        Module m = parse(RegoVersion.V0, "p\n{\n  true\n}\nq[x] { x := 1 }\n{ x := 2 }");
        assertEquals(List.of("p", "q", "q"), m.rules().stream().map(Rule::name).toList());
    }

    @Test
    void elseNeedsASingleValueRuleWithAGroundHead() {
        RegoError e = parseError(RegoVersion.V0, "p[x] { x := 1 } else { true }");
        assertEquals("else keyword cannot be used on multi-value rules", e.message());
        assertEquals(17, e.col());
        assertEquals("else keyword cannot be used on rules with variables in head",
                parseError(RegoVersion.V0, "p.q[x] = 1 { x := 1 } else = 2 { true }").message());
    }

    @Test
    void zeroArgumentHeadIsARule() {
        assertFalse(rule(RegoVersion.V0, "f() = 1").isFunction());
    }

    // ---------------------------------------------------------------- future keywords

    @Test
    void futureKeywordsAreNamesUntilImported() {
        Rule r = rule(RegoVersion.V0, "p { in := 1; if := 2; contains := 3; every := 4 }");
        assertEquals(4, r.body().size());
        assertTrue(r.body().get(0).kind() instanceof Expr.Assign);
        assertParseError(RegoVersion.V0, "p if { true }");
        assertParseError(RegoVersion.V0, "p { 1 in [1] }");
        assertParseError(RegoVersion.V0, "p contains 1");
    }

    @Test
    void importedKeywordsWork() {
        Module m = parse(RegoVersion.V0, "import future.keywords.if\nimport future.keywords.contains\n"
                + "import future.keywords.in\np if 1 in [1]\ns contains 2 if { true }\nq { true }");
        assertEquals(3, m.rules().size());
        assertTrue(m.rules().get(1).isMultiValue());
        assertEquals(List.of(1, 1), List.of(m.rules().get(0).body().size(), m.rules().get(2).body().size()));
    }

    @Test
    void importingEveryImportsIn() {
        Rule r = rule(RegoVersion.V0, "import future.keywords.every\np { every x in [1] { x > 0 }; some y in [2] }");
        assertTrue(r.body().get(0).kind() instanceof Expr.Every);
        assertTrue(r.body().get(1).kind() instanceof Expr.SomeIn);
    }

    @Test
    void futureImportListsTheKeywords() {
        RegoError e = parseError(RegoVersion.V0, "import future.keywords.xyz");
        assertEquals("unexpected keyword, must be one of [contains every if in not]", e.message());
    }

    // ---------------------------------------------------------------- import rego.v1

    @Test
    void regoV1ImportRequiresV1RuleForms() {
        Module m = parse(RegoVersion.V0, "import rego.v1\np contains x if { x := 1 }\nq[x] if { x := 1 }");
        assertTrue(m.rules().get(0).isMultiValue());
        assertFalse(m.rules().get(1).isMultiValue());
        assertTrue(m.v1Compatible());
        RegoError e = parseError(RegoVersion.V0, "import rego.v1\np { true }");
        assertEquals("`if` keyword is required before rule body", e.message());
        assertEquals(3, e.row());
        assertEquals("`if` keyword is required before function body",
                parseError(RegoVersion.V0, "import rego.v1\nf(x) { true }").message());
    }

    @Test
    void regoV1ImportReportsEveryRuleFormError() {
        RegoCompileException e = assertThrows(RegoCompileException.class,
                () -> parse(RegoVersion.V0, "import rego.v1\np[x] { x := 1 }\nq[1]"));
        assertEquals(List.of("3: `if` keyword is required before rule body",
                        "3: `contains` keyword is required for partial set rules",
                        "4: `contains` keyword is required for partial set rules"),
                e.errors().stream().map(x -> x.row() + ": " + x.message()).toList());
    }

    @Test
    void regoV1ImportAddsV1ModuleChecks() {
        // OPA's stages: root document overrides first, and a stage with errors ends compilation
        assertEquals(List.of("rego_compile_error: rules must not shadow input (use a different rule name)",
                        "rego_compile_error: variables must not shadow data (use a different variable name)"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0), "package t\nimport rego.v1\n"
                        + "import data.a.b\nimport data.c.b\ninput := 1\np if { x := [1 | data := 2] }"));
        assertEquals(List.of("rego_compile_error: import must not shadow import data.a.b"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0), "package t\nimport rego.v1\n"
                        + "import data.a.b\nimport data.c.b\np if { x := [1 | y := 2] }"));
        // without rego.v1 a v0 module may do all this
        assertEquals(List.of(), compileErrors(Rego.compiler().regoVersion(RegoVersion.V0),
                "package t\nimport data.a.b\nimport data.c.b\ninput := 1\np { data := 2 }\nq := any([true])"));
    }

    @Test
    void strictModeAppliesTheV1ChecksToV0Modules() {
        assertEquals(List.of("rego_type_error: deprecated built-in function calls in expression: any"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0).strict(true), "package t\nq := any([true])"));
        assertEquals(List.of("rego_compile_error: import must not shadow import data.a.b as x"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0).strict(true),
                        "package t\nimport data.a.b as x\nimport data.x\np { x }"));
        assertEquals(List.of("rego_compile_error: import input.u unused"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0).strict(true),
                        "package t\nimport future.keywords.in\nimport input.u\nimport data.lib\nimport input.w as v\n"
                                + "p { lib.f(1) }\nq { 1 in [v] }"));
        assertEquals(List.of("rego_compile_error: assigned var x unused", "rego_compile_error: declared var z unused"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0).strict(true),
                        "package t\np { x := 1; some z; input.a }\nq = y { x := 1; y := [w | w := x] }"));
        assertEquals(List.of("rego_compile_error: assigned var y unused"),
                compileErrors(Rego.compiler().regoVersion(RegoVersion.V0).strict(true),
                        "package t\nq = 1 { y := [w | w := 1] }"));
        // and in v1 modules
        assertEquals(List.of("rego_compile_error: import data.a unused"),
                compileErrors(Rego.compiler().strict(true), "package t\nimport data.a\np := 1"));
    }

    @Test
    void regoImportMustBeRegoV1() {
        assertEquals("invalid import `rego.v2`, must be `rego.v1`", parseError(RegoVersion.V0, "import rego.v2").message());
        assertEquals("invalid import `rego.v2`, must be `rego.v1`", parseError(RegoVersion.V1, "import rego.v2").message());
        assertEquals("`rego` imports cannot be aliased", parseError(RegoVersion.V0, "import rego.v1 as r").message());
    }

    // ---------------------------------------------------------------- through the facade

    @Test
    void v0PolicyEvaluates() {
        String src = "package t\ns[x] { x := [1, 2][_] }\no[k] = v { v := {\"a\": 1}[k] }\n"
                + "d { set_diff({1, 2}, {2}) == {1} }\nf() = 7";
        assertEquals(value("{1, 2}"), eval(RegoVersion.V0, "data.t.s", src));
        assertEquals(value("{\"a\": 1}"), eval(RegoVersion.V0, "data.t.o", src));
        assertEquals(value("true"), eval(RegoVersion.V0, "data.t.d", src));
        assertEquals(value("7"), eval(RegoVersion.V0, "data.t.f", src));
    }

    @Test
    void typicalV0AdmissionPolicyEvaluates() {
        String lib = "package lib.k8s\n\nname(obj) = n { n := obj.metadata.name }\nname(obj) = \"?\" { not obj.metadata.name }\n";
        String policy = """
                package admission

                import data.lib.k8s
                import future.keywords.in

                default allow = false

                allow { count(violation) == 0 }

                violation[{"msg": msg, "container": c.name}] {
                  some c in input.spec.containers
                  not startswith(c.image, "registry.local/")
                  msg := sprintf("%s: image %s not from registry.local", [k8s.name(input), c.image])
                }

                violation[{"msg": "privileged", "container": c.name}] {
                  c := input.spec.containers[_]
                  c.securityContext.privileged
                }

                level = "high" { count(violation) > 1 } else = "low" { count(violation) == 1 } else = "none"

                labels[k] = v { v := input.metadata.labels[k]; startswith(k, "app") }
                """;
        String input = "{\"metadata\": {\"name\": \"web\", \"labels\": {\"app\": \"w\", \"tier\": \"x\"}},"
                + " \"spec\": {\"containers\": [{\"name\": \"a\", \"image\": \"docker.io/a\","
                + " \"securityContext\": {\"privileged\": true}}, {\"name\": \"b\", \"image\": \"registry.local/b\"}]}}";
        org.mtabaseline.rego.CompiledPolicy p = Rego.compiler().regoVersion(RegoVersion.V0).module("lib.rego", lib)
                .module("policy.rego", policy).compile();
        Value in = value(input);
        EvalOptions o = EvalOptions.defaults().withStrictBuiltinErrors(true);
        assertEquals(value("false"), p.prepare("data.admission.allow").evalValue(in, o).regoValue());
        assertEquals(value("\"high\""), p.prepare("data.admission.level").evalValue(in, o).regoValue());
        assertEquals(value("{\"app\": \"w\"}"), p.prepare("data.admission.labels").evalValue(in, o).regoValue());
        assertEquals(value("{{\"msg\": \"privileged\", \"container\": \"a\"}, {\"msg\": \"web: image docker.io/a not "
                + "from registry.local\", \"container\": \"a\"}}"),
                p.prepare("data.admission.violation").evalValue(in, o).regoValue());
    }

    @Test
    void testRunnerLoadsV0Modules(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("p.rego"), "package p\n\ndeny[m] { m := input.bad }\n");
        java.nio.file.Files.writeString(dir.resolve("p_test.rego"), "package p\n\n"
                + "test_denied { deny[\"x\"] with input as {\"bad\": \"x\"} }\n"
                + "test_clean { count(deny) == 0 with input as {} }\n");
        org.mtabaseline.rego.RegoTestRunner runner = org.mtabaseline.rego.RegoTestRunner.load(dir, RegoVersion.V0);
        assertEquals(List.of("data.p.test_clean", "data.p.test_denied"), runner.tests());
        for (String t : runner.tests()) {
            assertTrue(runner.run(t).passed(), t);
        }
    }

    @Test
    void deprecatedBuiltinsAreV0Only() {
        String src = "package t\np := all([true])\nq := cast_array({1})\n";
        assertEquals(value("true"), eval(RegoVersion.V0, "data.t.p", src));
        assertEquals(value("[1]"), eval(RegoVersion.V0, "data.t.q", src));
        RegoError e = assertThrows(RegoCompileException.class,
                () -> Rego.compiler().module("x.rego", src).compile()).errors().get(0);
        assertEquals("x.rego:2: rego_type_error: deprecated built-in function calls in expression: all",
                e.file() + ":" + e.row() + ": " + e.code() + ": " + e.message());
        RegoError v0v1 = assertThrows(RegoCompileException.class, () -> Rego.compiler().regoVersion(RegoVersion.V0)
                .module("x.rego", "package t\nimport rego.v1\np := any([true])").compile()).errors().get(0);
        assertEquals("deprecated built-in function calls in expression: any", v0v1.message());
    }

    @Test
    void defaultStaysV1() {
        assertThrows(RegoCompileException.class, () -> Rego.compiler().module("x.rego", "package t\np[x] { in := 1 }")
                .compile());
    }

    // ---------------------------------------------------------------- helpers

    private static Module parse(RegoVersion v, String rest) {
        return Parser.parseModule("test.rego", "package test\n" + rest + "\n", v, false);
    }

    private static Rule rule(RegoVersion v, String rest) {
        List<Rule> rules = parse(v, rest).rules();
        return rules.get(0);
    }

    private static RegoError parseError(RegoVersion v, String rest) {
        RegoError e = assertThrows(RegoCompileException.class, () -> parse(v, rest)).errors().get(0);
        assertEquals("rego_parse_error", e.code());
        return e;
    }

    private static void assertParseError(RegoVersion v, String rest) {
        parseError(v, rest);
    }

    private static Value eval(RegoVersion v, String query, String src) {
        return Rego.compiler().regoVersion(v).module("x.rego", src).compile().prepare(query)
                .evalValue(null, EvalOptions.defaults().withStrictBuiltinErrors(true)).regoValue();
    }

    private static List<String> compileErrors(org.mtabaseline.rego.RegoCompiler compiler, String src) {
        try {
            compiler.module("x.rego", src).compile();
            return List.of();
        } catch (RegoCompileException e) {
            return e.errors().stream().map(x -> x.code() + ": " + x.message()).toList();
        }
    }

    private static Value value(String rego) {
        return Rego.compiler().compile().prepare("x := " + rego).evalValue(null, EvalOptions.defaults())
                .valueRows().get(0).get("x");
    }
}
