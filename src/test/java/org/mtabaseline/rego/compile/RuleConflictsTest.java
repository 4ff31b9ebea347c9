package org.mtabaseline.rego.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoVersion;

/** OPA's checkRuleConflicts: one node's rules share kind, arity and completeness. */
class RuleConflictsTest {

    @Test
    void partialSetAndCompleteRule() {
        assertEquals("t.rego:3: rego_type_error: conflicting rules data.t.p found",
                error(RegoVersion.V1, "package t\n\np contains 1\np := 2"));
        assertEquals("t.rego:3: rego_type_error: conflicting rules data.t.p found",
                error(RegoVersion.V0, "package t\n\np[x] { x := 1 }\np = 2"));
    }

    @Test
    void partialObjectAndPartialSet() {
        assertEquals("t.rego:3: rego_type_error: conflicting rules data.t.p found",
                error(RegoVersion.V0, "package t\n\np[x] = 1 { x := 1 }\np[y] { y := 2 }"));
    }

    @Test
    void functionAndRuleOrOtherArity() {
        assertEquals("t.rego:3: rego_type_error: conflicting rules data.t.f found",
                error(RegoVersion.V1, "package t\n\nf(x) := 1\nf := 2"));
        assertEquals("t.rego:3: rego_type_error: conflicting rules data.t.f found",
                error(RegoVersion.V1, "package t\n\nf(x) := 1\nf(x, y) := 2"));
    }

    @Test
    void completeAndPartialObject() {
        assertEquals("t.rego:3: rego_type_error: conflicting rules data.t.p[k] found",
                error(RegoVersion.V1, "package t\n\ndefault p := {}\np[k] := 1 if k := \"a\""));
    }

    @Test
    void groundRuleAndRulesInsideItsDocument() {
        assertEquals("t.rego:3: rego_type_error: rule data.t.p.q conflicts with [data.t.p.q.r data.t.p.q.s[x]]",
                error(RegoVersion.V1, "package t\n\np.q := 1\np.q.r := 2\np.q.s[x] := 3 if x := \"a\"\np.q.r.z := 4"));
        assertEquals("t.rego:3: rego_type_error: rule data.t.p conflicts with [data.t.p.x]",
                error(RegoVersion.V0, "package t\n\np[1]\np.x = 2"));
        // a rule with a variable in its reference may have rules inside its extent
        Rego.compiler().module("t.rego", "package t\n\np.q[r] := 1 if r := \"a\"\np.q.s := 2").compile();
    }

    @Test
    void sameKindRulesCoexist() {
        Rego.compiler().module("t.rego", "package t\n\ndefault p := 0\np := 1 if input.a\np := 2 if input.b\n"
                + "s contains 1\ns contains 2\nf(x) := 1\nf(x) := 2 if x > 1\no[k] := 1 if k := \"a\"\no.b := 2").compile();
    }

    private static String error(RegoVersion v, String src) {
        RegoError e = assertThrows(RegoCompileException.class,
                () -> Rego.compiler().regoVersion(v).module("t.rego", src).compile()).errors().get(0);
        return e.toString();
    }
}
