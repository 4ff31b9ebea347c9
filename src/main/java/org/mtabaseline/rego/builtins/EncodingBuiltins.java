package org.mtabaseline.rego.builtins;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code json.*}, {@code yaml.*}, {@code base64*}, {@code hex.*} and {@code urlquery.*}, encoding
 * and decoding as Go's standard library does (strict base64 padding, url.QueryEscape rules).
 */
public final class EncodingBuiltins {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EncodingBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("json.marshal", 1, (ctx, a) -> StringValue.of(Json.toJsonString(a.get(0))));
        r.register("json.marshal_with_options", 2, (ctx, a) -> marshalWithOptions(a.get(0), Args.object(a, 1)));
        r.register("json.unmarshal", 1, (ctx, a) -> parseJson(Args.string(a, 0)));
        r.register("json.is_valid", 1, (ctx, a) -> {
            if (!(a.get(0) instanceof StringValue s)) {
                return BooleanValue.FALSE;
            }
            try {
                JSON.readTree(s.value());
                return BooleanValue.of(!s.value().isBlank());
            } catch (JsonProcessingException e) {
                return BooleanValue.FALSE;
            }
        });
        r.register("yaml.marshal", 1, (ctx, a) -> {
            try {
                return StringValue.of(YAML.writeValueAsString(Json.toJson(a.get(0))));
            } catch (JsonProcessingException e) {
                throw BuiltinException.error(e.getOriginalMessage());
            }
        });
        r.register("yaml.unmarshal", 1, (ctx, a) -> parseYaml(Args.string(a, 0)));
        r.register("yaml.is_valid", 1, (ctx, a) -> {
            if (!(a.get(0) instanceof StringValue s)) {
                return BooleanValue.FALSE;
            }
            try {
                parseYaml(s.value());
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        });
        r.register("base64.encode", 1, (ctx, a) -> StringValue.of(Base64.getEncoder().encodeToString(bytes(a, 0))));
        r.register("base64.decode", 1, (ctx, a) -> StringValue.of(text(decodeStd(Args.string(a, 0)))));
        r.register("base64.is_valid", 1, (ctx, a) -> {
            try {
                decodeStd(Args.string(a, 0));
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        });
        r.register("base64url.encode", 1, (ctx, a) -> StringValue.of(Base64.getUrlEncoder().encodeToString(bytes(a, 0))));
        r.register("base64url.encode_no_pad", 1, (ctx, a) ->
                StringValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(a, 0))));
        r.register("base64url.decode", 1, (ctx, a) -> {
            String s = Args.string(a, 0);
            try {
                if (s.length() % 4 == 1 || (s.contains("=") && s.length() % 4 != 0)) {
                    throw new IllegalArgumentException("illegal base64 data");
                }
                return StringValue.of(text(Base64.getUrlDecoder().decode(s)));
            } catch (IllegalArgumentException e) {
                throw BuiltinException.error("illegal base64 data at input byte " + firstBadByte(s, true));
            }
        });
        r.register("hex.encode", 1, (ctx, a) -> StringValue.of(java.util.HexFormat.of().formatHex(bytes(a, 0))));
        r.register("hex.decode", 1, (ctx, a) -> StringValue.of(text(hexDecode(Args.string(a, 0)))));
        r.register("urlquery.encode", 1, (ctx, a) -> StringValue.of(queryEscape(Args.string(a, 0))));
        r.register("urlquery.decode", 1, (ctx, a) -> StringValue.of(queryUnescape(Args.string(a, 0))));
        r.register("urlquery.encode_object", 1, (ctx, a) -> {
            ObjectValue obj = Args.object(a, 0);
            TreeMap<String, List<String>> params = new TreeMap<>();
            for (int i = 0; i < obj.size(); i++) {
                if (!(obj.keyAt(i) instanceof StringValue k)) {
                    throw encodeObjectError();
                }
                Value v = obj.valueAt(i);
                List<String> values = new ArrayList<>();
                if (v instanceof StringValue s) {
                    values.add(s.value());
                } else if (v instanceof ArrayValue || v instanceof SetValue) {
                    List<Value> elems = v instanceof ArrayValue arr ? arr.list() : ((SetValue) v).list();
                    for (Value e : elems) {
                        if (!(e instanceof StringValue s)) {
                            throw encodeObjectError();
                        }
                        values.add(s.value());
                    }
                } else {
                    throw encodeObjectError();
                }
                params.put(k.value(), values);
            }
            StringBuilder b = new StringBuilder();
            params.forEach((k, values) -> {
                for (String v : values) {
                    if (b.length() > 0) {
                        b.append('&');
                    }
                    b.append(queryEscape(k)).append('=').append(queryEscape(v));
                }
            });
            return StringValue.of(b.toString());
        });
        r.register("urlquery.decode_object", 1, (ctx, a) -> {
            String q = Args.string(a, 0);
            Map<String, List<Value>> params = new LinkedHashMap<>();
            for (String part : q.split("&", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                if (part.contains(";")) {
                    throw BuiltinException.error("invalid semicolon separator in query");
                }
                int eq = part.indexOf('=');
                String key = queryUnescape(eq < 0 ? part : part.substring(0, eq));
                String value = eq < 0 ? "" : queryUnescape(part.substring(eq + 1));
                params.computeIfAbsent(key, k -> new ArrayList<>()).add(StringValue.of(value));
            }
            ObjectValue.Builder out = ObjectValue.builder();
            params.forEach((k, v) -> out.put(k, ArrayValue.of(v)));
            return out.build();
        });
    }

