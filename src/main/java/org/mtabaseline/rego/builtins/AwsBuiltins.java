package org.mtabaseline.rego.builtins;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mtabaseline.rego.builtins.support.GoUrl;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.Json;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** {@code providers.aws.sign_req}: AWS Signature Version 4 headers for an HTTP request object, as OPA signs it. */
public final class AwsBuiltins {
    private static final Set<String> IGNORED_HEADERS = Set.of("authorization", "user-agent", "x-amzn-trace-id");
    private static final List<String> REQUIRED_CONFIG = List.of("aws_access_key", "aws_region",
            "aws_secret_access_key", "aws_service");

    private AwsBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("providers.aws.sign_req", 3, (ctx, a) -> {
            ObjectValue req = Args.object(a, 0);
            ObjectValue config = Args.object(a, 1);
            requireStrings(req, List.of("method", "url"), 1, "request");
            requireStrings(config, REQUIRED_CONFIG, 2, "AWS config");
            boolean disablePayloadSigning = false;
            Value dps = config.get("disable_payload_signing");
            if (dps != null) {
                if (!(dps instanceof BooleanValue b)) {
                    throw BuiltinException.typeError("operand 2 invalid value for 'disable_payload_signing' in AWS config");
                }
                disablePayloadSigning = b.value();
            }
            NumberValue ns = Args.number(a, 2);
            BigDecimal nanos = ns.decimal();
            if (nanos.signum() < 0 || !ns.isInteger() || nanos.toBigInteger().bitLength() > 63) {
                throw BuiltinException.typeError("operand 3 could not convert time_ns value into a unix timestamp");
            }
            long t = nanos.longValueExact();
            return sign(req, config, Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L)),
                    disablePayloadSigning);
        });
    }

    private static void requireStrings(ObjectValue o, List<String> keys, int operand, String what) {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String k : keys) {
            Value v = o.get(k);
            if (v == null) {
                missing.add(k);
            } else if (!(v instanceof StringValue)) {
                invalid.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw BuiltinException.typeError("operand " + operand + " missing required " + what + " parameters(s): "
                    + quotedSet(missing));
        }
        if (!invalid.isEmpty()) {
            throw BuiltinException.typeError("operand " + operand + " invalid values for required " + what
                    + " parameters(s): " + quotedSet(invalid));
        }
    }

    private static String quotedSet(List<String> names) {
        StringBuilder b = new StringBuilder("{");
        for (String n : names.stream().sorted().toList()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append('"').append(n).append('"');
        }
        return b.append('}').toString();
    }

    private static String str(ObjectValue o, String key) {
        return ((StringValue) o.get(key)).value();
    }

    private static Value sign(ObjectValue req, ObjectValue config, Instant time, boolean disablePayloadSigning) {
        String method = str(req, "method");
        GoUrl url;
        try {
            url = GoUrl.parse(str(req, "url"));
        } catch (GoUrl.GoUrlException e) {
            throw BuiltinException.error(e.getMessage());
        }
        byte[] body = new byte[0];
        if (req.get("raw_body") instanceof StringValue raw) {
            body = raw.value().getBytes(StandardCharsets.UTF_8);
        } else if (req.get("body") != null) {
            body = Json.toJsonString(req.get("body")).getBytes(StandardCharsets.UTF_8);
        }
        String service = str(config, "aws_service");
        String region = str(config, "aws_region");
        String contentSha = disablePayloadSigning ? "UNSIGNED-PAYLOAD" : hex(sha256(body));
        String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(time);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(time);

        TreeMap<String, String> awsHeaders = new TreeMap<>();
        awsHeaders.put("host", url.host());
        awsHeaders.put("x-amz-date", stamp);
        if (service.equals("s3") || service.equals("glacier")) {
            awsHeaders.put("x-amz-content-sha256", contentSha);
        }
        if (config.get("aws_session_token") instanceof StringValue token && !token.value().isEmpty()) {
            awsHeaders.put("x-amz-security-token", token.value());
        }
        TreeMap<String, String> toSign = new TreeMap<>(awsHeaders);
        ObjectValue reqHeaders = req.get("headers") instanceof ObjectValue h ? h : ObjectValue.EMPTY;
        for (int i = 0; i < reqHeaders.size(); i++) {
            String name = Json.keyString(reqHeaders.keyAt(i)).toLowerCase(java.util.Locale.ROOT);
            if (!IGNORED_HEADERS.contains(name)) {
                Value v = reqHeaders.valueAt(i);
                toSign.put(name, v instanceof StringValue s ? s.value() : Json.toJsonString(v));
            }
        }
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n').append(url.rawPath()).append('\n').append(url.rawQuery()).append('\n');
        toSign.forEach((k, v) -> canonical.append(k).append(':').append(v).append('\n'));
        canonical.append('\n');
        String signedHeaders = String.join(";", toSign.keySet());
        canonical.append(signedHeaders).append('\n').append(contentSha);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n"
                + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + str(config, "aws_secret_access_key")).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = hex(hmac(key, stringToSign));
        String authorization = "AWS4-HMAC-SHA256 Credential=" + str(config, "aws_access_key") + "/" + scope
                + ",SignedHeaders=" + signedHeaders + ",Signature=" + signature;

        ObjectValue.Builder headers = ObjectValue.builder();
        for (int i = 0; i < reqHeaders.size(); i++) {
            headers.put(reqHeaders.keyAt(i), reqHeaders.valueAt(i));
        }
        awsHeaders.forEach((k, v) -> headers.put(k, StringValue.of(v)));
        headers.put("Authorization", StringValue.of(authorization));
        return req.with(StringValue.of("headers"), headers.build());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
