package org.mtabaseline.rego;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.value.Value;

/**
 * {@code and} / {@code or} past the parser: what the compiler refuses (with OPA's codes and positions),
 * and how the operators evaluate: short-circuit, one success at most, operands keeping their variables.
 */
class LogicOperatorsTest {
    private static final String HEAD = "package logic\n\nimport future.keywords.and\nimport future.keywords.or\n"
            + "import future.keywords.not\n\n";

    @Test
    void singleExpressionOperandsCannotDeclareVariables() {
        assertErrors(List.of("test.rego:8:2: rego_compile_error: cannot assign vars inside implicit and operand",
                "test.rego:8:13: rego_compile_error: cannot assign vars inside implicit and operand"),
                "p if {\n\tx := 1 and y := 2\n}");
        assertErrors(List.of("test.rego:8:27: rego_compile_error: cannot assign vars inside implicit and operand"),
                "p if {\n\tinput.a or { input.b and x := input.c }\n}");
        assertErrors(List.of("test.rego:8:18: rego_compile_error: cannot assign vars inside negated expression"),
                "p if {\n\tinput.a and not x := input.b\n}");
    }

    @Test
    void operandsBindNothingOutside() {
        assertErrors(List.of("test.rego:8:2: rego_unsafe_var_error: var x is unsafe"), "p if {\n\tx = 1 or y = 2\n}");
        assertErrors(List.of("test.rego:8:2: rego_unsafe_var_error: var x is unsafe"),
                "p if {\n\t{ x := 1 } and x == 1\n}");
    }

    @Test
    void bracedOperandsKeepTheirVariables() {
        assertEquals("[true]", eval("p if {\n\ta := -100\n\t{ a := 1; a > 0 } and { a := 2; a > 1 }\n\ta == -100\n}",
                "data.logic.p", "{}"));
        assertEquals("[true]", eval("p if {\n\t{ b = 1; b > 0 } and { b = -1; b < 0 }\n}", "data.logic.p", "{}"));
    }

    @Test
    void anExpressionSucceedsAtMostOnce() {
        assertEquals("[[1, 2]]", eval("p := [i | some i in [1, 2]; true or true]", "data.logic.p", "{}"));
        assertEquals("[[1]]", eval("p := [1 | { some n in [1, 2, 3]; n > 0 } and true]", "data.logic.p", "{}"));
    }

    @Test
    void evaluationShortCircuits() {
        String or = "p if {\n\tinput.x > 0 or to_number(\"foo\") == 1\n}";
        assertEquals("[true]", eval(or, "data.logic.p", "{\"x\": 1}"));
        RegoEvalException e = assertThrows(RegoEvalException.class, () -> eval(or, "data.logic.p", "{\"x\": 0}"));
        assertEquals("eval_builtin_error", e.error().code());
        assertEquals("[]", eval("p if {\n\tinput.x > 0 and to_number(\"foo\") == 1\n}", "data.logic.p", "{\"x\": 0}"));
    }

    @Test
    void withScopesToTheOperandOrTheWholeExpression() {
        assertEquals("[true]", eval("p if {\n\t(input.x < 2 with input.x as 1) and input.x == 5\n}", "data.logic.p",
                "{\"x\": 5}"));
        assertEquals("[true]", eval("p if {\n\tinput.x > 0 or input.y > 0 with input as {\"x\": 0, \"y\": 1}\n}",
                "data.logic.p", "{}"));
    }

    @Test
    void anOperatorWaitsForTheVariablesItReads() {
        assertEquals("[true]", eval("p if {\n\tx > 0 or x < -5\n\tx := input.x\n}", "data.logic.p", "{\"x\": -9}"));
        assertEquals("[[2]]", eval("p := [n | some n in input.xs; { m := n * 2; m > 3 } and count([y | some y in "
                + "input.xs; y < n]) > 0]", "data.logic.p", "{\"xs\": [1, 2]}"));
    }

    @Test
    void operatorsWorkInFunctionsElseChainsAndEvery() {
        assertEquals("[\"small\"]", eval("f(n) := \"big\" if n > 9 and n < 100\n  else := \"small\"\np := f(input.n)",
                "data.logic.p", "{\"n\": 3}"));
        assertEquals("[true]", eval("p if {\n\tevery n in input.xs { n < 0 or { n > 0; n != 5 } }\n}", "data.logic.p",
                "{\"xs\": [-1, 4]}"));
        assertEquals("[]", eval("p if {\n\tevery n in input.xs { n < 0 or { n > 0; n != 5 } }\n}", "data.logic.p",
                "{\"xs\": [-1, 5]}"));
    }

    private static CompiledPolicy compile(String rules) {
        return Rego.compiler().experimentalKeywords(true).module("test.rego", HEAD + rules).compile();
    }

    private static void assertErrors(List<String> expected, String rules) {
        RegoCompileException e = assertThrows(RegoCompileException.class, () -> compile(rules));
        assertEquals(expected, e.errors().stream().map(x -> x.file() + ":" + x.row() + ":" + x.col() + ": " + x.code()
                + ": " + x.message()).collect(Collectors.toList()));
    }

    /** The values of x in {@code query = x} (strict builtin errors), as text. */
    private static String eval(String rules, String query, String input) {
        List<Value> xs = compile(rules).prepare(query + " = x")
                .evalValue(org.mtabaseline.rego.value.Json.fromJson(json(input)), EvalOptions.defaults().withStrictBuiltinErrors(true))
                .valueRows().stream().map(r -> r.get("x")).collect(Collectors.toList());
        return xs.toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