    private static BuiltinException encodeObjectError() {
        return BuiltinException.typeError("operand 1 must be object[string, string|array[string]|set[string]]");
    }

    private static byte[] bytes(List<Value> a, int i) {
        return Args.string(a, i).getBytes(StandardCharsets.UTF_8);
    }

    /** Go strings hold arbitrary bytes; Rego strings here are UTF-8 text, invalid bytes become U+FFFD. */
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Value parseJson(String s) {
        try {
            JsonNode node = JSON.readTree(s);
            if (node == null || node.isMissingNode()) {
                throw BuiltinException.error("unexpected end of JSON input");
            }
            return Json.fromJson(node);
        } catch (JsonProcessingException e) {
            throw BuiltinException.error(e.getOriginalMessage());
        }
    }

    private static Value parseYaml(String s) {
        try {
            JsonNode node = YAML.readTree(s);
            return node == null || node.isMissingNode() ? org.mtabaseline.rego.value.NullValue.NULL : Json.fromJson(node);
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("expected (.+?), but (?:got|found)").matcher(problem);
            String text = m.find() ? "did not find expected " + m.group(1) : problem.split("\n")[0];
            throw BuiltinException.error("yaml: line " + line + ": " + text);
        } catch (RuntimeException e) {
            throw BuiltinException.error("yaml: " + e.getMessage());
        }
    }

    private static Value marshalWithOptions(Value v, ObjectValue options) {
        boolean pretty = false;
        boolean prettySet = false;
        String indent = "\t";
        String prefix = "";
        boolean formatting = false;
        for (int i = 0; i < options.size(); i++) {
            String key = options.keyAt(i) instanceof StringValue s ? s.value() : options.keyAt(i).toString();
            Value opt = options.valueAt(i);
            switch (key) {
                case "pretty" -> {
                    if (!(opt instanceof BooleanValue b)) {
                        throw BuiltinException.typeError("pretty option must be a boolean");
                    }
                    pretty = b.value();
                    prettySet = true;
                }
                case "indent" -> {
                    if (!(opt instanceof StringValue s)) {
                        throw BuiltinException.typeError("indent option must be a string");
                    }
                    indent = s.value();
                    formatting = true;
                }
                case "prefix" -> {
                    if (!(opt instanceof StringValue s)) {
                        throw BuiltinException.typeError("prefix option must be a string");
                    }
                    prefix = s.value();
                    formatting = true;
                }
                default -> throw BuiltinException.typeError("object contained unknown key \"" + key + "\"");
            }
        }
        if (prettySet ? !pretty : !formatting) {
            return StringValue.of(Json.toJsonString(v));
        }
        StringBuilder b = new StringBuilder(prefix);
        writeIndented(b, v, prefix, indent, 0);
        return StringValue.of(b.toString());
    }

