package org.mtabaseline.rego.builtins.support.graphql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Argument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ArgumentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.ChildValue;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Definition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Directive;
import org.mtabaseline.rego.builtins.support.graphql.Ast.DirectiveDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.EnumValueDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Field;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FieldDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.FragmentSpread;
import org.mtabaseline.rego.builtins.support.graphql.Ast.InlineFragment;
import org.mtabaseline.rego.builtins.support.graphql.Ast.OperationDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.OperationTypeDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Position;
import org.mtabaseline.rego.builtins.support.graphql.Ast.QueryDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDefinition;
import org.mtabaseline.rego.builtins.support.graphql.Ast.SchemaDocument;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Selection;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Source;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Type;
import org.mtabaseline.rego.builtins.support.graphql.Ast.Value;
import org.mtabaseline.rego.builtins.support.graphql.Ast.VariableDefinition;

/**
 * The AST as OPA sees it through Go's encoding/json. Encoding gives gqlparser's struct field names (positions
 * left out, as their {@code json:"-"} tags do) and {@link #prune} then drops what OPA drops. Decoding follows
 * {@code json.Unmarshal}: keys match field names regardless of case, unknown keys are ignored, null leaves a
 * field as it is, a wrong type is an error, and the four types with their own UnmarshalJSON in gqlparser
 * (operations, fields, inline fragments, fragment definitions) match keys exactly; a selection is always tried
 * as a field first, so a fragment given as an object becomes a field, as it does in OPA.
 *
 * <p>Trees are {@code Map<String, Object>} (keys sorted), {@code List<Object>}, {@code String},
 * {@code Boolean}, numbers ({@code Long} out, {@code BigDecimal} in) and null.
 */
public final class AstJson {
    /** Deepest JSON nesting decoded; deeper input is refused rather than recursed into. */
    public static final int MAX_DEPTH = 4 * Parser.MAX_DEPTH;

    private AstJson() {
    }

    // ------------------------------------------------------------------ encoding

    public static Map<String, Object> encode(QueryDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Operations", list(d.operations, AstJson::operation));
        m.put("Fragments", list(d.fragments, AstJson::fragmentDefinition));
        return m;
    }

    public static Map<String, Object> encode(SchemaDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Schema", list(d.schema, AstJson::schemaDefinition));
        m.put("SchemaExtension", list(d.schemaExtension, AstJson::schemaDefinition));
        m.put("Directives", list(d.directives, AstJson::directiveDefinition));
        m.put("Definitions", list(d.definitions, AstJson::definition));
        m.put("Extensions", list(d.extensions, AstJson::definition));
        return m;
    }

