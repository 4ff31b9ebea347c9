package org.mtabaseline.rego.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Conversion between Rego values and Jackson trees, and JSON text as OPA writes it.
 * Sets become arrays; object keys that are not strings become their JSON text.
 */
public final class Json {
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {
    }

    /** Converts a Jackson tree to a Rego value; a Java null or missing node gives null. */
    public static Value fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL;
        }
        switch (node.getNodeType()) {
            case BOOLEAN:
                return BooleanValue.of(node.booleanValue());
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? NumberValue.of(node.longValue()) : NumberValue.of(node.bigIntegerValue());
                }
                if (node.isBigDecimal()) {
                    return NumberValue.of(node.decimalValue());
                }
                return NumberValue.of(BigDecimal.valueOf(node.doubleValue()));
            case STRING:
                return StringValue.of(node.textValue());
            case ARRAY: {
                Value[] a = new Value[node.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = fromJson(node.get(i));
                }
                return ArrayValue.wrap(a);
            }
            case OBJECT: {
                ObjectValue.Builder b = ObjectValue.builder();
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.put(StringValue.of(e.getKey()), fromJson(e.getValue()));
                }
                return b.build();
            }
            case BINARY:
                return StringValue.of(node.asText());
            default:
                return NullValue.NULL;
        }
    }

    /** Converts a Rego value to a Jackson tree. */
    public static JsonNode toJson(Value v) {
        if (v instanceof NullValue) {
            return NODES.nullNode();
        } else if (v instanceof BooleanValue b) {
            return NODES.booleanNode(b.value());
        } else if (v instanceof NumberValue n) {
            return numberNode(n);
        } else if (v instanceof StringValue s) {
            return NODES.textNode(s.value());
        } else if (v instanceof ArrayValue a) {
            ArrayNode out = NODES.arrayNode(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(toJson(a.get(i)));
            }
            return out;
        } else if (v instanceof SetValue s) {
            ArrayNode out = NODES.arrayNode(s.size());
            for (Value e : s.list()) {
                out.add(toJson(e));
            }
            return out;
        } else {
            ObjectValue o = (ObjectValue) v;
            // sized for its entries: results are many small objects
            ObjectNode out = new ObjectNode(NODES, new LinkedHashMap<>((int) (o.size() / 0.75f) + 1));
            for (int i = 0; i < o.size(); i++) {
                out.set(keyString(o.keyAt(i)), toJson(o.valueAt(i)));
            }
            return out;
        }
    }

    private static JsonNode numberNode(NumberValue n) {
        BigDecimal d = n.decimal();
        if (d.scale() == 0 && d.precision() < 19) {
            // the common case (counts, line numbers) without a BigInteger
            long l = d.longValue();
            return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
        }
        if (n.isInteger()) {
            BigInteger bi = d.toBigInteger();
            if (bi.bitLength() < 32) {
                return NODES.numberNode(bi.intValue());
            }
            if (bi.bitLength() < 64) {
                return NODES.numberNode(bi.longValue());
            }
            return NODES.numberNode(bi);
        }
        return NODES.numberNode(d.stripTrailingZeros());
    }

    /** The JSON object key for a Rego key: strings as they are, others as their JSON text. */
    public static String keyString(Value k) {
        return k instanceof StringValue s ? s.value() : toJsonString(k);
    }

    /** Compact JSON text of a value, as OPA's json.marshal writes it. */
    public static String toJsonString(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Value v) {
        if (v instanceof StringValue s) {
            sb.append(quote(s.value(), true));
        } else if (v instanceof ArrayValue a) {
            sb.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, a.get(i));
            }
            sb.append(']');
        } else if (v instanceof SetValue s) {
            sb.append('[');
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(sb, s.get(i));
            }
            sb.append(']');
        } else if (v instanceof ObjectValue o) {
            // Go's encoding/json sorts keys by their string form
            java.util.TreeMap<String, Value> sorted = new java.util.TreeMap<>();
            for (int i = 0; i < o.size(); i++) {
                sorted.put(keyString(o.keyAt(i)), o.valueAt(i));
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(quote(e.getKey(), true)).append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
        } else {
            sb.append(v.toString());
        }
    }

    /** A JSON string literal for s. */
    public static String quote(String s) {
        return quote(s, false);
    }

    /** A JSON string literal for s; with htmlEscape, {@code < > &} are escaped as Go's encoding/json does. */
    public static String quote(String s, boolean htmlEscape) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&' -> {
                    if (htmlEscape) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
