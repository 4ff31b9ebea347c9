package org.mtabaseline.rego.builtins.support.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.builtins.support.graphql.Ast.QueryDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Source;

/** The gqlparser port on its own: lexer and parser errors, nesting and size bounds, validation, AST decoding. */
class GraphqlParserTest {
    private static QueryDocument query(String text) {
        return Parser.parseQuery(new Source("", text, false));
    }

    private static SchemaDocument schemaDoc(String text) {
        return Parser.parseSchema(new Source("", text, false));
    }

    private static String queryError(String text) {
        return assertThrows(GraphqlException.class, () -> query(text)).getMessage();
    }

    private static String schemaError(String text) {
        return assertThrows(GraphqlException.class, () -> schemaDoc(text)).getMessage();
    }

    private static String lexError(String text) {
        Lexer lexer = new Lexer(new Source("", text, false));
        Token t = lexer.readToken();
        assertEquals(Token.Kind.INVALID, t.kind());
        return lexer.error().getMessage();
    }

    private static List<String> validate(String schema, String query) {
        return QueryValidator.validate(SchemaValidator.withPrelude(schemaDoc(schema)), query(query)).stream()
                .map(GraphqlException.Located::goText).toList();
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void unterminatedStringsAreInvalidTokensThatTheParserReportsAsUnexpected() {
        assertEquals("input:1:5: Unterminated string.", lexError("\"abc"));
        assertEquals("input:1:4: Unterminated string.", lexError("\"ab\ncd\""), "a line break ends a string");
        assertEquals("input:2:2: Unterminated string.", lexError("\"\"\"a\nb"), "block strings may span lines");
        // as in gqlparser, the parser peeks the invalid token and reports it, not the lexer's reason
        assertEquals("input:1:12: Unexpected <Invalid>", queryError("{ f(a: \"abc"));
        assertEquals("input:2:1: Unexpected <Invalid>", schemaError("\"\"\"\r"));
    }

    @Test
    void badEscapesAndCharactersAreLexerErrors() {
        assertEquals("input:1:3: Invalid character escape sequence: \\x.", lexError("\"\\x\""));
        assertEquals("input:1:3: Invalid character escape sequence: \\u12\".", lexError("\"\\u12\""));
        assertEquals("input:1:3: Invalid character escape sequence: \\uZZZZ.", lexError("\"\\uZZZZ\""));
        assertEquals("input:1:1: Unexpected single quote character ('), did you mean to use a double quote (\")?",
                lexError("'a'"));
        assertEquals("input:1:1: Cannot parse the unexpected character \".\".", lexError(".a"));
        assertEquals("input:1:2: Invalid number, unexpected digit after 0: \"1\".", lexError("01"));
        assertEquals("input:1:3: Invalid number, expected digit but got: <EOF>.", lexError("1."));
    }

    @Test
    void escapesAndBlockStringsGiveTheirValues() {
        assertEquals("a\"b\u00e9\n", new Lexer(new Source("", "\"a\\\"b\\u00e9\\n\"", false)).readToken().value());
        assertEquals("line one\n  indented\n\nlast", Lexer.blockStringValue("\n    line one\n      indented\n\n    last\n  "));
        assertEquals("block string uses \"\"\"", new Lexer(new Source("",
                "\"\"\"\n    block string uses \\\"\"\"\n  \"\"\"", false)).readToken().value());
    }

    @Test
    void positionsKeepGqlparsersQuirks() {
        // a string token starts after its opening quote
        assertEquals("input:1:2: Unexpected String \"Description\"", schemaError("\"Description\" extend type A { a: Int }"));
        // after \r\n the line starts at the \n, so columns are one higher
        assertEquals("input:2:4: expected at least one definition, found }", queryError("{\r\n  }"));
        assertEquals("input:2:3: expected at least one definition, found }", queryError("{\n  }"));
    }

    @Test
    void parseErrorsUseGqlparsersWording() {
        assertEquals("input:1:2: Expected Name, found <EOF>", queryError("{"));
        assertEquals("input:1:10: Unexpected Name \"on\"", queryError("fragment on on on { on }"));
        assertEquals("input:1:37: Unexpected $", queryError("query Foo($x: Complex = { a: { b: [ $var ] } }) { field }"));
        assertEquals("input:1:18: Unexpected <EOF>", schemaError("extend type Hello"));
        assertEquals("input:1:27: Unexpected Name \"INCORRECT_LOCATION\"",
                schemaError("directive @foo on FIELD | INCORRECT_LOCATION"));
    }

    // ------------------------------------------------------------------ bounds

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        int n = 100_000;
        String expected = "Exceeded the maximum nesting depth of " + Parser.MAX_DEPTH;
        assertTrue(queryError("{a".repeat(n) + "}".repeat(n)).endsWith(expected));
        assertTrue(queryError("{ f(a: " + "[".repeat(n) + "]".repeat(n) + ") }").endsWith(expected));
        assertTrue(queryError("{ f(a: " + "{a: ".repeat(n) + "1" + "}".repeat(n) + ") }").endsWith(expected));
        assertTrue(queryError("query ($v: " + "[".repeat(n) + "Int" + "]".repeat(n) + ") { f }").endsWith(expected));
        assertTrue(schemaError("type Q { f: " + "[".repeat(n) + "Int" + "]".repeat(n) + " }").endsWith(expected));
    }

