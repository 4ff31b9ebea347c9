package org.mtabaseline.rego.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtabaseline.rego.RegoSnippets.compileError;
import static org.mtabaseline.rego.RegoSnippets.evalError;
import static org.mtabaseline.rego.RegoSnippets.term;
import static org.mtabaseline.rego.RegoSnippets.value;

import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.RegoError;

/** rego.metadata.chain() and rego.metadata.rule(): OPA's annotation chain, resolved at compile time. */
class AnnotationSetTest {

    @Test
    void chainRunsFromTheRuleOutToDocumentPackageAndSubpackages() {
        String top = """
                # METADATA
                # scope: subpackages
                # title: all of a
                package a
                """;
        String mod = """
                # METADATA
                # title: package b
                package a.b

                # METADATA
                # scope: document
                # description: the p document
                p := 1 if false

                # METADATA
                # title: far

                # METADATA
                # title: near
                # authors:
                # - Jane Doe <jane@example.com>
                # - name: Bob
                p := x if {
                    x := rego.metadata.chain()
                }
                """;
        assertEquals(term("""
                [{"path": ["a", "b", "p"], "annotations": {"scope": "rule", "title": "near",
                  "authors": [{"name": "Jane Doe", "email": "jane@example.com"}, {"name": "Bob"}]}},
                 {"path": ["a", "b", "p"], "annotations": {"scope": "rule", "title": "far"}},
                 {"path": ["a", "b", "p"], "annotations": {"scope": "document", "description": "the p document"}},
                 {"path": ["a", "b"], "annotations": {"scope": "package", "title": "package b"}},
                 {"path": ["a"], "annotations": {"scope": "subpackages", "title": "all of a"}}]"""),
                value("data.a.b.p", top, mod));
    }

    @Test
    void ruleMetadataIsTheClosestRuleScopeOrEmpty() {
        String mod = """
                package t

                # METADATA
                # title: annotated
                # related_resources:
                # - https://example.com/doc
                # custom:
                #   severity: high
                p := rego.metadata.rule()

                q := rego.metadata.rule()
                """;
        assertEquals(term("""
                {"scope": "rule", "title": "annotated", "related_resources": [{"ref": "https://example.com/doc"}],
                 "custom": {"severity": "high"}}"""), value("data.t.p", mod));
        assertEquals(term("{}"), value("data.t.q", mod));
    }

    @Test
    void entrypointDefaultsToDocumentScope() {
        String mod = """
                package t

                # METADATA
                # entrypoint: true
                p := rego.metadata.chain()[1].annotations.scope
                """;
        assertEquals(term("\"document\""), value("data.t.p", mod));
    }

    @Test
    void metadataFunctionsFailInAQuery() {
        RegoError e = evalError("x := rego.metadata.chain()", "package t");
        assertEquals("eval_builtin_error", e.code());
        assertTrue(e.message().contains("must only be called within the scope of a rule"), e.message());
    }

    @Test
    void annotationErrorsAreReportedAsOpaDoes() {
        RegoError imp = compileError("""
                package t
                # METADATA
                # title: x
                import data.foo
                """);
        assertTrue(imp.message().startsWith("invalid annotation scope 'import'"), imp.message());
        RegoError twice = compileError("""
                # METADATA
                # title: one
                package t
                """, """
                # METADATA
                # title: two
                package t
                """);
        assertEquals("rego_type_error", twice.code());
        assertTrue(twice.message().startsWith("package annotation redeclared: test-0.rego:1"), twice.message());
    }

    @Test
    void parseModuleGivesOpasJsonAst() {
        String mod = """
                package t

                p := rego.parse_module("x.rego", "package foo.bar\\n\\nq contains x if { some x in [1]; not x == 2 }")
                """;
        assertEquals(term("""
                {"package": {"path": [{"type": "var", "value": "data"}, {"type": "string", "value": "foo"},
                                      {"type": "string", "value": "bar"}]},
                 "rules": [{"head": {"name": "q", "key": {"type": "var", "value": "x"},
                                     "ref": [{"type": "var", "value": "q"}]},
                            "body": [{"index": 0, "terms": {"symbols": [{"type": "call", "value": [
                                        {"type": "ref", "value": [{"type": "var", "value": "internal"},
                                                                  {"type": "string", "value": "member_2"}]},
                                        {"type": "var", "value": "x"},
                                        {"type": "array", "value": [{"type": "number", "value": 1}]}]}]}},
                                     {"index": 1, "negated": true, "terms": [
                                        {"type": "ref", "value": [{"type": "var", "value": "equal"}]},
                                        {"type": "var", "value": "x"}, {"type": "number", "value": 2}]}]}]}"""),
                value("data.t.p", mod));
        RegoError e = evalError("data.t.p", """
                package t
                p := rego.parse_module("x.rego", "package foo.")
                """);
        assertEquals("eval_builtin_error", e.code());
        assertTrue(e.message().contains("rego_parse_error: unexpected eof token: expected ident"), e.message());
    }
}
