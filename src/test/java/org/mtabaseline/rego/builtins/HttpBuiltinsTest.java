package org.mtabaseline.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/** http.send against a local server: response shape, decoding, redirects, caching and OPA's error texts. */
class HttpBuiltinsTest {
    private static HttpServer server;
    private static String base;
    private static final AtomicInteger HITS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/json", ex -> {
            HITS.incrementAndGet();
            byte[] body = ("{\"method\": \"" + ex.getRequestMethod() + "\", \"echo\": "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).length() + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("X-Seen", String.valueOf(ex.getRequestHeaders().getFirst("X-Token")));
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/json");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static Value send(BuiltinContext ctx, ObjectValue req) {
        return BuiltinRegistry.standard().get("http.send").impl().call(ctx, List.of(req));
    }

    private static ObjectValue request(String method, String path) {
        return ObjectValue.builder().put("method", StringValue.of(method)).put("url", StringValue.of(base + path)).build();
    }

    @Test
    void jsonResponseIsDecodedWithStatusAndLowerCaseHeaders() {
        ObjectValue req = request("post", "/json").with(StringValue.of("body"), ObjectValue.of(StringValue.of("a"),
                NumberValue.of(1))).with(StringValue.of("headers"), ObjectValue.of(StringValue.of("X-Token"),
                StringValue.of("t1")));
        ObjectValue resp = (ObjectValue) send(BuiltinContext.simple(), req);
        assertEquals(NumberValue.of(200), resp.get("status_code"));
        assertEquals(StringValue.of("200 OK"), resp.get("status"));
        ObjectValue body = (ObjectValue) resp.get("body");
        assertEquals(StringValue.of("POST"), body.get("method"));
        assertEquals(NumberValue.of(7), body.get("echo")); // {"a":1}
        assertEquals(ArrayValue.of(StringValue.of("t1")), ((ObjectValue) resp.get("headers")).get("x-seen"));
    }

    @Test
    void redirectsAreReturnedUnlessEnabled() {
        ObjectValue resp = (ObjectValue) send(BuiltinContext.simple(), request("GET", "/moved"));
        assertEquals(NumberValue.of(302), resp.get("status_code"));
        assertEquals(NullValue.NULL, resp.get("body"));
        ObjectValue followed = (ObjectValue) send(BuiltinContext.simple(),
                request("GET", "/moved").with(StringValue.of("enable_redirect"), BooleanValue.TRUE));
        assertEquals(NumberValue.of(200), followed.get("status_code"));
    }

    @Test
    void sameRequestIsSentOncePerQuery() {
        BuiltinContext ctx = BuiltinContext.simple();
        int before = HITS.get();
        send(ctx, request("GET", "/json"));
        send(ctx, request("GET", "/json"));
        assertEquals(before + 1, HITS.get());
    }

    @Test
    void invalidAndMissingKeysAreTypeErrors() {
        BuiltinException bad = assertThrows(BuiltinException.class, () -> send(BuiltinContext.simple(),
                request("GET", "/json").with(StringValue.of("bad_key"), StringValue.of("x"))));
        assertEquals(BuiltinException.TYPE_ERROR, bad.code());
        assertEquals("operand 1 invalid request parameters(s): {\"bad_key\"}", bad.getMessage());
        BuiltinException missing = assertThrows(BuiltinException.class, () -> send(BuiltinContext.simple(),
                ObjectValue.of(StringValue.of("method"), StringValue.of("get"))));
        assertEquals("operand 1 missing required request parameters(s): {\"url\"}", missing.getMessage());
    }

    @Test
    void networkFailureWithoutRaiseErrorIsAResponse() {
        ObjectValue req = ObjectValue.builder().put("method", StringValue.of("GET"))
                .put("url", StringValue.of("http://127.0.0.1:1/"))
                .put("raise_error", BooleanValue.FALSE).build();
        ObjectValue resp = (ObjectValue) send(BuiltinContext.simple(), req);
        assertEquals(NumberValue.of(0), resp.get("status_code"));
        assertEquals(StringValue.of("eval_http_send_network_error"), ((ObjectValue) resp.get("error")).get("code"));
        BuiltinException e = assertThrows(BuiltinException.class,
                () -> send(BuiltinContext.simple(), req.without(StringValue.of("raise_error"))));
        assertEquals(BuiltinException.BUILTIN_ERROR, e.code());
    }
}
