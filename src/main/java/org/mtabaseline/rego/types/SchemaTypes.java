package org.mtabaseline.rego.types;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtabaseline.rego.value.StringValue;

/**
 * The type a JSON Schema describes, as OPA's schema parser derives it (ast/compile.go, parseSchema):
 * objects with {@code properties} get exactly those static properties (other keys are then unknown),
 * objects without get {@code object[any: any]}, arrays their item types, {@code anyOf} a union,
 * {@code allOf} the merged members; local {@code $ref}s ({@code #/definitions/x}, {@code #/$defs/x}) are
 * followed. A schema that says nothing is {@code any}.
 */
public final class SchemaTypes {
    private final JsonNode root;
    private final Set<String> resolving = new HashSet<>();

    private SchemaTypes(JsonNode root) {
        this.root = root;
    }

    /** The type of documents matching the schema; IllegalArgumentException when it cannot be read. */
    public static Type of(JsonNode schema) {
        return new SchemaTypes(schema).parse(schema);
    }

    private Type parse(JsonNode s) {
        if (s == null || !s.isObject()) {
            return Type.ANY;
        }
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            if (!resolving.add(ref)) {
                return Type.ANY; // a recursive definition: its inner occurrences are left open
            }
            try {
                return parse(resolve(ref));
            } finally {
                resolving.remove(ref);
            }
        }
        if (s.has("anyOf")) {
            Type out = null;
            List<String> types = typeNames(s);
            if (!types.isEmpty()) {
                JsonNode core = s.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) core).remove("anyOf");
                Type ct = parse(core);
                if (ct instanceof Type.ObjectType o && !o.statics().isEmpty() && !o.hasDynamic()) {
                    out = ct;
                }
            }
            for (JsonNode member : s.get("anyOf")) {
                out = Types.or(parse(member), out);
            }
            return out == null ? Type.ANY : out;
        }
        if (s.has("allOf")) {
            return parse(mergeAllOf(s));
        }
        List<String> types = typeNames(s);
        if (!types.isEmpty()) {
            if (types.contains("boolean")) {
                return Type.BOOLEAN;
            } else if (types.contains("string")) {
                return Type.STRING;
            } else if (types.contains("integer") || types.contains("number")) {
                return Type.NUMBER;
            } else if (types.contains("object")) {
                JsonNode props = s.get("properties");
                if (props != null && props.isObject() && props.size() > 0) {
                    List<Type.Property> out = new ArrayList<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        out.add(new Type.Property(StringValue.of(e.getKey()), parse(e.getValue())));
                    }
                    return new Type.ObjectType(out, null, null);
                }
                return Types.OBJECT_OF_ANY;
            } else if (types.contains("array")) {
                JsonNode items = s.get("items");
                if (items != null && items.isObject()) {
                    return new Type.ArrayType(List.of(), parse(items));
                }
                if (items != null && items.isArray() && items.size() > 0) {
                    List<Type> statics = new ArrayList<>();
                    items.forEach(i -> statics.add(parse(i)));
                    return new Type.ArrayType(statics, null);
                }
                return Types.ARRAY_OF_ANY;
            }
        }
        // no (known) type: properties make an object, items an array
        if (s.has("properties") && s.get("properties").size() > 0) {
            return parse(withType(s, "object"));
        }
        if (s.has("items")) {
            return parse(withType(s, "array"));
        }
        return Type.ANY;
    }

    private static List<String> typeNames(JsonNode s) {
        List<String> out = new ArrayList<>();
        JsonNode t = s.get("type");
        if (t != null && t.isTextual()) {
            out.add(t.asText());
        } else if (t != null && t.isArray()) {
            t.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static JsonNode withType(JsonNode s, String type) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = s.deepCopy();
        copy.put("type", type);
        return copy;
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("unsupported schema reference " + ref + " (only local references)");
        }
        JsonNode n = root.at(ref.substring(1));
        if (n.isMissingNode()) {
            throw new IllegalArgumentException("schema reference " + ref + " not found");
        }
        return n;
    }

    /** allOf: object members pool their properties, array members their items; other types must agree. */
    private JsonNode mergeAllOf(JsonNode s) {
        com.fasterxml.jackson.databind.node.ObjectNode merged = s.deepCopy();
        merged.remove("allOf");
        com.fasterxml.jackson.databind.node.ObjectNode props = merged.has("properties")
                ? (com.fasterxml.jackson.databind.node.ObjectNode) merged.get("properties")
                : merged.objectNode();
        String type = typeNames(s).isEmpty() ? null : typeNames(s).get(0);
        for (JsonNode m : s.get("allOf")) {
            JsonNode member = m.has("$ref") ? resolve(m.get("$ref").asText()) : m;
            String mt = typeNames(member).isEmpty() ? (member.has("properties") ? "object" : member.has("items")
                    ? "array" : null) : typeNames(member).get(0);
            if (type != null && mt != null && !type.equals(mt)) {
                throw new IllegalArgumentException("unable to merge these schemas: type mismatch: " + type + " and " + mt);
            }
            type = type == null ? mt : type;
            if (member.has("properties")) {
                member.get("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
            }
            if (member.has("items") && !merged.has("items")) {
                merged.set("items", member.get("items"));
            }
        }
        if (props.size() > 0) {
            merged.set("properties", props);
        }
        if (type != null) {
            merged.put("type", type);
        }
        return merged;
    }
}
