package org.mtabaseline.rego.compile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtabaseline.rego.RegoSnippets.compile;
import static org.mtabaseline.rego.RegoSnippets.compileError;
import static org.mtabaseline.rego.RegoSnippets.value;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mtabaseline.rego.CompiledPolicy;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.builtins.BuiltinDeclarations;
import org.mtabaseline.rego.builtins.BuiltinRegistry;
import org.mtabaseline.rego.value.NumberValue;

/** The compile-time type checker against OPA's own expectations (ast/check_test.go) and error texts. */
class TypeCheckerTest {

    private static RegoError bodyError(String body) {
        return compileError("package t\n\np if {\n    " + body + "\n}\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null = true", "true = null", "1 = null", "\"hello\" = null", "[1,2,3] = null",
            "[1,2,3] = [1,2,\"3\"]", "[1,2] = [1,2,3]", "{\"a\": 1, \"b\": 2} = null",
            "{\"a\": 1, \"b\": \"2\"} = {\"a\": 1, \"b\": 2}", "{\"a\": 1} = {\"a\": 1, \"b\": \"2\"}", "{1,2,3} = null",
            "x = [\"str\", 1]; x[_] = null", "[ true | true ] = [x | arr = [1, \"foo\"]; x = arr[_]]"})
    void unificationOfIncompatibleTypesIsAMatchError(String body) {
        RegoError e = bodyError(body);
        assertEquals("rego_type_error", e.code());
        assertTrue(e.message().startsWith("match error\n\tleft  : "), e.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"plus(true, 1, x)", "x = [null]; plus(x[0], 1, y)", "sum([null | true], x)",
            "sum([1,2,\"3\",4], x)", "contains([1,2,3], \"x\")", "sum({\"a\": 1, \"b\": 2}, x)",
            "sum({1,2,\"3\",4}, x)", "x := upper(1)", "startswith(input.x, 1)", "x := [count(1)]"})
    void builtinOperandsOfTheWrongTypeAreInvalidArguments(String body) {
        RegoError e = bodyError(body);
        assertEquals("rego_type_error", e.code());
        assertTrue(e.message().contains(": invalid argument(s)\n\thave: "), e.message());
    }

    @Test
    void everyStandardBuiltinHasADeclaredSignature() {
        // an undeclared builtin would escape the compile-time argument check
        List<String> undeclared = BuiltinRegistry.standard().all().keySet().stream()
                .filter(name -> BuiltinDeclarations.of(name) == null).sorted().toList();
        assertEquals(List.of(), undeclared);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x := array.flatten(\"a\")", "x := strings.split_n(\"a,b\", \",\", \"1\")", "test.sleep(1)",
            "x := uri.parse(1)", "x := uri.is_valid([])"})
    void extensionBuiltinsAreTypeChecked(String body) {
        RegoError e = bodyError(body);
        assertEquals("rego_type_error", e.code());
        assertTrue(e.message().contains(": invalid argument(s)\n\thave: "), e.message());
    }

    @Test
    void messagesFollowOpa() {
        RegoError plus = bodyError("x := 1 + \"a\"");
        assertEquals("test-0.rego", plus.file());
        assertEquals(4, plus.row());
        assertEquals("plus: invalid argument(s)\n\thave: (number, string, ???)\n\twant: (x: number, y: number, z: number)",
                plus.message());
        assertEquals("test-0.rego:4: rego_type_error: plus: invalid argument(s)\n\thave: (number, string, ???)\n\t"
                + "want: (x: number, y: number, z: number)", plus.toString());
        assertEquals("startswith: invalid argument(s)\n\thave: (number, string)\n\t"
                + "want: (search: string, base: string, result: boolean)", bodyError("startswith(1, \"a\")").message());
        assertEquals("match error\n\tleft  : number\n\tright : string", bodyError("x := 1; x = \"a\"").message());
        assertEquals("undefined ref: arr[1][0].deadbeef\n\tarr[1][0].deadbeef\n\t^^^^^^^^^\n\thave: number",
                bodyError("arr := [[1,2],[3,4]]; arr[1][0].deadbeef").message());
        assertEquals("undefined ref: arr[0].b\n\tarr[0].b\n\t       ^\n\t       have: \"b\"\n\t       "
                + "want (one of): [\"a\" \"c\"]", bodyError("arr := [{\"a\": 1, \"c\": 3}, {\"b\": 2}]; arr[0].b").message());
        assertEquals("count: arity mismatch\n\thave: (number, number, number)\n\t"
                + "want: (collection: any<string, array[any], object[any: any], set[any]>)",
                bodyError("count(1, 2, 3)").message());
        assertEquals("function data.t.f has arity 1, got 2 arguments",
                compileError("package t\nf(x) := x\np := f(1, 2)").message());
    }

