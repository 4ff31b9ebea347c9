package org.mtabaseline.rego.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoVersion;

/** OPA's unsafe-variable report: every unsafe variable once, at the first expression reading it, in source order. */
class UnsafeVarsTest {

    @Test
    void everyUnsafeVariableOfAnExpressionIsReported() {
        assertEquals(List.of("test.rego:3:8: rego_unsafe_var_error: var x is unsafe",
                        "test.rego:3:8: rego_unsafe_var_error: var y is unsafe"),
                errors(RegoVersion.V1, "package t\n\np if { x == y }"));
    }

    @Test
    void everyStuckExpressionIsReportedInSourceOrder() {
        assertEquals(List.of("test.rego:4:2: rego_unsafe_var_error: var b is unsafe",
                        "test.rego:5:2: rego_unsafe_var_error: var a is unsafe"),
                errors(RegoVersion.V1, "package t\n\np if {\n\tb > 1\n\ta > b\n\tinput.x == 1\n}"));
    }

    @Test
    void unsafeHeadVariablesAreAllReported() {
        assertEquals(List.of("test.rego:3:1: rego_unsafe_var_error: var k is unsafe",
                        "test.rego:3:1: rego_unsafe_var_error: var v is unsafe"),
                errors(RegoVersion.V1, "package t\n\np[k] := v if { input.x }"));
    }

    @Test
    void futureKeywordNamesGetAnImportHintInV0() {
        assertEquals(List.of("test.rego:3:5: rego_unsafe_var_error: var contains is unsafe "
                        + "(hint: `import future.keywords.contains` to import a future keyword)"),
                errors(RegoVersion.V0, "package t\n\np { contains }"));
    }

    private static List<String> errors(RegoVersion version, String src) {
        RegoCompileException e = assertThrows(RegoCompileException.class,
                () -> Rego.compiler().regoVersion(version).module("test.rego", src).compile());
        return e.errors().stream().map(x -> x.file() + ":" + x.row() + ":" + x.col() + ": " + x.code() + ": "
                + x.message()).toList();
    }
}
