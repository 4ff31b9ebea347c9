package org.mtabaseline.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.builtins.support.graphql.Parser;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** The graphql.* builtins as the evaluator calls them: OPA's error texts, AST objects in and out, bounds. */
class GraphqlBuiltinsTest {
    private static final BuiltinContext CTX = BuiltinContext.simple();
    private static final String SCHEMA = "type Query { employeeByID(id: String!): Employee } "
            + "type Employee { id: String!, salary: Int!, boss: Employee }";

    private static Value call(String name, Value... args) {
        return BuiltinRegistry.standard().get(name).impl().call(CTX, List.of(args));
    }

    private static BuiltinException error(String name, Value... args) {
        return assertThrows(BuiltinException.class, () -> call(name, args));
    }

    private static StringValue s(String v) {
        return StringValue.of(v);
    }

    @Test
    void aSchemaGivenAsTextIsParsedOnceAndServesConcurrentQueries() throws Exception {
        String schema = SCHEMA + " type Manager { name: String }";
        Value first = call("graphql.parse_schema", s(schema));
        assertEquals(first, call("graphql.parse_schema", s(schema)));
        // an invalid schema keeps failing with the same message from the cache
        String invalid = "type Query { a: Missing }";
        String message = error("graphql.parse", s("{ a }"), s(invalid)).getMessage();
        assertEquals(message, error("graphql.parse", s("{ a }"), s(invalid)).getMessage());
        assertEquals(BooleanValue.FALSE, call("graphql.schema_is_valid", s(invalid)));
        // valid and invalid queries against the one cached schema from several threads at once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String query = i % 2 == 0 ? "{ employeeByID(id: \"" + i + "\") { id salary boss { id } } }"
                        : "{ employeeByID(id: \"" + i + "\") { nope } }";
                results.add(pool.submit(() -> call("graphql.is_valid", s(query), s(schema)) == BooleanValue.TRUE));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i % 2 == 0, results.get(i).get(), "query " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void gqlparserErrorsAreReshapedAsOpaDoes() {
        // the cases of OPA's TestFormatGqlParserError
        assertEquals("GraphQL parse error: filename.gql: error string with filename and no location",
                GraphqlBuiltins.formatError("filename.gql: error string with filename and no location"));
        assertEquals("error string with filename and location in GraphQL string at location 1:2",
                GraphqlBuiltins.formatError("filename.gql:1:2: error string with filename and location"));
        assertEquals("error string without filename and with location in GraphQL string at location 1:2",
                GraphqlBuiltins.formatError("input:1:2: error string without filename and with location"));
        assertEquals("GraphQL parse error: ", GraphqlBuiltins.formatError(""));
        assertEquals("GraphQL parse error: x:y:z", GraphqlBuiltins.formatError("x:y:z"));
        assertEquals("GraphQL parse error: input: b:c:d", GraphqlBuiltins.formatError("input: b:c:d"));
        assertEquals("GraphQL parse error: ::::::::", GraphqlBuiltins.formatError("::::::::"));
        // a validation error list loses its final period and newline
        assertEquals("Unknown fragment \"F\" in GraphQL string at location 1:3",
                GraphqlBuiltins.formatError("input:1:3: Unknown fragment \"F\".\n"));
    }

    @Test
    void parseAndValidationErrorsAreBuiltinErrors() {
        BuiltinException e = error("graphql.parse_query", s("{"));
        assertEquals(BuiltinException.BUILTIN_ERROR, e.code());
        assertEquals("Expected Name, found <EOF> in GraphQL string at location 1:2", e.getMessage());
        assertEquals("Field \"employeeByID\" argument \"id\" of type \"String!\" is required, but it was not provided "
                + "in GraphQL string at location 1:3", error("graphql.parse", s("{ employeeByID { id } }"),
                        s(SCHEMA)).getMessage());
        assertEquals("Error in gqlparser SchemaDocument to Schema conversion: input:1:6: Undefined type \"World\".",
                error("graphql.parse", s("{ x }"), s("type Hello implements World { f: Int }")).getMessage());
        BuiltinException typeError = error("graphql.parse", NumberValue.of(1), s(SCHEMA));
        assertEquals(BuiltinException.TYPE_ERROR, typeError.code());
        assertEquals("operand 1 must be one of {string, object} but got number", typeError.getMessage());
        assertEquals("operand 1 must be string but got object",
                error("graphql.parse_query", ObjectValue.EMPTY).getMessage());
    }

    @Test
    void checkingBuiltinsAnswerFalseInsteadOfFailing() {
        assertEquals(BooleanValue.FALSE, call("graphql.is_valid", NumberValue.of(1), s(SCHEMA)));
        assertEquals(BooleanValue.FALSE, call("graphql.is_valid", s("{"), s(SCHEMA)));
        assertEquals(BooleanValue.FALSE, call("graphql.schema_is_valid", ArrayValue.EMPTY));
        assertEquals(BooleanValue.TRUE, call("graphql.schema_is_valid", s("")), "the prelude alone is a schema");
        assertEquals(ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY),
                call("graphql.parse_and_verify", s("{ nope }"), s(SCHEMA)));
    }

    @Test
    void astObjectsGoBackInAndComeOutUnchanged() {
        Value queryAst = call("graphql.parse_query", s("query Q($id: String!) { employeeByID(id: $id) { salary } }"));
        Value schemaAst = call("graphql.parse_schema", s(SCHEMA));
        assertEquals(ArrayValue.of(queryAst, schemaAst), call("graphql.parse", queryAst, schemaAst));
        assertEquals(ArrayValue.of(BooleanValue.TRUE, queryAst, schemaAst),
                call("graphql.parse_and_verify", queryAst, s(SCHEMA)));
    }

    @Test
    void deepQueriesAndDeepAstObjectsDoNotOverflowTheStack() {
        int n = Parser.MAX_DEPTH;
        String deep = "{ employeeByID(id: \"a\") {" + " boss {".repeat(n - 2) + " id" + " }".repeat(n - 2) + " } }";
        Value ast = call("graphql.parse_query", s(deep));
        assertEquals(BooleanValue.TRUE, call("graphql.is_valid", ast, s(SCHEMA)));
        assertEquals(BooleanValue.TRUE, call("graphql.is_valid", s(deep), s(SCHEMA)));
        String tooDeep = "{" + " boss {".repeat(100_000) + " }".repeat(100_000) + " }";
        assertTrue(error("graphql.parse_query", s(tooDeep)).getMessage().startsWith(
                "Exceeded the maximum nesting depth of " + n + " in GraphQL string at location 1:"));

        Value nested = s("x");
        for (int i = 0; i < 100_000; i++) {
            nested = ArrayValue.of(nested);
        }
        ObjectValue hostile = ObjectValue.of(StringValue.of("Operations"), nested);
        assertEquals(BooleanValue.FALSE, call("graphql.is_valid", hostile, s(SCHEMA)));
    }
}