    /** Go's json.MarshalIndent layout, with the prefix also before the first line as OPA writes it. */
    private static void writeIndented(StringBuilder b, Value v, String prefix, String indent, int depth) {
        List<Value> elems = null;
        if (v instanceof ArrayValue arr) {
            elems = arr.list();
        } else if (v instanceof SetValue set) {
            elems = set.list();
        }
        if (elems != null) {
            if (elems.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            for (int i = 0; i < elems.size(); i++) {
                newline(b, prefix, indent, depth + 1);
                writeIndented(b, elems.get(i), prefix, indent, depth + 1);
                if (i < elems.size() - 1) {
                    b.append(',');
                }
            }
            newline(b, prefix, indent, depth);
            b.append(']');
        } else if (v instanceof ObjectValue obj) {
            if (obj.isEmpty()) {
                b.append("{}");
                return;
            }
            TreeMap<String, Value> sorted = new TreeMap<>();
            for (int i = 0; i < obj.size(); i++) {
                sorted.put(Json.keyString(obj.keyAt(i)), obj.valueAt(i));
            }
            b.append('{');
            int i = 0;
            for (Map.Entry<String, Value> e : sorted.entrySet()) {
                newline(b, prefix, indent, depth + 1);
                b.append(Json.quote(e.getKey(), true)).append(": ");
                writeIndented(b, e.getValue(), prefix, indent, depth + 1);
                if (++i < sorted.size()) {
                    b.append(',');
                }
            }
            newline(b, prefix, indent, depth);
            b.append('}');
        } else {
            b.append(Json.toJsonString(v));
        }
    }

    private static void newline(StringBuilder b, String prefix, String indent, int depth) {
        b.append('\n').append(prefix);
        b.append(indent.repeat(depth));
    }

    private static byte[] decodeStd(String s) {
        try {
            if (s.length() % 4 != 0) {
                throw new IllegalArgumentException("illegal base64 data");
            }
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error("illegal base64 data at input byte " + firstBadByte(s, false));
        }
    }

    /** Position Go reports for malformed base64: the first character outside the alphabet, else the end. */
    private static int firstBadByte(String s, boolean url) {
        String alphabet = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < s.length(); i++) {
            if (alphabet.indexOf(s.charAt(i)) < 0 && s.charAt(i) != '=') {
                return i;
            }
        }
        return Math.max(0, s.length() - (s.length() % 4 == 0 ? 4 : s.length() % 4));
    }

    private static byte[] hexDecode(String s) {
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int j = 1;
        for (; j < src.length; j += 2) {
            int hi = Character.digit(src[j - 1], 16);
            if (hi < 0) {
                throw invalidHexByte(src[j - 1]);
            }
            int lo = Character.digit(src[j], 16);
            if (lo < 0) {
                throw invalidHexByte(src[j]);
            }
            out.write(hi << 4 | lo);
        }
        if (src.length % 2 == 1) {
            if (Character.digit(src[j - 1], 16) < 0) {
                throw invalidHexByte(src[j - 1]);
            }
            throw BuiltinException.error("encoding/hex: odd length hex string");
        }
        return out.toByteArray();
    }

    private static BuiltinException invalidHexByte(byte b) {
        int c = b & 0xff;
        return BuiltinException.error(String.format("encoding/hex: invalid byte: U+%04X '%c'", c, (char) c));
    }

    /** Go's url.QueryEscape. */
    static String queryEscape(String s) {
        StringBuilder b = new StringBuilder();
        for (byte raw : s.getBytes(StandardCharsets.UTF_8)) {
            int c = raw & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                b.append((char) c);
            } else if (c == ' ') {
                b.append('+');
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** Go's url.QueryUnescape. */
    static String queryUnescape(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < src.length; i++) {
            byte c = src[i];
            if (c == '%') {
                if (i + 2 >= src.length) {
                    String bad = s.substring(Math.min(i, s.length()), Math.min(s.length(), i + 3));
                    throw BuiltinException.error("invalid URL escape \"" + bad + "\"");
                }
                int hi = Character.digit(src[i + 1], 16);
                int lo = Character.digit(src[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw BuiltinException.error("invalid URL escape \"" + new String(src, i, 3, StandardCharsets.UTF_8)
                            + "\"");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return text(out.toByteArray());
    }
}
