package org.mtabaseline.rego.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mtabaseline.rego.RegoSnippets.compileError;
import static org.mtabaseline.rego.RegoSnippets.term;
import static org.mtabaseline.rego.RegoSnippets.value;

import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.value.BooleanValue;

/** OPA's local variable scoping (rewriteLocalVars): := declares in the current body, closures shadow. */
class LocalVarsTest {

    @Test
    void assignmentInEveryBodyShadowsAnOuterVariable() {
        String mod = """
                package t
                xs := [1, 2, 3]
                p if {
                    y := 10
                    every x in xs {
                        y := x
                        y > 0
                    }
                    y == 10
                }
                """;
        assertEquals(BooleanValue.TRUE, value("data.t.p", mod));
    }

    @Test
    void everyKeyAndValueShadowOuterVariables() {
        String mod = """
                package t
                p := [x, i] if {
                    x := "outer"
                    i := -1
                    every i, x in ["a", "b"] {
                        is_string(x)
                        i >= 0
                    }
                }
                """;
        assertEquals(term("[\"outer\", -1]"), value("data.t.p", mod));
    }

    @Test
    void comprehensionAndNestedEveryDeclarationsAreLocal() {
        String mod = """
                package t
                p := [x, ys] if {
                    x := 1
                    ys := [x | some y in [1, 2]; x := y * 10]
                    every z in ys {
                        every w in [z] { x := w; x >= 10 }
                    }
                }
                """;
        assertEquals(term("[1, [10, 20]]"), value("data.t.p", mod));
    }

    @Test
    void redeclarationInTheSameBodyIsAnError() {
        RegoError assigned = compileError("package t\np if { x := 1; x := 2 }");
        assertEquals("rego_compile_error", assigned.code());
        assertEquals("var x assigned above", assigned.message());
        assertEquals(2, assigned.row());
        assertEquals("var x referenced above", compileError("package t\np if { x = 1; x := 2 }").message());
        assertEquals("var x declared above", compileError("package t\np if { some x; x := 2 }").message());
        assertEquals("arg x redeclared", compileError("package t\nf(x) := y if { x := 1; y := x }").message());
        assertEquals("var x declared above",
                compileError("package t\np if { every x in [1] { x := 2 } }").message());
        assertEquals("cannot assign vars inside negated expression",
                compileError("package t\np if { not x := 1 }").message());
    }

    @Test
    void shadowingInANestedBodyIsAllowed() {
        String mod = """
                package t
                f(x) := [x | x := 2]
                p := f(1)
                """;
        assertEquals(term("[2]"), value("data.t.p", mod));
    }
}
