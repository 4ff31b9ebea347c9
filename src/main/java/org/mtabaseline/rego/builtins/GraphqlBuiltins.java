package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.mtabaseline.rego.builtins.support.graphql.Ast;
import org.mtabaseline.rego.builtins.support.graphql.AstJson;
import org.mtabaseline.rego.builtins.support.graphql.GraphqlException;
import org.mtabaseline.rego.builtins.support.graphql.Parser;
import org.mtabaseline.rego.builtins.support.graphql.QueryValidator;
import org.mtabaseline.rego.builtins.support.graphql.Schema;
import org.mtabaseline.rego.builtins.support.graphql.SchemaValidator;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code graphql.parse}, {@code parse_and_verify}, {@code parse_query}, {@code parse_schema}, {@code is_valid} and
 * {@code schema_is_valid}, as OPA's topdown/graphql.go has them: documents are parsed and validated by the gqlparser
 * port in {@code support.graphql}, ASTs are returned in gqlparser's JSON shape with nulls, empties and positions
 * pruned, and a query or schema may also be given as such an AST object.
 */
public final class GraphqlBuiltins {
    private static final Pattern LOCATED = Pattern.compile("-?[0-9]+");

    private GraphqlBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("graphql.parse_query", 1, (ctx, a) -> {
            String query = Args.string(a, 0);
            return toValue(AstJson.prune(AstJson.encode(parseQuery(query))));
        });
        r.register("graphql.parse_schema", 1, (ctx, a) -> cachedSchema(Args.string(a, 0)).ast());
        r.register("graphql.parse", 2, (ctx, a) -> {
            Ast.QueryDocument query = queryOperand(a, 0);
            SchemaArg schema = schemaOperand(a, 1);
            // the ASTs are taken before validation links their nodes to definitions, as OPA does
            Value queryAst = toValue(AstJson.prune(AstJson.encode(query)));
            verify(query, schema);
            return ArrayValue.of(queryAst, schema.ast());
        });
        r.register("graphql.parse_and_verify", 2, (ctx, a) -> {
            try {
                Ast.QueryDocument query = queryOperand(a, 0);
                SchemaArg schema = schemaOperand(a, 1);
                Value queryAst = toValue(AstJson.prune(AstJson.encode(query)));
                verify(query, schema);
                return ArrayValue.of(BooleanValue.TRUE, queryAst, schema.ast());
            } catch (BuiltinException e) {
                return ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);
            }
        });
        r.register("graphql.is_valid", 2, (ctx, a) -> {
            try {
                verify(queryOperand(a, 0), schemaOperand(a, 1));
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        });
        r.register("graphql.schema_is_valid", 1, (ctx, a) -> {
            try {
                schemaOperand(a, 0).schema();
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        });
    }

    private static Ast.QueryDocument queryOperand(List<Value> a, int i) {
        Value v = a.get(i);
        if (v instanceof StringValue s) {
            return parseQuery(s.value());
        }
        if (v instanceof ObjectValue o) {
            try {
                return AstJson.decodeQuery(tree(o));
            } catch (GraphqlException e) {
                throw BuiltinException.error(e.getMessage());
            }
        }
        throw Args.mustBeOneOf(i, v, "string", "object");
    }

    private static SchemaArg schemaOperand(List<Value> a, int i) {
        Value v = a.get(i);
        if (v instanceof StringValue s) {
            return cachedSchema(s.value());
        }
        if (v instanceof ObjectValue o) {
            try {
                return new SchemaArg(AstJson.decodeSchema(tree(o)));
            } catch (GraphqlException e) {
                throw BuiltinException.error(e.getMessage());
            }
        }
        throw Args.mustBeOneOf(i, v, "string", "object");
    }

    /**
     * A schema operand: its AST as a value (taken before validation links the nodes, as OPA does) and
     * its validated schema or the error that stopped validation, each made once. The schema is only
     * read by query validation, so one instance serves concurrent queries.
     */
    private static final class SchemaArg {
        private final Ast.SchemaDocument doc;
        private final Value ast;
        private Schema schema;
        private BuiltinException failure;

        SchemaArg(Ast.SchemaDocument doc) {
            this.doc = doc;
            this.ast = toValue(AstJson.prune(AstJson.encode(doc)));
        }

        Value ast() {
            return ast;
        }

        synchronized Schema schema() {
            if (schema == null && failure == null) {
                try {
                    schema = convertSchema(doc);
                } catch (BuiltinException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return schema;
        }
    }

    /**
     * Schemas given as text, kept across evaluations as OPA's GraphQL schema cache keeps them: a policy
     * passes the same schema with every query, and parsing and validating it (with the prelude) costs
     * far more than the query. Bounded: cleared when full.
     */
    private static final Map<String, SchemaArg> SCHEMAS = new ConcurrentHashMap<>();
    private static final int MAX_SCHEMAS = 64;

    private static SchemaArg cachedSchema(String text) {
        SchemaArg cached = SCHEMAS.get(text);
        if (cached != null) {
            return cached;
        }
        SchemaArg parsed = new SchemaArg(parseSchema(text)); // a parse error is not kept
        if (SCHEMAS.size() >= MAX_SCHEMAS) {
            SCHEMAS.clear();
        }
        SCHEMAS.put(text, parsed);
        return parsed;
    }

    private static Ast.QueryDocument parseQuery(String text) {
        try {
            return Parser.parseQuery(new Ast.Source("", text, false));
        } catch (GraphqlException e) {
            throw BuiltinException.error(formatError(e.getMessage()));
        }
    }

    // the prelude is not included here: its definitions would swamp the AST (OPA leaves it out too)
    private static Ast.SchemaDocument parseSchema(String text) {
        try {
            return Parser.parseSchema(new Ast.Source("", text, false));
        } catch (GraphqlException e) {
            throw BuiltinException.error(formatError(e.getMessage()));
        }
    }

    private static Schema convertSchema(Ast.SchemaDocument doc) {
        try {
            return SchemaValidator.withPrelude(doc);
        } catch (GraphqlException e) {
            throw BuiltinException.error("Error in gqlparser SchemaDocument to Schema conversion: " + e.getMessage());
        }
    }

    private static void verify(Ast.QueryDocument query, SchemaArg schemaArg) {
        Schema schema = schemaArg.schema();
        List<GraphqlException.Located> errors;
        try {
            errors = QueryValidator.validate(schema, query);
        } catch (GraphqlException e) {
            throw BuiltinException.error(formatError(e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw BuiltinException.error(formatError(GraphqlException.list(errors).getMessage()));
        }
    }

    /**
     * OPA's reshaping of a gqlparser error text: {@code input:L:C: message} becomes
     * {@code message in GraphQL string at location L:C} (the final period of a validation error list goes), anything
     * else is {@code GraphQL parse error: <text>}.
     */
    static String formatError(String goError) {
        String[] parts = goError.split(":", 4);
        if (parts.length == 4 && LOCATED.matcher(parts[1]).matches() && LOCATED.matcher(parts[2]).matches()) {
            String msg = parts[3].replaceFirst("^ +", "");
            if (msg.endsWith(".\n")) {
                msg = msg.substring(0, msg.length() - 2);
            }
            return msg + " in GraphQL string at location " + parts[1] + ":" + parts[2];
        }
        return "GraphQL parse error: " + goError;
    }

    /** OPA's {@code ast.JSON}: the value as plain JSON data; sets become arrays, other keys their JSON text. */
    private static Map<String, Object> tree(ObjectValue o) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) tree(o, 0);
        return m;
    }

    private static Object tree(Value v, int depth) {
        if (depth > AstJson.MAX_DEPTH) {
            throw BuiltinException.error("GraphQL AST object nests deeper than " + AstJson.MAX_DEPTH + " levels");
        }
        if (v instanceof ObjectValue o) {
            Map<String, Object> m = new TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                Value k = o.keyAt(i);
                String key = k instanceof StringValue s ? s.value() : Json.toJsonString(k);
                m.put(key, tree(o.valueAt(i), depth + 1));
            }
            return m;
        } else if (v instanceof ArrayValue arr) {
            List<Object> l = new ArrayList<>(arr.size());
            for (Value e : arr.list()) {
                l.add(tree(e, depth + 1));
            }
            return l;
        } else if (v instanceof SetValue set) {
            List<Object> l = new ArrayList<>();
            for (Value e : set.list()) {
                l.add(tree(e, depth + 1));
            }
            return l;
        } else if (v instanceof StringValue s) {
            return s.value();
        } else if (v instanceof NumberValue n) {
            return n.decimal();
        } else if (v instanceof BooleanValue b) {
            return b.value();
        }
        return null;
    }

    /** The pruned AST tree as a Rego value. */
    private static Value toValue(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            ObjectValue.Builder b = ObjectValue.builder();
            m.forEach((k, v) -> b.put((String) k, toValue(v)));
            return b.build();
        } else if (tree instanceof List<?> l) {
            List<Value> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(toValue(o));
            }
            return ArrayValue.of(out);
        } else if (tree instanceof String s) {
            return StringValue.of(s);
        } else if (tree instanceof Boolean b) {
            return BooleanValue.of(b);
        } else if (tree instanceof Long n) {
            return NumberValue.of(n);
        } else if (tree instanceof BigDecimal d) {
            return NumberValue.of(d);
        }
        return NullValue.NULL;
    }
}
