package org.mtabaseline.rego.builtins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.mtabaseline.rego.builtins.support.GoTime;
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
 * {@code http.send} as OPA's topdown/http.go: request keys are validated (eval_type_error), the
 * response is {@code {status, status_code, body, raw_body, headers}}; redirects are not followed
 * unless {@code enable_redirect}; with {@code raise_error: false} failures become a response with
 * {@code status_code 0} and an {@code error} object. Responses are cached per query, and across
 * queries when the request asks for it ({@code cache} honours Cache-Control/Expires,
 * {@code force_cache} a fixed duration).
 */
public final class HttpBuiltins {
    private static final List<String> ALLOWED_KEYS = List.of("method", "url", "body", "enable_redirect",
            "force_json_decode", "force_yaml_decode", "headers", "raw_body", "tls_use_system_certs", "tls_ca_cert",
            "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file",
            "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable",
            "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache", "force_cache",
            "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts",
            "cache_ignored_headers");
    private static final Set<String> STRING_KEYS = Set.of("method", "url", "raw_body", "tls_ca_cert",
            "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert", "tls_client_cert_file",
            "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable",
            "tls_server_name");
    private static final Set<Integer> CACHEABLE = Set.of(200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501);
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Made at the first http.send, not when the builtin table is built: every compiler registers this
     * family, few policies call it, and a client costs a selector thread and tens of milliseconds.
     */
    private static final class Plain {
        static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
        static final HttpClient NO_REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        static final HttpClient REDIRECT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
    }
    /** Inter-query cache: request object to response and expiry (OPA's inter-query builtin cache). */
    private static final Map<Value, Cached> SHARED = new ConcurrentHashMap<>();
    private static final int SHARED_LIMIT = 1000;

    private record Cached(Value response, Instant expires) {
    }

    private record CacheKey(Value request) {
    }

    /** A failure reaching the server (OPA: eval_http_send_network_error). */
    private static final class NetworkError extends Exception {
        NetworkError(String message) {
            super(message);
        }
    }

    private HttpBuiltins() {
    }

    public static void register(BuiltinRegistry r) {
        r.register("http.send", 1, HttpBuiltins::send);
    }

    private static Value send(BuiltinContext ctx, List<Value> a) {
        ObjectValue req = Args.object(a, 0);
        boolean raise = raiseError(req);
        try {
            validate(req);
        } catch (BuiltinException e) {
            if (raise) {
                throw e;
            }
            return errorResult("eval_http_send_internal_error", "http.send: " + e.getMessage());
        }
        Value key = cacheKey(req);
        Object hit = ctx.cache().get(new CacheKey(key));
        if (hit instanceof Value v) {
            return v;
        }
        if (hit instanceof RuntimeException e) {
            throw e;
        }
        try {
            Value result = sharedOrFetch(ctx, req, key);
            return result;
        } catch (BuiltinException e) {
            ctx.cache().put(new CacheKey(key), e);
            if (raise) {
                throw e;
            }
            return errorResult("eval_http_send_internal_error", e.getMessage());
        } catch (NetworkError e) {
            if (raise) {
                BuiltinException be = BuiltinException.error(e.getMessage());
                ctx.cache().put(new CacheKey(key), be);
                throw be;
            }
            return errorResult("eval_http_send_network_error", e.getMessage());
        }
    }

