package org.mtabaseline.rego.compile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.types.SchemaTypes;

/** Input typed by a JSON Schema and METADATA schemas annotations, as opa check --schema does. */
class SchemaTypesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final JsonNode INPUT = json("""
            {"type": "object", "required": ["user", "operation"],
             "properties": {"user": {"type": "string"}, "operation": {"type": "string"},
                            "roles": {"type": "array", "items": {"$ref": "#/definitions/role"}}},
             "definitions": {"role": {"type": "object", "properties": {"name": {"type": "string"}}}}}""");
    private static final JsonNode ACL = json("""
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}""");

    @Test
    void schemasBecomeOpaTypes() {
        assertEquals("object<operation: string, roles: array[object<name: string>], user: string>",
                SchemaTypes.of(INPUT).toString());
        assertEquals("object[any: any]", SchemaTypes.of(ACL).toString());
        assertEquals("any<number, string>", SchemaTypes.of(json("{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}"))
                .toString());
        assertEquals("object<a: number, b: string>", SchemaTypes.of(json("""
                {"allOf": [{"properties": {"a": {"type": "number"}}}, {"properties": {"b": {"type": "string"}}}]}""")).toString());
    }

    @Test
    void anInputSchemaTypesInput() {
        RegoError unknown = assertThrows(RegoCompileException.class, () -> Rego.compiler().inputSchema(INPUT)
                .module("test-0.rego", "package t\np if { input.usr == \"alice\" }").compile()).errors().get(0);
        assertEquals("rego_type_error", unknown.code());
        assertTrue(unknown.message().startsWith("undefined ref: input.usr\n"), unknown.message());
        assertTrue(unknown.message().contains("want (one of): [\"operation\" \"roles\" \"user\"]"), unknown.message());
        RegoError misuse = assertThrows(RegoCompileException.class, () -> Rego.compiler().inputSchema(INPUT)
                .module("test-0.rego", "package t\np if { input.user + 1 > 0 }").compile()).errors().get(0);
        assertTrue(misuse.message().startsWith("plus: invalid argument(s)\n\thave: (string"), misuse.message());
        assertDoesNotThrow(() -> Rego.compiler().inputSchema(INPUT)
                .module("test-0.rego", "package t\np if { startswith(input.roles[_].name, input.user) }").compile()
                .prepare("x := upper(input.operation)"));
        // without a schema, input is any
        assertDoesNotThrow(() -> Rego.compiler().module("test-0.rego", "package t\np if { input.usr + 1 }").compile());
    }

    @Test
    void schemaAnnotationsTypeTheRuleTheyAnnotate() {
        String mod = """
                package policy

                # METADATA
                # schemas:
                #   - input: schema.input
                #   - data.acl: schema["acl-schema"]
                allow if {
                    access := data.acl[input.user]
                    access[_] == input.operation
                }

                # METADATA
                # schemas:
                #   - input.n: {"type": "number"}
                bad if { input.n == concat("", ["a"]); startswith(input.n, "x") }
                """;
        RegoError e = assertThrows(RegoCompileException.class, () -> Rego.compiler().schema("input", INPUT)
                .schema("acl-schema", ACL).module("test-0.rego", mod).compile()).errors().get(0);
        assertEquals(15, e.row());
        assertTrue(e.message().startsWith("startswith: invalid argument(s)\n\thave: (number, string)"), e.message());
        var missing = assertThrows(RegoCompileException.class, () -> Rego.compiler().schema("other", ACL)
                .module("test-0.rego", mod).compile()).errors().stream().map(RegoError::message).toList();
        assertTrue(missing.contains("undefined schema: schema.input"), missing.toString());
        assertTrue(missing.contains("undefined schema: schema[\"acl-schema\"]"), missing.toString());
        // annotations are only applied when schemas are given
        assertDoesNotThrow(() -> Rego.compiler().module("test-0.rego", mod).compile());
    }
}
