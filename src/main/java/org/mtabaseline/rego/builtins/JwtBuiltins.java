package org.mtabaseline.rego.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.mtabaseline.rego.builtins.support.JoseKeys;
import org.mtabaseline.rego.builtins.support.JoseKeys.JoseKey;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * {@code io.jwt.*}: decoding, signature verification (HS/RS/PS/ES 256-512, EdDSA) with PEM or JWK
 * keys, {@code decode_verify} with OPA's constraints (cert, secret, alg, iss, aud, time) and
 * {@code encode_sign}/{@code encode_sign_raw} with a JWK.
 */
public final class JwtBuiltins {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ArrayValue UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY);

    private JwtBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("io.jwt.decode", 1, (ctx, a) -> decode(a.get(0)));
        for (String alg : List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")) {
            r.register("io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT), 2,
                    (ctx, a) -> BooleanValue.of(verifyWithKeys(a, alg)));
        }
        r.register("io.jwt.verify_eddsa", 2, (ctx, a) -> BooleanValue.of(verifyWithKeys(a, "EdDSA")));
        for (String alg : List.of("HS256", "HS384", "HS512")) {
            r.register("io.jwt.verify_" + alg.toLowerCase(java.util.Locale.ROOT), 2, (ctx, a) -> {
                String[] parts = split(Args.string(a, 0));
                byte[] secret = Args.string(a, 1).getBytes(StandardCharsets.UTF_8);
                byte[] signature = b64(parts[2], "JWT signature had invalid encoding: ");
                return BooleanValue.of(JoseKeys.verify(secret, alg, signingInput(parts), signature));
            });
        }
        r.register("io.jwt.decode_verify", 2, (ctx, a) -> decodeVerify(ctx, a.get(0), Args.object(a, 1)));
        r.register("io.jwt.encode_sign", 3, (ctx, a) -> encodeSign(Json.toJsonString(a.get(0)),
                Json.toJsonString(a.get(1)), Json.toJsonString(a.get(2))));
        r.register("io.jwt.encode_sign_raw", 3, (ctx, a) -> {
            String key = Args.string(a, 2);
            return encodeSign(Args.string(a, 0), Args.string(a, 1), key);
        });
    }

    // ------------------------------------------------------------------ decoding

    private static String[] split(Value token) {
        if (!(token instanceof StringValue s)) {
            throw Args.mustBe(0, "string", token);
        }
        return split(s.value());
    }

    private static String[] split(String token) {
        if (!token.contains(".")) {
            throw BuiltinException.error("encoded JWT had no period separators");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw BuiltinException.error("encoded JWT must have 3 sections, found " + parts.length);
        }
        return parts;
    }

    private static byte[] signingInput(String[] parts) {
        return (parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8);
    }

    /** Go's base64url decoding as OPA's base64url.decode does it (padding optional). */
    private static byte[] b64(String s, String context) {
        try {
            if (s.length() % 4 == 1 || (s.contains("=") && s.length() % 4 != 0)) {
                throw new IllegalArgumentException();
            }
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            int bad = 0;
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=";
            while (bad < s.length() && alphabet.indexOf(s.charAt(bad)) >= 0) {
                bad++;
            }
            throw BuiltinException.error(context + "illegal base64 data at input byte " + bad);
        }
    }

    private static ObjectValue jsonObject(byte[] text, String context) {
        Value v;
        try {
            JsonNode node = JSON.readTree(new String(text, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode()) {
                throw BuiltinException.error(context + "invalid JSON: unexpected end of JSON input");
            }
            v = Json.fromJson(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BuiltinException.error(context + "invalid JSON: " + e.getOriginalMessage());
        }
        if (!(v instanceof ObjectValue o)) {
            throw BuiltinException.error(context + "decoded JSON type was not an Object");
        }
        return o;
    }

    private static ObjectValue header(String[] parts) {
        ObjectValue h = jsonObject(b64(parts[0], "JWT header had invalid encoding: "), "bad JWT header: ");
        if (h.get("enc") != null) {
            throw BuiltinException.error("JWT is a JWE object, which is not supported");
        }
        return h;
    }

    private static Value decode(Value token) {
        String[] parts = split(token);
        ObjectValue header = header(parts);
        byte[] payload = b64(parts[1], "JWT payload had invalid encoding: ");
        if (header.get("cty") instanceof StringValue cty && cty.value().equals("JWT")) {
            String inner = new String(payload, StandardCharsets.UTF_8).replaceAll("^[\"']+|[\"']+$", "");
            return decode(StringValue.of(inner));
        }
        ObjectValue body = jsonObject(payload, "");
        byte[] signature = b64(parts[2], "JWT signature had invalid encoding: ");
        return ArrayValue.of(header, body, StringValue.of(HexFormat.of().formatHex(signature)));
    }

    // ------------------------------------------------------------------ verification

    private static boolean verifyWithKeys(List<Value> a, String alg) {
        String[] parts = split(a.get(0));
        List<JoseKey> keys = keys(Args.string(a, 1));
        byte[] signature = b64(parts[2], "JWT signature had invalid encoding: ");
        ObjectValue header = header(parts);
        String kid = header.get("kid") instanceof StringValue k ? k.value() : "";
        String headerAlg = header.get("alg") instanceof StringValue h ? h.value() : "";
        return verify(keys, kid, headerAlg, alg, signingInput(parts), signature);
    }

    private static List<JoseKey> keys(String text) {
        try {
            return JoseKeys.verificationKeys(text);
        } catch (JoseKeys.JoseException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    /** OPA's key selection: a key whose kid matches decides alone; else any key whose alg fits. */
    private static boolean verify(List<JoseKey> keys, String kid, String headerAlg, String alg, byte[] input,
                                  byte[] signature) {
        if (!kid.isEmpty()) {
            for (JoseKey k : keys) {
                if (k.kid().equals(kid)) {
                    return JoseKeys.verify(k.key(), alg, input, signature);
                }
            }
        }
        for (JoseKey k : keys) {
            if (!k.alg().isEmpty() && !k.alg().equals(headerAlg)) {
                continue;
            }
            if (JoseKeys.verify(k.key(), alg, input, signature)) {
                return true;
            }
        }
        return false;
    }

    private static Value decodeVerify(BuiltinContext ctx, Value token, ObjectValue constraintsObject) {
        List<JoseKey> keys = null;
        String secret = "";
        String algConstraint = "";
        String iss = "";
        String aud = "";
        BigDecimal time = null;
        for (int i = 0; i < constraintsObject.size(); i++) {
            String name = constraintsObject.keyAt(i) instanceof StringValue s ? s.value() : constraintsObject.keyAt(i).toString();
            Value v = constraintsObject.valueAt(i);
            switch (name) {
                case "cert" -> {
                    if (!(v instanceof StringValue s)) {
                        throw BuiltinException.error("cert constraint: must be a string");
                    }
                    keys = keys(s.value());
                }
                case "secret" -> secret = constraintString(name, v);
                case "alg" -> algConstraint = constraintString(name, v);
                case "iss" -> iss = constraintString(name, v);
                case "aud" -> aud = constraintString(name, v);
                case "time" -> time = timeConstraint(v);
                default -> throw BuiltinException.error("unknown token validation constraint: " + name);
            }
        }
        if (time == null) {
            time = BigDecimal.valueOf(ctx.nowNanos());
        }
        int keyConstraints = (keys != null ? 1 : 0) + (secret.isEmpty() ? 0 : 1);
        if (keyConstraints > 1) {
            throw BuiltinException.error("duplicate key constraints");
        }
        if (keyConstraints < 1) {
            throw BuiltinException.error("no key constraint");
        }
        Value current = token;
        ObjectValue header;
        byte[] payload;
        while (true) {
            String[] parts = split(current);
            header = header(parts);
            String alg = "";
            String kid = "";
            String cty = "";
            Set<String> crit = new HashSet<>();
            Set<String> unknown = new HashSet<>();
            for (int i = 0; i < header.size(); i++) {
                String k = ((StringValue) header.keyAt(i)).value();
                Value v = header.valueAt(i);
                switch (k) {
                    case "alg", "kid", "typ", "cty" -> {
                        if (!(v instanceof StringValue s)) {
                            throw BuiltinException.error(k + ": must be a string");
                        }
                        if (k.equals("alg")) {
                            alg = s.value();
                        } else if (k.equals("kid")) {
                            kid = s.value();
                        } else if (k.equals("cty")) {
                            cty = s.value();
                        }
                    }
                    case "crit" -> {
                        if (!(v instanceof ArrayValue arr)) {
                            throw BuiltinException.error("crit: must be a list");
                        }
                        for (Value c : arr.list()) {
                            if (c instanceof StringValue cs) {
                                crit.add(cs.value());
                            }
                        }
                        if (crit.isEmpty()) {
                            throw BuiltinException.error("crit: must be a nonempty list");
                        }
                    }
                    default -> unknown.add(k);
                }
            }
            if (alg.isEmpty() || unknown.stream().anyMatch(crit::contains)) {
                return UNVERIFIED;
            }
            if (!algConstraint.isEmpty() && !algConstraint.equals(alg)) {
                return UNVERIFIED;
            }
            byte[] signature = b64(parts[2], "JWT signature had invalid encoding: ");
            boolean ok = keys != null
                    ? verify(keys, kid, alg, alg, signingInput(parts), signature)
                    : JoseKeys.verify(secret.getBytes(StandardCharsets.UTF_8), alg, signingInput(parts), signature);
            if (!ok) {
                return UNVERIFIED;
            }
            payload = b64(parts[1], "JWT payload had invalid encoding: ");
            if (cty.equalsIgnoreCase("JWT")) {
                current = StringValue.of(new String(payload, StandardCharsets.UTF_8));
                continue;
            }
            break;
        }
        ObjectValue claims = jsonObject(payload, "");
        if (!iss.isEmpty()) {
            if (!(claims.get("iss") instanceof StringValue claimIss) || !claimIss.value().equals(iss)) {
                return UNVERIFIED;
            }
        }
        Value audClaim = claims.get("aud");
        if (audClaim != null) {
            if (!validAudience(audClaim, aud)) {
                return UNVERIFIED;
            }
        } else if (!aud.isEmpty()) {
            return UNVERIFIED;
        }
        BigDecimal seconds = time.divide(BigDecimal.valueOf(1_000_000_000L));
        Value exp = claims.get("exp");
        if (exp != null) {
            if (!(exp instanceof NumberValue n)) {
                throw BuiltinException.error("exp value must be a number");
            }
            if (seconds.compareTo(n.decimal()) >= 0) {
                return UNVERIFIED;
            }
        }
        Value nbf = claims.get("nbf");
        if (nbf != null) {
            if (!(nbf instanceof NumberValue n)) {
                throw BuiltinException.error("nbf value must be a number");
            }
            if (seconds.compareTo(n.decimal()) < 0) {
                return UNVERIFIED;
            }
        }
        return ArrayValue.of(BooleanValue.TRUE, header, claims);
    }

    private static String constraintString(String name, Value v) {
        if (!(v instanceof StringValue s)) {
            throw BuiltinException.error(name + " constraint: must be a string");
        }
        return s.value();
    }

    private static BigDecimal timeConstraint(Value v) {
        if (!(v instanceof NumberValue n)) {
            throw BuiltinException.error("token time constraint: must be a number");
        }
        if (n.decimal().signum() < 0) {
            throw BuiltinException.error("token time constraint: must not be negative");
        }
        return n.decimal();
    }

    private static boolean validAudience(Value claim, String aud) {
        if (claim instanceof StringValue s) {
            return s.value().equals(aud);
        }
        if (claim instanceof ArrayValue arr) {
            return arr.list().stream().anyMatch(e -> e instanceof StringValue s && s.value().equals(aud));
        }
        return false;
    }

    // ------------------------------------------------------------------ signing

    private static Value encodeSign(String headerText, String payloadText, String jwkText) {
        List<JoseKey> keys;
        try {
            keys = JoseKeys.jwks(jwkText);
        } catch (JoseKeys.JoseException e) {
            throw BuiltinException.error(e.getMessage().replace("failed to parse a JWK key (set): ", ""));
        }
        if (keys.isEmpty()) {
            throw BuiltinException.error("no keys found in JWK set");
        }
        String alg = headerString(headerText, "alg");
        if (!JoseKeys.ALGORITHMS.contains(alg)) {
            throw BuiltinException.error("unknown JWS algorithm: " + alg);
        }
        String typ = optionalHeaderString(headerText, "typ");
        if ((typ == null || typ.equals("JWT")) && !isJson(payloadText)) {
            throw BuiltinException.error("type is JWT but payload is not JSON");
        }
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String input = enc.encodeToString(headerText.getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(payloadText.getBytes(StandardCharsets.UTF_8));
        try {
            byte[] sig = JoseKeys.sign(keys.get(0).key(), alg, input.getBytes(StandardCharsets.UTF_8));
            return StringValue.of(input + "." + enc.encodeToString(sig));
        } catch (JoseKeys.JoseException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static String headerString(String headerText, String name) {
        if (headerText.isEmpty()) {
            throw BuiltinException.error("missing or invalid '" + name + "' header: cannot parse JSON: cannot parse empty string");
        }
        JsonNode node;
        try {
            node = JSON.readTree(headerText);
        } catch (Exception e) {
            if (headerText.trim().startsWith("{")) {
                throw BuiltinException.error("missing or invalid '" + name + "' header: cannot parse JSON: "
                        + e.getMessage().split("\n")[0]);
            }
            node = null;
        }
        if (node == null || !node.path(name).isTextual()) {
            throw BuiltinException.error("missing or invalid '" + name + "' header: jwsbb: header \"" + name
                    + "\" not found");
        }
        return node.get(name).asText();
    }

    private static String optionalHeaderString(String headerText, String name) {
        try {
            JsonNode node = JSON.readTree(headerText);
            return node != null && node.path(name).isTextual() ? node.get(name).asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isJson(String text) {
        if (text.isBlank()) {
            return false;
        }
        try {
            JSON.readTree(text);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