    private static Value sharedOrFetch(BuiltinContext ctx, ObjectValue req, Value key) throws NetworkError {
        boolean forceCache = bool(req, "force_cache");
        boolean shared = forceCache || bool(req, "cache");
        Instant now = ctx.now();
        if (shared) {
            Cached c = SHARED.get(key);
            if (c != null && now.isBefore(c.expires())) {
                ctx.cache().put(new CacheKey(key), c.response());
                return c.response();
            }
        }
        Fetched f = fetch(req);
        Value result = f.result();
        if (CACHEABLE.contains(f.status())) {
            ctx.cache().put(new CacheKey(key), result);
        }
        if (shared && CACHEABLE.contains(f.status())) {
            Instant expires = null;
            if (forceCache) {
                Value secs = req.get("force_cache_duration_seconds");
                if (secs == null) {
                    throw BuiltinException.error("'force_cache' set but 'force_cache_duration_seconds' parameter is missing");
                }
                Long s = secs instanceof NumberValue n ? n.asLong() : null;
                if (s == null) {
                    throw BuiltinException.error("invalid value for force_cache_duration_seconds: " + secs);
                }
                expires = now.plusSeconds(s);
            } else if (!f.headers().getOrDefault("cache-control", List.of()).toString().contains("no-store")) {
                expires = expiry(f.headers());
            }
            if (expires != null && now.isBefore(expires)) {
                if (SHARED.size() >= SHARED_LIMIT) {
                    SHARED.clear();
                }
                SHARED.put(key, new Cached(result, expires));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ request

    private static void validate(ObjectValue req) {
        SetValue.Builder invalid = SetValue.builder();
        for (Value k : req.keys()) {
            if (!(k instanceof StringValue s) || !ALLOWED_KEYS.contains(s.value())) {
                invalid.add(k);
            }
        }
        if (invalid.size() > 0) {
            throw BuiltinException.typeError("operand 1 invalid request parameters(s): " + invalid.build());
        }
        SetValue.Builder missing = SetValue.builder();
        for (String k : List.of("method", "url")) {
            if (req.get(k) == null) {
                missing.add(StringValue.of(k));
            }
        }
        if (missing.size() > 0) {
            throw BuiltinException.typeError("operand 1 missing required request parameters(s): " + missing.build());
        }
    }

    private static boolean raiseError(ObjectValue req) {
        Value v = req.get("raise_error");
        if (v == null) {
            return true;
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        throw BuiltinException.error("invalid value for raise_error field");
    }

    /** The request minus headers named in cache_ignored_headers, which must not split the cache. */
    private static Value cacheKey(ObjectValue req) {
        Value ignored = req.get("cache_ignored_headers");
        Value headers = req.get("headers");
        ObjectValue key = req.with(StringValue.of("cache_ignored_headers"), NullValue.NULL);
        if (ignored instanceof ArrayValue names && headers instanceof ObjectValue h) {
            for (Value n : names.list()) {
                h = h.without(n);
            }
            key = key.with(StringValue.of("headers"), h);
        }
        return key;
    }

    private static boolean bool(ObjectValue req, String key) {
        Value v = req.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof BooleanValue b) {
            return b.value();
        }
        throw BuiltinException.error("invalid value for \"" + key + "\" field");
    }

    private static String string(ObjectValue req, String key) {
        Value v = req.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw BuiltinException.error("\"" + key + "\" must be a string");
    }

    private record Fetched(Value result, int status, Map<String, List<String>> headers) {
    }

    private static Fetched fetch(ObjectValue req) throws NetworkError {
        for (Value k : req.keys()) {
            String name = ((StringValue) k).value();
            if (STRING_KEYS.contains(name) && !(req.get(k) instanceof StringValue)) {
                throw BuiltinException.error("\"" + name + "\" must be a string");
            }
        }
        String method = string(req, "method").toUpperCase(Locale.ROOT);
        String url = string(req, "url");
        Duration timeout = timeout(req.get("timeout"));
        int retries = retries(req.get("max_retry_attempts"));
        HttpRequest.BodyPublisher body;
        String raw = string(req, "raw_body");
        if (raw != null) {
            body = HttpRequest.BodyPublishers.ofString(raw);
        } else if (req.get("body") != null) {
            body = HttpRequest.BodyPublishers.ofString(Json.toJsonString(req.get("body")));
        } else {
            body = HttpRequest.BodyPublishers.noBody();
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error("parse \"" + url + "\": " + e.getMessage());
        }
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
        } catch (IllegalArgumentException e) {
            throw BuiltinException.error(e.getMessage());
        }
        Value headers = req.get("headers");
        if (headers != null) {
            if (!(headers instanceof ObjectValue h)) {
                throw BuiltinException.error("invalid type for headers key");
            }
            for (int i = 0; i < h.size(); i++) {
                if (!(h.valueAt(i) instanceof StringValue v)) {
                    throw BuiltinException.error("invalid type for headers value " + h.valueAt(i));
                }
                try {
                    rb.header(Json.keyString(h.keyAt(i)), v.value());
                } catch (IllegalArgumentException e) {
                    throw BuiltinException.error(e.getMessage());
                }
            }
        }
        HttpClient client = client(req, timeout);
        HttpResponse<byte[]> resp = null;
        for (int attempt = 0; ; attempt++) {
            try {
                resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                break;
            } catch (HttpTimeoutException e) {
                if (attempt >= retries) {
                    throw new NetworkError(goMethod(method) + " " + url + ": request timed out");
                }
            } catch (IOException e) {
                if (attempt >= retries) {
                    throw new NetworkError(goMethod(method) + " \"" + url + "\": " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkError(goMethod(method) + " \"" + url + "\": interrupted");
            }
            try {
                Thread.sleep(Math.min(60_000L, 100L << Math.min(attempt, 9)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NetworkError(goMethod(method) + " \"" + url + "\": interrupted");
            }
        }
        Map<String, List<String>> respHeaders = new java.util.TreeMap<>();
        resp.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":")) {
                respHeaders.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v);
            }
        });
        byte[] bytes = resp.body();
        String text = new String(bytes, StandardCharsets.UTF_8);
        Value decoded = NullValue.NULL;
        String contentType = respHeaders.getOrDefault("content-type", List.of("")).get(0);
        if (bool(req, "force_json_decode") || isJson(contentType)) {
            decoded = decode(new ObjectMapper(), text);
        } else if (bool(req, "force_yaml_decode") || contentType.contains("application/yaml")
                || contentType.contains("application/x-yaml")) {
            decoded = decode(Plain.YAML, text);
        }
        ObjectValue.Builder hb = ObjectValue.builder();
        respHeaders.forEach((k, v) -> hb.put(k, ArrayValue.of(v.stream().map(s -> (Value) StringValue.of(s)).toList())));
        ObjectValue.Builder out = ObjectValue.builder();
        out.put("status", StringValue.of(resp.statusCode() + " " + statusText(resp.statusCode())));
        out.put("status_code", NumberValue.of(resp.statusCode()));
        out.put("body", decoded);
        out.put("raw_body", StringValue.of(text));
        out.put("headers", hb.build());
        return new Fetched(out.build(), resp.statusCode(), respHeaders);
    }

    private static String goMethod(String m) {
        return m.isEmpty() ? "Get" : m.charAt(0) + m.substring(1).toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String contentType) {
        String t = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
    }

    /** Undecodable bodies give null, as in OPA. */
    private static Value decode(ObjectMapper mapper, String text) {
        try {
            return Json.fromJson(mapper.readTree(text));
        } catch (IOException | RuntimeException e) {
            return NullValue.NULL;
        }
    }

    private static Duration timeout(Value v) {
        if (v == null) {
            return DEFAULT_TIMEOUT;
        }
        long ns;
        if (v instanceof NumberValue n) {
            Long l = n.asLong();
            if (l == null) {
                throw BuiltinException.error("invalid timeout number value " + v + ", must be int64");
            }
            ns = l;
        } else if (v instanceof StringValue s) {
            try {
                ns = Long.parseLong(s.value());
            } catch (NumberFormatException e) {
                try {
                    ns = GoTime.parseDuration(s.value());
                } catch (IllegalArgumentException ex) {
                    throw BuiltinException.error("invalid timeout value " + v + ": " + ex.getMessage());
                }
            }
        } else {
            throw BuiltinException.typeError("operand 1 'timeout' must be one of {string, number} but got " + v.typeName());
        }
        // Go's zero timeout means none
        return ns <= 0 ? Duration.ofDays(365) : Duration.ofNanos(ns);
    }

    private static int retries(Value v) {
        if (v == null) {
            return 0;
        }
        Integer n = v instanceof NumberValue nv ? nv.asInt() : null;
        if (n == null || n < 0) {
            throw BuiltinException.error("invalid value " + v + " for field \"max_retry_attempts\"");
        }
        return n;
    }

    // ------------------------------------------------------------------ TLS

    private static HttpClient client(ObjectValue req, Duration timeout) {
        boolean redirect = bool(req, "enable_redirect");
        boolean insecure = bool(req, "tls_insecure_skip_verify");
        String caPem = pemOption(req, "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable");
        String certPem = pemOption(req, "tls_client_cert", "tls_client_cert_file", "tls_client_cert_env_variable");
        String keyPem = pemOption(req, "tls_client_key", "tls_client_key_file", "tls_client_key_env_variable");
        String serverName = string(req, "tls_server_name");
        boolean systemCerts = bool(req, "tls_use_system_certs");
        if (!insecure && caPem == null && certPem == null && serverName == null && !systemCerts) {
            return redirect ? Plain.REDIRECT : Plain.NO_REDIRECT;
        }
        try {
            TrustManager[] trust;
            if (insecure) {
                trust = new TrustManager[] {new TrustAll()};
            } else if (caPem != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                if (systemCerts) {
                    for (X509Certificate c : systemTrust().getAcceptedIssuers()) {
                        ks.setCertificateEntry("system-" + i++, c);
                    }
                }
                for (Certificate c : certificates(caPem.replace("\\n", "\n"))) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                trust = tmf.getTrustManagers();
            } else {
                trust = null;
            }
            javax.net.ssl.KeyManager[] keys = null;
            if (certPem != null && keyPem != null) {
                List<PrivateKey> pk = X509Builtins.privateKeys(keyPem);
                if (pk.isEmpty()) {
                    throw BuiltinException.error("tls: failed to find any PEM data in key input");
                }
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                ks.setKeyEntry("client", pk.get(0), new char[0], certificates(certPem).toArray(new Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
                keys = kmf.getKeyManagers();
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys, trust, new SecureRandom());
            HttpClient.Builder b = HttpClient.newBuilder().sslContext(ssl).connectTimeout(timeout)
                    .followRedirects(redirect ? HttpClient.Redirect.ALWAYS : HttpClient.Redirect.NEVER);
            if (serverName != null) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setServerNames(List.of(new SNIHostName(serverName)));
                b.sslParameters(p);
            }
            return b.build();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw BuiltinException.error(e.getMessage());
        }
    }

    /** PEM text from the inline key, a file, or an environment variable, in that order. */
    private static String pemOption(ObjectValue req, String inline, String file, String env) {
        String v = string(req, inline);
        if (v != null) {
            return v;
        }
        String f = string(req, file);
        if (f != null) {
            try {
                return Files.readString(Path.of(f));
            } catch (IOException e) {
                throw BuiltinException.error("open " + f + ": " + e.getMessage());
            }
        }
        String e = string(req, env);
        if (e != null) {
            String text = System.getenv(e);
            if (text == null || text.isEmpty()) {
                throw BuiltinException.error("cert from env variable " + e + " is empty");
            }
            return text;
        }
        return null;
    }

    private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static X509TrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager t : tmf.getTrustManagers()) {
            if (t instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no system trust manager");
    }

    /** tls_insecure_skip_verify: the caller explicitly asked not to verify the server. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    // ------------------------------------------------------------------ responses

    private static Value errorResult(String code, String message) {
        return ObjectValue.builder()
                .put("status_code", NumberValue.of(0))
                .put("error", ObjectValue.builder().put("code", StringValue.of(code))
                        .put("message", StringValue.of(message)).build())
                .build();
    }

    /** When a cached response goes stale: max-age from the Date header, else Expires. */
    private static Instant expiry(Map<String, List<String>> headers) {
        for (String cc : headers.getOrDefault("cache-control", List.of())) {
            for (String part : cc.split(",")) {
                String p = part.trim();
                if (p.startsWith("max-age=")) {
                    try {
                        long age = Long.parseLong(p.substring(8).trim());
                        Instant date = httpDate(headers.get("date"));
                        return date == null ? null : date.plusSeconds(Math.min(age, Integer.MAX_VALUE));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return httpDate(headers.get("expires"));
    }

    private static Instant httpDate(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(values.get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Go's http.StatusText, which Go puts after the code in Response.Status. */
    static String statusText(int code) {
        return switch (code) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Request Entity Too Large";
            case 414 -> "Request URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 418 -> "I'm a teapot";
            case 422 -> "Unprocessable Entity";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "status code " + code;
        };
    }
}