    @Test
    void nestingUpToTheLimitParsesValidatesAndEncodes() {
        int n = Parser.MAX_DEPTH;
        String q = "{" + "a {".repeat(n - 1) + "x" + "}".repeat(n - 1) + "}";
        assertEquals(List.of(), validate("type Query { a: Query, x: Int }", q));
        Object pruned = AstJson.prune(AstJson.encode(query(q)));
        assertInstanceOf(Map.class, pruned);
        assertTrue(queryError("{" + "a {".repeat(n) + "x" + "}".repeat(n) + "}").contains("maximum nesting depth"));
    }

    @Test
    void hugeInputIsHandledInLinearTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            StringBuilder q = new StringBuilder("{");
            for (int i = 0; i < 30_000; i++) {
                q.append(" a").append(i).append(": f(x: ").append(i).append(')');
            }
            q.append('}');
            assertTrue(q.length() > 450_000);
            assertEquals(List.of(), validate("type Query { f(x: Int): Int }", q.toString()));
            // same-named fields are compared pairwise, as in gqlparser: bounded, if quadratic
            assertEquals(List.of(), validate("type Query { f: Int }", "{" + " f".repeat(1_500) + " }"));
        });
    }

    // ------------------------------------------------------------------ validation

    @Test
    void queryValidationUsesGqlparsersMessages() {
        String schema = "type Query { hero(episode: Int!): Hero, heroes: [Hero] } type Hero { name: String, id: ID }";
        assertEquals(List.of("input:1:3: Field \"hero\" argument \"episode\" of type \"Int!\" is required, but it "
                + "was not provided."), validate(schema, "{ hero { name } }"));
        assertEquals(List.of("input:1:3: Unknown argument \"episod\" on field \"Query.hero\". Did you mean \"episode\"?"),
                validate(schema, "{ hero(episode: 1, episod: 2) { name } }"));
        assertEquals(List.of("input:1:12: Cannot query field \"nme\" on type \"Hero\". Did you mean \"name\"?"),
                validate(schema, "{ heroes { nme } }"));
        assertEquals(List.of("input:1:3: Field \"heroes\" of type \"[Hero]\" must have a selection of subfields. "
                + "Did you mean \"heroes { ... }\"?"), validate(schema, "{ heroes }"));
        assertEquals(List.of("input:1:9: Variable \"$v\" is never used in operation \"Q\"."),
                validate(schema, "query Q($v: Int) { heroes { id } }"));
        assertEquals(List.of("input:1:17: Int cannot represent non 32-bit signed integer value: 99999999999999999999"),
                validate(schema, "{ hero(episode: 99999999999999999999) { id } }"));
        assertEquals(List.of("input:1:17: Fields \"name\" conflict because \"name\" and \"id\" are different fields. "
                + "Use different aliases on the fields to fetch both if this was intentional."),
                validate(schema, "{ heroes { name name: id } }"));
        assertEquals(List.of("input:1:1: Schema does not support operation type \"mutation\""),
                validate(schema, "mutation { x }"));
    }

    @Test
    void schemaValidationStopsAtTheFirstProblem() {
        assertEquals("input:1:24: Cannot extend type Foo because the base type is a SCALAR, not OBJECT.",
                assertThrows(GraphqlException.class, () -> SchemaValidator.withPrelude(
                        schemaDoc("scalar Foo extend type Foo @deprecated"))).getMessage());
        assertEquals("input:1:6: Undefined type \"World\".", assertThrows(GraphqlException.class,
                () -> SchemaValidator.withPrelude(schemaDoc("type Hello implements World { f: Int }"))).getMessage());
        assertEquals("input:1:69: Type A must implement IA because it is implemented by IIA.",
                assertThrows(GraphqlException.class, () -> SchemaValidator.withPrelude(schemaDoc(
                        "interface IA { id: ID } interface IIA implements IA { id: ID } type A implements IIA "
                                + "{ id: ID }"))).getMessage());
    }

    // ------------------------------------------------------------------ AST objects

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void astObjectsDecodeAsGoJsonDoes() {
        // standard structs match keys regardless of case; a fragment given as an object becomes a field
        Map<String, Object> tree = obj("Operations", List.of(obj("Name", "", "Operation", "query", "SelectionSet",
                List.of(obj("name", "ignored-lowercase-key-on-custom-type", "Alias", "a", "Arguments",
                        List.of(obj("NAME", "x", "value", obj("Kind", new java.math.BigDecimal(1), "Raw", "2")))),
                        obj("TypeCondition", "Hero", "SelectionSet", List.of())))));
        QueryDocument doc = AstJson.decodeQuery(tree);
        Ast.Field first = (Ast.Field) doc.operations.get(0).selectionSet.get(0);
        assertEquals("", first.name, "Field has its own UnmarshalJSON: keys match exactly");
        assertEquals("x", first.arguments.get(0).name);
        assertEquals("2", first.arguments.get(0).value.raw);
        assertInstanceOf(Ast.Field.class, doc.operations.get(0).selectionSet.get(1));

        assertEquals("json: cannot unmarshal string into Go struct field Definition.Definitions.Fields of type "
                + "ast.FieldList", assertThrows(GraphqlException.class, () -> AstJson.decodeSchema(
                        obj("Definitions", List.of(obj("Kind", "OBJECT", "Fields", "x"))))).getMessage());
        assertEquals("json: cannot unmarshal number 1.5 into Go struct field Value.DefaultValue.Kind of type "
                + "ast.ValueKind", assertThrows(GraphqlException.class, () -> AstJson.decodeQuery(obj("Operations",
                        List.of(obj("VariableDefinitions", List.of(obj("DefaultValue",
                                obj("Kind", new java.math.BigDecimal("1.5"))))))))).getMessage());
        // a selection that fails as a field is tried as a fragment spread, which has no Arguments to fail on
        QueryDocument fallback = AstJson.decodeQuery(obj("Operations", List.of(obj("SelectionSet", List.of(
                obj("Name", "f", "Arguments", "not a list"))))));
        assertInstanceOf(Ast.FragmentSpread.class, fallback.operations.get(0).selectionSet.get(0));
    }

    @Test
    void prunedJsonDropsNullsEmptiesAndPositions() {
        Object pruned = AstJson.prune(obj("A", "", "B", null, "C", List.of(), "D", List.of(obj("E", null)),
                "Position", obj("Line", 1), "F", false));
        assertEquals(obj("A", "", "F", false), new TreeMap<>((Map<?, ?>) pruned));
    }
}