    @Test
    void referencesIntoRuleValuesAreChecked() {
        String mod = """
                package t
                q := {"foo": 1, "bar": 2}
                p if { x := 1; data.t.q[x] }
                """;
        assertEquals("undefined ref: data.t.q[x]\n\tdata.t.q[x]\n\t         ^\n\t         have (type): number\n\t"
                + "         want (one of): [\"bar\" \"foo\"]", compileError(mod).message());
        RegoError scalar = compileError("package t\nq := true\np if { q.x }");
        assertTrue(scalar.message().startsWith("undefined ref: data.t.q.x\n"), scalar.message());
        assertDoesNotThrow(() -> compile("package t\nq := {\"foo\": 1}\np if { q.foo == 1 }"));
    }

    @Test
    void functionArgumentTypesAreInferredFromTheirBodies() {
        String base = """
                package base
                foo([a, b]) = y if { split(a, b, y) }
                bar(x) = y if { count(x, y) }
                baz([x, y]) = z if { sprintf("%s%s", [x, y], z) }
                """;
        assertThrows(RegoCompileException.class,
                () -> compile(base, "package t\nfn(_) = y if { data.base.foo([\"hello\", 5], y) }"));
        assertDoesNotThrow(() -> compile(base, "package t\nfn(_) = y if { data.base.foo([\"hello\", \"ll\"], y) }"));
        assertDoesNotThrow(() -> compile(base, "package t\nfn(_) = y if { data.base.baz([5, [\"foo\", true]], y) }"));
        assertDoesNotThrow(() -> compile(base, "package t\nfn(x) = y if { y = {\"k\": x} }"));
        assertEquals(NumberValue.of(3), value("data.t.p", "package t\nf(x) := x + 1\np := f(2)"));
        RegoError e = compileError("package t\nf(x) := x + 1\np := f(\"a\")");
        assertEquals("data.t.f: invalid argument(s)\n\thave: (string, ???)\n\twant: (number, number)", e.message());
    }

    @Test
    void aRuleWithAnErrorIsAnyForItsCallers() {
        String mod = """
                package t
                b if { a(1) }
                a(x) if { max("foo") }
                m if { 1 / "foo" }
                n if { m }
                """;
        List<RegoError> errors = assertThrows(RegoCompileException.class, () -> compile(mod)).errors();
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(3, errors.get(0).row());
        assertEquals(4, errors.get(1).row());
    }

    @Test
    void typesFlowThroughComprehensionsRulesAndPartialDocuments() {
        assertTrue(bodyError("x = 1; y = [ i | x = i ]; y[0] == 1; concat(\",\", y)").message()
                .startsWith("concat: invalid argument(s)"));
        String partial = """
                package t
                s contains x if { some x in ["a", "b"] }
                o[k] := 1 if { some k in ["a"] }
                p if { some x in s; x + 1 > 0 }
                """;
        assertTrue(compileError(partial).message().startsWith("plus: invalid argument(s)\n\thave: (string"),
                compileError(partial).message());
        String elseChain = """
                package t
                v := 1 if { false } else := "one"
                p if { v + 1 }
                """;
        assertDoesNotThrow(() -> compile(elseChain), "number or string may be a number");
    }

    @Test
    void inputAndBaseDocumentsAreAny() {
        assertDoesNotThrow(() -> compile("""
                package t
                p if { count(input.x) > input.y + 1 }
                q contains x if { x := data.config[_].name; startswith(x, "a") }
                r := sum(input.values) + object.get(input, "n", 0)
                """));
    }

    @Test
    void queriesAreCheckedAgainstTheRuleTypes() {
        CompiledPolicy p = compile("package t\nq := \"text\"");
        RegoCompileException e = assertThrows(RegoCompileException.class, () -> p.prepare("x := data.t.q + 1"));
        assertEquals("rego_type_error", e.errors().get(0).code());
        assertDoesNotThrow(() -> p.prepare("x := concat(\"\", [data.t.q, input.y])"));
    }

    @Test
    void functionReplacementMustHaveTheSameArity() {
        String mod = """
                package t
                two(a, b) := a
                p if { count([1]) with count as two }
                """;
        RegoError e = compileError(mod);
        assertEquals("rego_type_error", e.code());
        assertTrue(e.message().startsWith("count: arity mismatch\n\thave: (any, any)"), e.message());
        assertDoesNotThrow(() -> compile("package t\none(a) := 7\np if { count([1]) == 7 with count as one }"));
    }
}
