package org.mtabaseline.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.PreparedQuery;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompiler;

/**
 * The real policy pack through both engines. The "OPA" here is a loopback HTTP server speaking OPA's
 * Data API that loads the service's own bundle archive and evaluates it with the Rego engine: it
 * checks the wire format and that the bundle carries everything needed to decide alike.
 */
class PolicyEnginesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PolicyPack pack;

    private HttpServer opa;
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<JsonNode> received = new AtomicReference<>();

    record Config(PolicyConfig.EngineKind engine, Optional<URI> url, Optional<String> token) implements PolicyConfig {
        @Override
        public Path dir() {
            return Path.of("policies");
        }

        @Override
        public Set<String> failSeverities() {
            return Set.of("high", "critical");
        }

        @Override
        public Opa opa() {
            return new Opa() {
                public Optional<URI> url() {
                    return url;
                }

                public Duration timeout() {
                    return Duration.ofSeconds(5);
                }

                public Optional<String> token() {
                    return token;
                }
            };
        }
    }

    @BeforeAll
    static void loadPack() {
        pack = new PolicyPack(PolicyBundle.load(Path.of("policies")));
    }

    static JsonNode facts(String name) throws IOException {
        return JSON.readTree(Files.readString(Path.of("src/test/resources/facts/" + name)));
    }

    private static ControlResult result(Evaluation e, String control) {
        return e.results().stream().filter(r -> r.control().equals(control)).findFirst().orElseThrow();
    }

    @Test
    void catalogueComesFromTheMetadataAnnotations() throws IOException {
        List<Path> controlFiles = new ArrayList<>();
        try (var walk = Files.walk(Path.of("policies"))) {
            walk.filter(p -> p.toString().endsWith(".rego") && !p.toString().endsWith("_test.rego"))
                    .filter(p -> read(p).contains("package mta.controls.")).forEach(controlFiles::add);
        }
        assertEquals(controlFiles.size(), pack.catalogue().size());
        Control relay = pack.control("MTA-RELAY-001").orElseThrow();
        assertEquals("No open relay", relay.title());
        assertEquals("critical", relay.severity());
        assertEquals("data.mta.controls.relay_001", relay.path());
        assertTrue(relay.references().path("cve").toString().contains("CVE-1999-0512"));
        assertTrue(relay.remediation().path("postfix").asText().contains("reject_unauth_destination"));
        assertTrue(relay.mtaKinds().contains("postfix"));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void embeddedEngineFailsAnOpenRelayAndPassesAClosedOne() throws IOException {
        PolicyEngine engine = new EmbeddedPolicyEngine(pack, new Config(PolicyConfig.EngineKind.EMBEDDED,
                Optional.empty(), Optional.empty()), "test");
        Evaluation open = engine.evaluate(facts("postfix-open.json"));
        assertEquals("fail", open.verdict());
        ControlResult relay = result(open, "MTA-RELAY-001");
        assertEquals("fail", relay.status());
        assertFalse(relay.evidence().isEmpty(), "a failed control shows its evidence");
        assertTrue(relay.remediation().asText().contains("smtpd_relay_restrictions"), "postfix remediation text");
        assertEquals(pack.bundle().digest(), open.policyDigest());
        assertEquals("embedded-rego/test", open.engine());

        Evaluation closed = engine.evaluate(facts("postfix-closed.json"));
        assertEquals("pass", result(closed, "MTA-RELAY-001").status());
        assertEquals(pack.catalogue().size(), closed.results().size());
    }

    @Test
    void opaEngineAsksTheDataApiAndDecidesLikeTheEmbeddedEngine() throws IOException {
        startFakeOpa();
        PolicyEngine remote = new OpaPolicyEngine(pack, new Config(PolicyConfig.EngineKind.OPA,
                Optional.of(URI.create("http://127.0.0.1:" + opa.getAddress().getPort())), Optional.of("s3cret")));
        PolicyEngine local = new EmbeddedPolicyEngine(pack, new Config(PolicyConfig.EngineKind.EMBEDDED,
                Optional.empty(), Optional.empty()), "test");
        for (String example : List.of("postfix-open.json", "postfix-closed.json", "exim-open.json")) {
            JsonNode input = facts(example);
            Evaluation viaOpa = remote.evaluate(input);
            Evaluation inProcess = local.evaluate(input);
            assertEquals(inProcess.verdict(), viaOpa.verdict(), example);
            assertEquals(inProcess.results(), viaOpa.results(), example);
            assertEquals(input, received.get().get("input"), "the input is sent as {\"input\": ...}");
        }
        assertEquals("Bearer s3cret", authorization.get());
        assertEquals("opa", remote.engine());
        assertTrue(remote.ready());
    }

    @Test
    void unreachableOpaIsUnavailableNotAVerdict() throws IOException {
        startFakeOpa();
        int port = opa.getAddress().getPort();
        opa.stop(0);
        opa = null;
        PolicyEngine remote = new OpaPolicyEngine(pack, new Config(PolicyConfig.EngineKind.OPA,
                Optional.of(URI.create("http://127.0.0.1:" + port)), Optional.empty()));
        PolicyEngineException e = assertThrows(PolicyEngineException.class,
                () -> remote.evaluate(facts("postfix-open.json")));
        assertTrue(e.unavailable());
        assertFalse(remote.ready());
    }

    @Test
    void aPackWithoutControlsRefusesToDecideRatherThanPassing() {
        PolicyPack empty = new PolicyPack(PolicyBundle.of(java.util.List.of(new PolicyBundle.PolicyFile(
                "lib/lib.rego", "package mta.lib\nx := 1\n".getBytes(StandardCharsets.UTF_8)))));
        PolicyEngine engine = new EmbeddedPolicyEngine(empty, new Config(PolicyConfig.EngineKind.EMBEDDED,
                Optional.empty(), Optional.empty()), "test");
        assertFalse(engine.ready());
        PolicyEngineException e = assertThrows(PolicyEngineException.class,
                () -> engine.evaluate(facts("postfix-open.json")));
        assertTrue(e.unavailable());
        assertTrue(e.getMessage().contains("no controls"));
    }

    @Test
    void opaWithoutTheBundleIsUnavailable() throws IOException {
        opa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opa.createContext("/v1/data/mta/controls", ex -> {
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8); // OPA's answer for an undefined document
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        opa.start();
        PolicyEngine remote = new OpaPolicyEngine(pack, new Config(PolicyConfig.EngineKind.OPA,
                Optional.of(URI.create("http://127.0.0.1:" + opa.getAddress().getPort())), Optional.empty()));
        PolicyEngineException e = assertThrows(PolicyEngineException.class,
                () -> remote.evaluate(facts("postfix-open.json")));
        assertTrue(e.getMessage().contains("bundle"));
    }

    /** A stand-in OPA that loads the bundle archive the service serves. */
    private void startFakeOpa() throws IOException {
        RegoCompiler compiler = Rego.compiler();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(pack.bundle().tarGz())))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().endsWith(".rego")) {
                    compiler.module(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        PreparedQuery controls = compiler.compile().prepare("data.mta.controls");
        opa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        opa.createContext("/v1/data/mta/controls", ex -> {
            authorization.set(ex.getRequestHeaders().getFirst("Authorization"));
            JsonNode request = JSON.readTree(ex.getRequestBody());
            received.set(request);
            JsonNode value = controls.eval(request.get("input")).value();
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().set("result", value));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        opa.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        opa.start();
        assertNotNull(opa);
    }

    @AfterEach
    void stopOpa() {
        if (opa != null) {
            opa.stop(0);
        }
    }
}
