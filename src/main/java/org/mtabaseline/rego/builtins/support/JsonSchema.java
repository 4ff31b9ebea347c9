package org.mtabaseline.rego.builtins.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * A JSON Schema (draft 4-7 core) validator over Rego values with the error texts and fields of
 * gojsonschema, which OPA's {@code json.match_schema}/{@code json.verify_schema} use. Covers type,
 * enum, const, required, properties, patternProperties, additionalProperties, items,
 * additionalItems, min/max (length, items, properties, value), exclusive bounds, multipleOf,
 * pattern, uniqueItems, allOf, anyOf, oneOf, not and local {@code $ref}s.
 */
public final class JsonSchema {
    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "null", "object", "string");

    private final Value root;

    /** A validation failure as gojsonschema reports it. */
    public record Failure(String type, String field, String description) {
        public String error() {
            return field + ": " + description;
        }
    }

    /** Raised for a schema gojsonschema refuses to load. */
    public static final class SchemaException extends IllegalArgumentException {
        public SchemaException(String message) {
            super(message);
        }
    }

    private JsonSchema(Value root) {
        this.root = root;
    }

    public static JsonSchema load(Value schema) {
        check(schema);
        return new JsonSchema(schema);
    }

    private static void check(Value schema) {
        if (schema instanceof BooleanValue) {
            return;
        }
        if (!(schema instanceof ObjectValue o)) {
            throw new SchemaException("Invalid type. Expected: object, given: " + typeOf(schema));
        }
        Value type = o.get("type");
        if (type != null) {
            List<Value> types = type instanceof ArrayValue arr ? arr.list() : List.of(type);
            for (Value t : types) {
                if (!(t instanceof StringValue s) || !TYPES.contains(s.value())) {
                    String given = t instanceof StringValue s ? s.value() : t.toString();
                    throw new SchemaException("has a primitive type that is NOT VALID -- given: /" + given
                            + "/ Expected valid values are:[array boolean integer number null object string]");
                }
            }
        }
        for (String key : List.of("properties", "patternProperties", "definitions", "$defs")) {
            if (o.get(key) instanceof ObjectValue props) {
                for (Value v : props.values()) {
                    check(v);
                }
            }
        }
        for (String key : List.of("items", "additionalProperties", "additionalItems", "not")) {
            Value v = o.get(key);
            if (v instanceof ArrayValue arr) {
                for (Value e : arr.list()) {
                    check(e);
                }
            } else if (v instanceof ObjectValue) {
                check(v);
            }
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            if (o.get(key) instanceof ArrayValue arr) {
                for (Value e : arr.list()) {
                    check(e);
                }
            }
        }
    }

    public List<Failure> validate(Value document) {
        List<Failure> out = new ArrayList<>();
        validate(root, document, "(root)", out);
        return out;
    }

    private static String field(String context) {
        return context.equals("(root)") ? "(root)" : context.substring("(root).".length());
    }

    private static void fail(List<Failure> out, String type, String context, String description) {
        out.add(new Failure(type, field(context), description));
    }

    private static String typeOf(Value v) {
        if (v instanceof NumberValue n) {
            return n.isInteger() ? "integer" : "number";
        }
        if (v instanceof SetValue) {
            return "array";
        }
        return v.typeName();
    }

    private static boolean hasType(Value v, String type) {
        String actual = typeOf(v);
        return actual.equals(type) || (type.equals("number") && actual.equals("integer"));
    }

    private Value resolve(Value schema) {
        if (schema instanceof ObjectValue o && o.get("$ref") instanceof StringValue ref && ref.value().startsWith("#")) {
            Value cur = root;
            for (String part : ref.value().substring(1).split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                String key = part.replace("~1", "/").replace("~0", "~");
                cur = cur instanceof ObjectValue co ? co.get(key) : null;
                if (cur == null) {
                    throw new SchemaException("Object has no key '" + key + "'");
                }
            }
            return cur;
        }
        return schema;
    }

    private void validate(Value schemaValue, Value doc, String context, List<Failure> out) {
        Value resolved = resolve(schemaValue);
        if (resolved instanceof BooleanValue b) {
            if (!b.value()) {
                fail(out, "false", context, "False always fails validation");
            }
            return;
        }
        ObjectValue s = (ObjectValue) resolved;
        Value type = s.get("type");
        if (type != null) {
            List<Value> types = type instanceof ArrayValue arr ? arr.list() : List.of(type);
            boolean ok = types.stream().anyMatch(t -> hasType(doc, ((StringValue) t).value()));
            if (!ok) {
                StringBuilder expected = new StringBuilder();
                for (Value t : types) {
                    if (expected.length() > 0) {
                        expected.append('/');
                    }
                    expected.append(((StringValue) t).value());
                }
                fail(out, "invalid_type", context, "Invalid type. Expected: " + expected + ", given: " + typeOf(doc));
                return;
            }
        }
        if (s.get("enum") instanceof ArrayValue allowed && !allowed.list().contains(doc)) {
            fail(out, "enum", context, field(context) + " must be one of the following: " + joined(allowed));
        }
        if (s.get("const") != null && !s.get("const").equals(doc)) {
            fail(out, "const", context, field(context) + " does not match: " + json(s.get("const")));
        }
        combinators(s, doc, context, out);
        if (doc instanceof ObjectValue obj) {
            objectKeywords(s, obj, context, out);
        } else if (doc instanceof ArrayValue arr) {
            arrayKeywords(s, arr, context, out);
        } else if (doc instanceof StringValue str) {
            stringKeywords(s, str.value(), context, out);
        } else if (doc instanceof NumberValue n) {
            numberKeywords(s, n.decimal(), context, out);
        }
    }

    private void combinators(ObjectValue s, Value doc, String context, List<Failure> out) {
        if (s.get("allOf") instanceof ArrayValue all) {
            List<Failure> inner = new ArrayList<>();
            for (Value sub : all.list()) {
                validate(sub, doc, context, inner);
            }
            if (!inner.isEmpty()) {
                out.addAll(inner);
                fail(out, "number_all_of", context, "Must validate all the schemas (allOf)");
            }
        }
        if (s.get("anyOf") instanceof ArrayValue any) {
            boolean ok = false;
            for (Value sub : any.list()) {
                List<Failure> inner = new ArrayList<>();
                validate(sub, doc, context, inner);
                ok |= inner.isEmpty();
            }
            if (!ok) {
                fail(out, "number_any_of", context, "Must validate at least one schema (anyOf)");
            }
        }
        if (s.get("oneOf") instanceof ArrayValue one) {
            int valid = 0;
            for (Value sub : one.list()) {
                List<Failure> inner = new ArrayList<>();
                validate(sub, doc, context, inner);
                valid += inner.isEmpty() ? 1 : 0;
            }
            if (valid != 1) {
                fail(out, "number_one_of", context, "Must validate one and only one schema (oneOf)");
            }
        }
        if (s.get("not") != null) {
            List<Failure> inner = new ArrayList<>();
            validate(s.get("not"), doc, context, inner);
            if (inner.isEmpty()) {
                fail(out, "number_not", context, "Must not validate the schema (not)");
            }
        }
    }

    private void objectKeywords(ObjectValue s, ObjectValue obj, String context, List<Failure> out) {
        if (s.get("required") instanceof ArrayValue required) {
            for (Value r : required.list()) {
                if (!obj.containsKey(r)) {
                    fail(out, "required", context, ((StringValue) r).value() + " is required");
                }
            }
        }
        long min = longOr(s.get("minProperties"), -1);
        if (min >= 0 && obj.size() < min) {
            fail(out, "array_min_properties", context, "Must have at least " + min + " properties");
        }
        long max = longOr(s.get("maxProperties"), -1);
        if (max >= 0 && obj.size() > max) {
            fail(out, "array_max_properties", context, "Must have at most " + max + " properties");
        }
        ObjectValue props = s.get("properties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        ObjectValue patterns = s.get("patternProperties") instanceof ObjectValue p ? p : ObjectValue.EMPTY;
        for (int i = 0; i < obj.size(); i++) {
            Value key = obj.keyAt(i);
            String name = key instanceof StringValue ks ? ks.value() : key.toString();
            String sub = context + "." + name;
            boolean matched = false;
            Value propSchema = props.get(key);
            if (propSchema != null) {
                matched = true;
                validate(propSchema, obj.valueAt(i), sub, out);
            }
            for (int p = 0; p < patterns.size(); p++) {
                String pattern = ((StringValue) patterns.keyAt(p)).value();
                if (GoRegex.compile(pattern).matches(name)) {
                    matched = true;
                    validate(patterns.valueAt(p), obj.valueAt(i), sub, out);
                }
            }
            if (!matched) {
                Value additional = s.get("additionalProperties");
                if (additional instanceof BooleanValue b && !b.value()) {
                    fail(out, "additional_property_not_allowed", context, "Additional property " + name
                            + " is not allowed");
                } else if (additional instanceof ObjectValue) {
                    validate(additional, obj.valueAt(i), sub, out);
                }
            }
        }
    }

    private void arrayKeywords(ObjectValue s, ArrayValue arr, String context, List<Failure> out) {
        long min = longOr(s.get("minItems"), -1);
        if (min >= 0 && arr.size() < min) {
            fail(out, "array_min_items", context, "Array must have at least " + min + " items");
        }
        long max = longOr(s.get("maxItems"), -1);
        if (max >= 0 && arr.size() > max) {
            fail(out, "array_max_items", context, "Array must have at most " + max + " items");
        }
        if (s.get("uniqueItems") instanceof BooleanValue u && u.value()
                && SetValue.of(arr.list()).size() != arr.size()) {
            fail(out, "unique", context, "array items must be unique");
        }
        Value items = s.get("items");
        if (items instanceof ArrayValue tuple) {
            for (int i = 0; i < arr.size(); i++) {
                String sub = context + "." + i;
                if (i < tuple.size()) {
                    validate(tuple.get(i), arr.get(i), sub, out);
                } else if (s.get("additionalItems") instanceof BooleanValue b && !b.value()) {
                    fail(out, "array_no_additional_items", context, "No additional items allowed on array");
                    break;
                } else if (s.get("additionalItems") instanceof ObjectValue extra) {
                    validate(extra, arr.get(i), sub, out);
                }
            }
        } else if (items != null) {
            for (int i = 0; i < arr.size(); i++) {
                validate(items, arr.get(i), context + "." + i, out);
            }
        }
    }

    private static void stringKeywords(ObjectValue s, String str, String context, List<Failure> out) {
        int length = str.codePointCount(0, str.length());
        long min = longOr(s.get("minLength"), -1);
        if (min >= 0 && length < min) {
            fail(out, "string_gte", context, "String length must be greater than or equal to " + min);
        }
        long max = longOr(s.get("maxLength"), -1);
        if (max >= 0 && length > max) {
            fail(out, "string_lte", context, "String length must be less than or equal to " + max);
        }
        if (s.get("pattern") instanceof StringValue p && !GoRegex.compile(p.value()).matches(str)) {
            fail(out, "pattern", context, "Does not match pattern '" + p.value() + "'");
        }
    }

    private static void numberKeywords(ObjectValue s, BigDecimal n, String context, List<Failure> out) {
        if (s.get("multipleOf") instanceof NumberValue m && m.decimal().signum() != 0
                && n.remainder(m.decimal()).signum() != 0) {
            fail(out, "multiple_of", context, "Must be a multiple of " + m);
        }
        boolean draft4ExclusiveMin = s.get("exclusiveMinimum") instanceof BooleanValue b && b.value();
        boolean draft4ExclusiveMax = s.get("exclusiveMaximum") instanceof BooleanValue b && b.value();
        if (s.get("minimum") instanceof NumberValue m) {
            int c = n.compareTo(m.decimal());
            if (draft4ExclusiveMin ? c <= 0 : c < 0) {
                fail(out, draft4ExclusiveMin ? "number_gt" : "number_gte", context, (draft4ExclusiveMin
                        ? "Must be greater than " : "Must be greater than or equal to ") + m);
            }
        }
        if (s.get("maximum") instanceof NumberValue m) {
            int c = n.compareTo(m.decimal());
            if (draft4ExclusiveMax ? c >= 0 : c > 0) {
                fail(out, draft4ExclusiveMax ? "number_lt" : "number_lte", context, (draft4ExclusiveMax
                        ? "Must be less than " : "Must be less than or equal to ") + m);
            }
        }
        if (s.get("exclusiveMinimum") instanceof NumberValue m && n.compareTo(m.decimal()) <= 0) {
            fail(out, "number_gt", context, "Must be greater than " + m);
        }
        if (s.get("exclusiveMaximum") instanceof NumberValue m && n.compareTo(m.decimal()) >= 0) {
            fail(out, "number_lt", context, "Must be less than " + m);
        }
    }

    private static long longOr(Value v, long fallback) {
        if (v instanceof NumberValue n && n.asLong() != null) {
            return n.asLong();
        }
        return fallback;
    }

    private static String joined(ArrayValue values) {
        StringBuilder b = new StringBuilder();
        for (Value v : values.list()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(json(v));
        }
        return b.toString();
    }

    private static String json(Value v) {
        return v instanceof NullValue ? "null" : org.mtabaseline.rego.value.Json.toJsonString(v);
    }
}