    private static <T> List<Object> list(List<T> items, java.util.function.Function<T, Object> f) {
        List<Object> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(t == null ? null : f.apply(t));
        }
        return out;
    }

    private static Object operation(OperationDefinition o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Operation", o.operation);
        m.put("Name", o.name);
        m.put("VariableDefinitions", list(o.variableDefinitions, AstJson::variableDefinition));
        m.put("Directives", list(o.directives, AstJson::directive));
        m.put("SelectionSet", list(o.selectionSet, AstJson::selection));
        return m;
    }

    private static Object variableDefinition(VariableDefinition v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Variable", v.variable);
        m.put("Type", type(v.type));
        m.put("DefaultValue", value(v.defaultValue));
        m.put("Directives", list(v.directives, AstJson::directive));
        m.put("Definition", definition(v.definition));
        m.put("Used", v.used);
        return m;
    }

    private static Object fragmentDefinition(FragmentDefinition f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", f.name);
        m.put("VariableDefinition", list(f.variableDefinition, AstJson::variableDefinition));
        m.put("TypeCondition", f.typeCondition);
        m.put("Directives", list(f.directives, AstJson::directive));
        m.put("SelectionSet", list(f.selectionSet, AstJson::selection));
        m.put("Definition", definition(f.definition));
        return m;
    }

    private static Object selection(Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s instanceof Field f) {
            m.put("Alias", f.alias);
            m.put("Name", f.name);
            m.put("Arguments", list(f.arguments, AstJson::argument));
            m.put("Directives", list(f.directives, AstJson::directive));
            m.put("SelectionSet", list(f.selectionSet, AstJson::selection));
            m.put("Definition", fieldDefinition(f.definition));
            m.put("ObjectDefinition", definition(f.objectDefinition));
        } else if (s instanceof FragmentSpread f) {
            m.put("Name", f.name);
            m.put("Directives", list(f.directives, AstJson::directive));
            m.put("ObjectDefinition", definition(f.objectDefinition));
            m.put("Definition", fragmentDefinition(f.definition));
        } else if (s instanceof InlineFragment f) {
            m.put("TypeCondition", f.typeCondition);
            m.put("Directives", list(f.directives, AstJson::directive));
            m.put("SelectionSet", list(f.selectionSet, AstJson::selection));
            m.put("ObjectDefinition", definition(f.objectDefinition));
        }
        return m;
    }

    private static Object argument(Argument a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", a.name);
        m.put("Value", value(a.value));
        return m;
    }

    private static Object directive(Directive d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", d.name);
        m.put("Arguments", list(d.arguments, AstJson::argument));
        m.put("ParentDefinition", definition(d.parentDefinition));
        m.put("Definition", d.definition == null ? null : directiveDefinition(d.definition));
        m.put("Location", d.location);
        return m;
    }

    private static Object value(Value v) {
        if (v == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Raw", v.raw);
        m.put("Children", list(v.children, AstJson::childValue));
        m.put("Kind", v.kind);
        m.put("Definition", definition(v.definition));
        m.put("VariableDefinition", v.variableDefinition == null ? null : variableDefinition(v.variableDefinition));
        m.put("ExpectedType", type(v.expectedType));
        m.put("ExpectedTypeHasDefault", v.expectedTypeHasDefault);
        return m;
    }

    private static Object childValue(ChildValue c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", c.name);
        m.put("Value", value(c.value));
        return m;
    }

    private static Object type(Type t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("NamedType", t.namedType);
        m.put("Elem", type(t.elem));
        m.put("NonNull", t.nonNull);
        return m;
    }

    private static Object schemaDefinition(SchemaDefinition s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Description", s.description);
        m.put("Directives", list(s.directives, AstJson::directive));
        m.put("OperationTypes", list(s.operationTypes, AstJson::operationType));
        return m;
    }

    private static Object operationType(OperationTypeDefinition o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Operation", o.operation);
        m.put("Type", o.type);
        return m;
    }

    private static Object definition(Definition d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Kind", d.kind);
        m.put("Description", d.description);
        m.put("Name", d.name);
        m.put("Directives", list(d.directives, AstJson::directive));
        m.put("Interfaces", new ArrayList<Object>(d.interfaces));
        m.put("Fields", list(d.fields, AstJson::fieldDefinition));
        m.put("Types", new ArrayList<Object>(d.types));
        m.put("EnumValues", list(d.enumValues, AstJson::enumValue));
        m.put("BuiltIn", d.builtIn);
        return m;
    }

    private static Object fieldDefinition(FieldDefinition f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Description", f.description);
        m.put("Name", f.name);
        m.put("Arguments", list(f.arguments, AstJson::argumentDefinition));
        m.put("DefaultValue", value(f.defaultValue));
        m.put("Type", type(f.type));
        m.put("Directives", list(f.directives, AstJson::directive));
        return m;
    }

    private static Object argumentDefinition(ArgumentDefinition a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Description", a.description);
        m.put("Name", a.name);
        m.put("DefaultValue", value(a.defaultValue));
        m.put("Type", type(a.type));
        m.put("Directives", list(a.directives, AstJson::directive));
        return m;
    }

    private static Object enumValue(EnumValueDefinition e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Description", e.description);
        m.put("Name", e.name);
        m.put("Directives", list(e.directives, AstJson::directive));
        return m;
    }

    private static Object directiveDefinition(DirectiveDefinition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Description", d.description);
        m.put("Name", d.name);
        m.put("Arguments", list(d.arguments, AstJson::argumentDefinition));
        m.put("Locations", new ArrayList<Object>(d.locations));
        m.put("IsRepeatable", d.isRepeatable);
        return m;
    }

    /**
     * OPA's {@code pruneIrrelevantGraphQLASTNodes}: drops {@code Position} keys, nulls, and arrays and objects
     * that are empty once pruned, in objects and arrays alike.
     */
    public static Object prune(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ("Position".equals(e.getKey())) {
                    continue;
                }
                Object v = prunedMember(e.getValue());
                if (v != null) {
                    out.put((String) e.getKey(), v);
                }
            }
            return out;
        }
        if (tree instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                Object v = prunedMember(o);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        return tree;
    }

    private static Object prunedMember(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            Object p = prune(v);
            boolean empty = p instanceof Map<?, ?> pm ? pm.isEmpty() : ((List<?>) p).isEmpty();
            return empty ? null : p;
        }
        return v;
    }

    // ------------------------------------------------------------------ decoding

    /** OPA's {@code objectToQueryDocument}. */
    public static QueryDocument decodeQuery(Map<String, Object> tree) {
        try {
            return decodeQueryDocument(tree);
        } catch (TooDeep e) {
            throw new GraphqlException(e.getMessage());
        }
    }

    private static QueryDocument decodeQueryDocument(Map<String, Object> tree) {
        QueryDocument doc = new QueryDocument();
        new Decoder().struct(tree, Ctx.ROOT, "ast.QueryDocument", (name, v, c) -> {
            switch (name) {
                case "Operations" -> doc.operations = c.d.pointers(v, c, "ast.OperationList",
                        (e, ec) -> c.d.operation(e));
                case "Fragments" -> doc.fragments = c.d.pointers(v, c, "ast.FragmentDefinitionList",
                        (e, ec) -> c.d.fragmentDefinition(e));
                default -> {
                }
            }
        }, "Operations", "Fragments");
        return doc;
    }

    /** OPA's {@code objectToSchemaDocument}. */
    public static SchemaDocument decodeSchema(Map<String, Object> tree) {
        try {
            return decodeSchemaDocument(tree);
        } catch (TooDeep e) {
            throw new GraphqlException(e.getMessage());
        }
    }

    private static SchemaDocument decodeSchemaDocument(Map<String, Object> tree) {
        SchemaDocument doc = new SchemaDocument();
        new Decoder().struct(tree, Ctx.ROOT, "ast.SchemaDocument", (name, v, c) -> {
            switch (name) {
                case "Schema" -> doc.schema = c.d.pointers(v, c, "ast.SchemaDefinitionList", c.d::schemaDefinition);
                case "SchemaExtension" -> doc.schemaExtension = c.d.pointers(v, c, "ast.SchemaDefinitionList",
                        c.d::schemaDefinition);
                case "Directives" -> doc.directives = c.d.pointers(v, c, "ast.DirectiveDefinitionList",
                        c.d::directiveDefinition);
                case "Definitions" -> doc.definitions = c.d.pointers(v, c, "ast.DefinitionList", c.d::definition);
                case "Extensions" -> doc.extensions = c.d.pointers(v, c, "ast.DefinitionList", c.d::definition);
                default -> {
                }
            }
        }, "Schema", "SchemaExtension", "Directives", "Definitions", "Extensions");
        return doc;
    }

    /** Too deep to decode: not one of the errors a selection's alternatives may recover from. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super("GraphQL AST object nests deeper than " + MAX_DEPTH + " levels", null, false, false);
        }
    }

    /** Where a value is being decoded, for Go's error texts: the enclosing struct and the field path. */
    private record Ctx(Decoder d, String struct, String path) {
        static final Ctx ROOT = new Ctx(null, "", "");

        Ctx field(String structName, String fieldName) {
            return new Ctx(d, structName, path.isEmpty() ? fieldName : path + "." + fieldName);
        }
    }

    private interface FieldSetter {
        void set(String canonicalName, Object value, Ctx ctx);
    }

    private interface ElementDecoder<T> {
        T decode(Object raw, Ctx ctx);
    }

    private static final class Decoder {
        private int depth;

        private Ctx root() {
            return new Ctx(this, "", "");
        }

        private GraphqlException typeError(Object raw, String goType, Ctx ctx) {
            String what = jsonKind(raw);
            if (ctx.struct.isEmpty() && ctx.path.isEmpty()) {
                return new GraphqlException("json: cannot unmarshal " + what + " into Go value of type " + goType);
            }
            return new GraphqlException("json: cannot unmarshal " + what + " into Go struct field " + ctx.struct + "."
                    + ctx.path + " of type " + goType);
        }

        private static String jsonKind(Object raw) {
            if (raw instanceof String) {
                return "string";
            } else if (raw instanceof Boolean) {
                return "bool";
            } else if (raw instanceof List<?>) {
                return "array";
            } else if (raw instanceof Map<?, ?>) {
                return "object";
            }
            return "number";
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw new TooDeep();
            }
        }

        /** A struct with standard decoding: case-insensitive field names, in sorted key order. */
        void struct(Object raw, Ctx ctx, String goType, FieldSetter setter, String... names) {
            Ctx c = ctx.d == null ? new Ctx(this, ctx.struct, ctx.path) : ctx;
            if (raw == null) {
                return;
            }
            if (!(raw instanceof Map<?, ?> map)) {
                throw typeError(raw, goType, c);
            }
            enter();
            String structName = goType.substring(goType.indexOf('.') + 1);
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                String name = match((String) e.getKey(), names);
                if (name != null) {
                    setter.set(name, e.getValue(), c.field(structName, name));
                }
            }
            depth--;
        }

        private static String match(String key, String[] names) {
            for (String n : names) {
                if (n.equals(key)) {
                    return n;
                }
            }
            for (String n : names) {
                if (n.equalsIgnoreCase(key)) {
                    return n;
                }
            }
            return null;
        }

        /** A type with its own UnmarshalJSON in gqlparser: exact keys, each decoded on its own. */
        @SuppressWarnings("unchecked")
        Map<String, Object> customMap(Object raw) {
            if (raw == null) {
                return Map.of();
            }
            if (!(raw instanceof Map<?, ?>)) {
                throw typeError(raw, "map[string]json.RawMessage", root());
            }
            return (Map<String, Object>) raw;
        }

        String str(Object raw, Ctx ctx, String goType, String current) {
            if (raw == null) {
                return current;
            }
            if (raw instanceof String s) {
                return s;
            }
            throw typeError(raw, goType, ctx);
        }

        boolean bool(Object raw, Ctx ctx, boolean current) {
            if (raw == null) {
                return current;
            }
            if (raw instanceof Boolean b) {
                return b;
            }
            throw typeError(raw, "bool", ctx);
        }

        long integer(Object raw, Ctx ctx, String goType, long current) {
            if (raw == null) {
                return current;
            }
            if (raw instanceof Number n) {
                BigDecimal d = n instanceof BigDecimal bd ? bd : new BigDecimal(n.toString());
                try {
                    if (d.scale() <= 0) {
                        return d.longValueExact();
                    }
                } catch (ArithmeticException e) {
                    // out of range, as below
                }
                String text = d.toString();
                if (ctx.struct.isEmpty() && ctx.path.isEmpty()) {
                    throw new GraphqlException("json: cannot unmarshal number " + text + " into Go value of type "
                            + goType);
                }
                throw new GraphqlException("json: cannot unmarshal number " + text + " into Go struct field "
                        + ctx.struct + "." + ctx.path + " of type " + goType);
            }
            throw typeError(raw, goType, ctx);
        }

        List<String> strings(Object raw, Ctx ctx, String goType, String elemType) {
            List<String> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            if (!(raw instanceof List<?> l)) {
                throw typeError(raw, goType, ctx);
            }
            for (Object o : l) {
                out.add(str(o, ctx, elemType, ""));
            }
            return out;
        }

        /** A slice of pointers; a null element would make gqlparser dereference nil later, so it is refused. */
        <T> List<T> pointers(Object raw, Ctx ctx, String goType, ElementDecoder<T> elem) {
            List<T> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            if (!(raw instanceof List<?> l)) {
                throw typeError(raw, goType, ctx);
            }
            enter();
            for (Object o : l) {
                if (o == null) {
                    throw new GraphqlException("json: null element in " + goType);
                }
                out.add(elem.decode(o, ctx));
            }
            depth--;
            return out;
        }

        // -------------------------------------------------- standard structs

        Value value(Object raw, Ctx ctx) {
            if (raw == null) {
                return null;
            }
            Value v = new Value();
            struct(raw, ctx, "ast.Value", (name, x, c) -> {
                switch (name) {
                    case "Raw" -> v.raw = str(x, c, "string", v.raw);
                    case "Children" -> v.children = pointers(x, c, "ast.ChildValueList", this::childValue);
                    case "Kind" -> v.kind = integer(x, c, "ast.ValueKind", v.kind);
                    case "Definition" -> v.definition = definition(x, c);
                    case "VariableDefinition" -> v.variableDefinition = variableDefinition(x, c);
                    case "ExpectedType" -> v.expectedType = type(x, c);
                    case "ExpectedTypeHasDefault" -> v.expectedTypeHasDefault = bool(x, c, v.expectedTypeHasDefault);
                    default -> {
                    }
                }
            }, "Raw", "Children", "Kind", "Definition", "VariableDefinition", "ExpectedType",
                    "ExpectedTypeHasDefault");
            return v;
        }

        ChildValue childValue(Object raw, Ctx ctx) {
            ChildValue cv = new ChildValue();
            struct(raw, ctx, "ast.ChildValue", (name, x, c) -> {
                switch (name) {
                    case "Name" -> cv.name = str(x, c, "string", cv.name);
                    case "Value" -> cv.value = value(x, c);
                    default -> {
                    }
                }
            }, "Name", "Value");
            return cv;
        }

        Type type(Object raw, Ctx ctx) {
            if (raw == null) {
                return null;
            }
            Type t = new Type();
            struct(raw, ctx, "ast.Type", (name, x, c) -> {
                switch (name) {
                    case "NamedType" -> t.namedType = str(x, c, "string", t.namedType);
                    case "Elem" -> t.elem = type(x, c);
                    case "NonNull" -> t.nonNull = bool(x, c, t.nonNull);
                    default -> {
                    }
                }
            }, "NamedType", "Elem", "NonNull");
            return t;
        }

        Argument argument(Object raw, Ctx ctx) {
            Argument a = new Argument();
            struct(raw, ctx, "ast.Argument", (name, x, c) -> {
                switch (name) {
                    case "Name" -> a.name = str(x, c, "string", a.name);
                    case "Value" -> a.value = value(x, c);
                    default -> {
                    }
                }
            }, "Name", "Value");
            return a;
        }

        Directive directive(Object raw, Ctx ctx) {
            Directive d = new Directive();
            struct(raw, ctx, "ast.Directive", (name, x, c) -> {
                switch (name) {
                    case "Name" -> d.name = str(x, c, "string", d.name);
                    case "Arguments" -> d.arguments = pointers(x, c, "ast.ArgumentList", this::argument);
                    case "ParentDefinition" -> d.parentDefinition = definition(x, c);
                    case "Definition" -> d.definition = x == null ? null : directiveDefinition(x, c);
                    case "Location" -> d.location = str(x, c, "ast.DirectiveLocation", d.location);
                    default -> {
                    }
                }
            }, "Name", "Arguments", "ParentDefinition", "Definition", "Location");
            return d;
        }

        List<Directive> directives(Object raw, Ctx ctx) {
            return pointers(raw, ctx, "ast.DirectiveList", this::directive);
        }

        VariableDefinition variableDefinition(Object raw, Ctx ctx) {
            if (raw == null) {
                return null;
            }
            VariableDefinition v = new VariableDefinition();
            struct(raw, ctx, "ast.VariableDefinition", (name, x, c) -> {
                switch (name) {
                    case "Variable" -> v.variable = str(x, c, "string", v.variable);
                    case "Type" -> v.type = type(x, c);
                    case "DefaultValue" -> v.defaultValue = value(x, c);
                    case "Directives" -> v.directives = directives(x, c);
                    case "Definition" -> v.definition = definition(x, c);
                    case "Used" -> v.used = bool(x, c, v.used);
                    default -> {
                    }
                }
            }, "Variable", "Type", "DefaultValue", "Directives", "Definition", "Used");
            return v;
        }

        Definition definition(Object raw, Ctx ctx) {
            if (raw == null) {
                return null;
            }
            Definition d = new Definition();
            struct(raw, ctx, "ast.Definition", (name, x, c) -> {
                switch (name) {
                    case "Kind" -> d.kind = str(x, c, "ast.DefinitionKind", d.kind);
                    case "Description" -> d.description = str(x, c, "string", d.description);
                    case "Name" -> d.name = str(x, c, "string", d.name);
                    case "Directives" -> d.directives = directives(x, c);
                    case "Interfaces" -> d.interfaces = strings(x, c, "[]string", "string");
                    case "Fields" -> d.fields = pointers(x, c, "ast.FieldList", this::fieldDefinition);
                    case "Types" -> d.types = strings(x, c, "[]string", "string");
                    case "EnumValues" -> d.enumValues = pointers(x, c, "ast.EnumValueList", this::enumValue);
                    case "BuiltIn" -> d.builtIn = bool(x, c, d.builtIn);
                    default -> {
                    }
                }
            }, "Kind", "Description", "Name", "Directives", "Interfaces", "Fields", "Types", "EnumValues", "BuiltIn");
            return d;
        }

        FieldDefinition fieldDefinition(Object raw, Ctx ctx) {
            if (raw == null) {
                return null;
            }
            FieldDefinition f = new FieldDefinition();
            struct(raw, ctx, "ast.FieldDefinition", (name, x, c) -> {
                switch (name) {
                    case "Description" -> f.description = str(x, c, "string", f.description);
                    case "Name" -> f.name = str(x, c, "string", f.name);
                    case "Arguments" -> f.arguments = pointers(x, c, "ast.ArgumentDefinitionList",
                            this::argumentDefinition);
                    case "DefaultValue" -> f.defaultValue = value(x, c);
                    case "Type" -> f.type = type(x, c);
                    case "Directives" -> f.directives = directives(x, c);
                    default -> {
                    }
                }
            }, "Description", "Name", "Arguments", "DefaultValue", "Type", "Directives");
            return f;
        }

        ArgumentDefinition argumentDefinition(Object raw, Ctx ctx) {
            ArgumentDefinition a = new ArgumentDefinition();
            struct(raw, ctx, "ast.ArgumentDefinition", (name, x, c) -> {
                switch (name) {
                    case "Description" -> a.description = str(x, c, "string", a.description);
                    case "Name" -> a.name = str(x, c, "string", a.name);
                    case "DefaultValue" -> a.defaultValue = value(x, c);
                    case "Type" -> a.type = type(x, c);
                    case "Directives" -> a.directives = directives(x, c);
                    default -> {
                    }
                }
            }, "Description", "Name", "DefaultValue", "Type", "Directives");
            return a;
        }

        EnumValueDefinition enumValue(Object raw, Ctx ctx) {
            EnumValueDefinition e = new EnumValueDefinition();
            struct(raw, ctx, "ast.EnumValueDefinition", (name, x, c) -> {
                switch (name) {
                    case "Description" -> e.description = str(x, c, "string", e.description);
                    case "Name" -> e.name = str(x, c, "string", e.name);
                    case "Directives" -> e.directives = directives(x, c);
                    default -> {
                    }
                }
            }, "Description", "Name", "Directives");
            return e;
        }

        DirectiveDefinition directiveDefinition(Object raw, Ctx ctx) {
            DirectiveDefinition d = new DirectiveDefinition();
            struct(raw, ctx, "ast.DirectiveDefinition", (name, x, c) -> {
                switch (name) {
                    case "Description" -> d.description = str(x, c, "string", d.description);
                    case "Name" -> d.name = str(x, c, "string", d.name);
                    case "Arguments" -> d.arguments = pointers(x, c, "ast.ArgumentDefinitionList",
                            this::argumentDefinition);
                    case "Locations" -> d.locations = strings(x, c, "[]ast.DirectiveLocation", "ast.DirectiveLocation");
                    case "IsRepeatable" -> d.isRepeatable = bool(x, c, d.isRepeatable);
                    default -> {
                    }
                }
            }, "Description", "Name", "Arguments", "Locations", "IsRepeatable");
            return d;
        }

        SchemaDefinition schemaDefinition(Object raw, Ctx ctx) {
            SchemaDefinition s = new SchemaDefinition();
            struct(raw, ctx, "ast.SchemaDefinition", (name, x, c) -> {
                switch (name) {
                    case "Description" -> s.description = str(x, c, "string", s.description);
                    case "Directives" -> s.directives = directives(x, c);
                    case "OperationTypes" -> s.operationTypes = pointers(x, c, "ast.OperationTypeDefinitionList",
                            this::operationType);
                    default -> {
                    }
                }
            }, "Description", "Directives", "OperationTypes");
            return s;
        }

        OperationTypeDefinition operationType(Object raw, Ctx ctx) {
            OperationTypeDefinition o = new OperationTypeDefinition();
            struct(raw, ctx, "ast.OperationTypeDefinition", (name, x, c) -> {
                switch (name) {
                    case "Operation" -> o.operation = str(x, c, "ast.Operation", o.operation);
                    case "Type" -> o.type = str(x, c, "string", o.type);
                    default -> {
                    }
                }
            }, "Operation", "Type");
            return o;
        }

        FragmentSpread fragmentSpread(Object raw, Ctx ctx) {
            FragmentSpread f = new FragmentSpread();
            struct(raw, ctx, "ast.FragmentSpread", (name, x, c) -> {
                switch (name) {
                    case "Name" -> f.name = str(x, c, "string", f.name);
                    case "Directives" -> f.directives = directives(x, c);
                    case "ObjectDefinition" -> f.objectDefinition = definition(x, c);
                    case "Definition" -> f.definition = x == null ? null : fragmentDefinition(x);
                    default -> {
                    }
                }
            }, "Name", "Directives", "ObjectDefinition", "Definition");
            return f;
        }

        Position position(Object raw) {
            if (raw == null) {
                return null;
            }
            int[] lineCol = new int[2];
            Source[] src = new Source[1];
            struct(raw, root(), "ast.Position", (name, x, c) -> {
                switch (name) {
                    case "Line" -> lineCol[0] = (int) integer(x, c, "int", lineCol[0]);
                    case "Column" -> lineCol[1] = (int) integer(x, c, "int", lineCol[1]);
                    case "Start", "End" -> integer(x, c, "int", 0);
                    case "Src" -> src[0] = source(x, c);
                    default -> {
                    }
                }
            }, "Start", "End", "Line", "Column", "Src");
            return new Position(lineCol[0], lineCol[1], src[0]);
        }

        Source source(Object raw, Ctx ctx) {
            if (raw == null) {
                return null;
            }
            String[] nameInput = {"", ""};
            boolean[] builtIn = {false};
            struct(raw, ctx, "ast.Source", (name, x, c) -> {
                switch (name) {
                    case "Name" -> nameInput[0] = str(x, c, "string", nameInput[0]);
                    case "Input" -> nameInput[1] = str(x, c, "string", nameInput[1]);
                    case "BuiltIn" -> builtIn[0] = bool(x, c, builtIn[0]);
                    default -> {
                    }
                }
            }, "Name", "Input", "BuiltIn");
            return new Source(nameInput[0], nameInput[1], builtIn[0]);
        }

        // -------------------------------------------------- gqlparser's own UnmarshalJSON (exact keys)

        OperationDefinition operation(Object raw) {
            OperationDefinition o = new OperationDefinition();
            forEachExact(customMap(raw), (k, x) -> {
                switch (k) {
                    case "Operation" -> o.operation = str(x, root(), "ast.Operation", o.operation);
                    case "Name" -> o.name = str(x, root(), "string", o.name);
                    case "VariableDefinitions" -> o.variableDefinitions = pointers(x, root(),
                            "ast.VariableDefinitionList", this::variableDefinition);
                    case "Directives" -> o.directives = directives(x, root());
                    case "SelectionSet" -> o.selectionSet = selectionSet(x);
                    case "Position" -> o.position = position(x);
                    default -> {
                    }
                }
            });
            return o;
        }

        FragmentDefinition fragmentDefinition(Object raw) {
            FragmentDefinition f = new FragmentDefinition();
            forEachExact(customMap(raw), (k, x) -> {
                switch (k) {
                    case "Name" -> f.name = str(x, root(), "string", f.name);
                    case "VariableDefinition" -> f.variableDefinition = pointers(x, root(),
                            "ast.VariableDefinitionList", this::variableDefinition);
                    case "TypeCondition" -> f.typeCondition = str(x, root(), "string", f.typeCondition);
                    case "Directives" -> f.directives = directives(x, root());
                    case "SelectionSet" -> f.selectionSet = selectionSet(x);
                    case "Definition" -> f.definition = definition(x, root());
                    case "Position" -> f.position = position(x);
                    default -> {
                    }
                }
            });
            return f;
        }

        Field field(Object raw) {
            Field f = new Field();
            forEachExact(customMap(raw), (k, x) -> {
                switch (k) {
                    case "Alias" -> f.alias = str(x, root(), "string", f.alias);
                    case "Name" -> f.name = str(x, root(), "string", f.name);
                    case "Arguments" -> f.arguments = pointers(x, root(), "ast.ArgumentList", this::argument);
                    case "Directives" -> f.directives = directives(x, root());
                    case "SelectionSet" -> f.selectionSet = selectionSet(x);
                    case "Position" -> f.position = position(x);
                    case "Definition" -> f.definition = fieldDefinition(x, root());
                    case "ObjectDefinition" -> f.objectDefinition = definition(x, root());
                    default -> {
                    }
                }
            });
            return f;
        }

        InlineFragment inlineFragment(Object raw) {
            InlineFragment f = new InlineFragment();
            forEachExact(customMap(raw), (k, x) -> {
                switch (k) {
                    case "TypeCondition" -> f.typeCondition = str(x, root(), "string", f.typeCondition);
                    case "Directives" -> f.directives = directives(x, root());
                    case "SelectionSet" -> f.selectionSet = selectionSet(x);
                    case "ObjectDefinition" -> f.objectDefinition = definition(x, root());
                    case "Position" -> f.position = position(x);
                    default -> {
                    }
                }
            });
            return f;
        }

        private void forEachExact(Map<String, Object> map, BiConsumer<String, Object> f) {
            enter();
            for (Map.Entry<String, Object> e : new TreeMap<>(map).entrySet()) {
                f.accept(e.getKey(), e.getValue());
            }
            depth--;
        }

        /** gqlparser's UnmarshalSelectionSet: each item as a field, else a spread, else an inline fragment. */
        List<Selection> selectionSet(Object raw) {
            List<Selection> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            if (!(raw instanceof List<?> l)) {
                throw typeError(raw, "[]json.RawMessage", root());
            }
            enter();
            for (Object item : l) {
                int saved = depth;
                try {
                    out.add(field(item));
                    continue;
                } catch (GraphqlException e) {
                    depth = saved;
                }
                try {
                    out.add(fragmentSpread(item, root()));
                    continue;
                } catch (GraphqlException e) {
                    depth = saved;
                }
                try {
                    out.add(inlineFragment(item));
                } catch (GraphqlException e) {
                    depth = saved; // none fits: the item is dropped, as in gqlparser
                }
            }
            depth--;
            return out;
        }
    }
}
