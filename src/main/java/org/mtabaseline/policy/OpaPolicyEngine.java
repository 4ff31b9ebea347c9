package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Asks a remote Open Policy Agent (sidecar or central) through its REST Data API:
 * {@code POST /v1/data/mta/controls} with {@code {"input": ...}}. OPA should load this service's own
 * bundle (GET /api/v1/bundles/mta-baseline.tar.gz) so it decides with the same rules; the catalogue
 * and digest are those of the local policy pack.
 */
public class OpaPolicyEngine implements PolicyEngine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyPack pack;
    private final PolicyConfig config;
    private final URI dataUri;
    private final URI healthUri;
    private final HttpClient http;

    public OpaPolicyEngine(PolicyPack pack, PolicyConfig config) {
        this.pack = pack;
        this.config = config;
        URI base = config.opa().url().orElseThrow(() -> new IllegalStateException(
                "mta-baseline.policy.engine=opa needs mta-baseline.policy.opa.url (e.g. http://localhost:8181)"));
        String b = base.toString().endsWith("/") ? base.toString() : base + "/";
        this.dataUri = URI.create(b + "v1/data/mta/controls");
        this.healthUri = URI.create(b + "health");
        this.http = HttpClient.newBuilder().connectTimeout(config.opa().timeout()).build();
    }

    @Override
    public Evaluation evaluate(JsonNode input) {
        pack.compiled(); // without a compiled local pack there is no catalogue to judge severities by
        ObjectNode body = JSON.createObjectNode();
        body.set("input", input);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request(dataUri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PolicyEngineException("OPA at " + dataUri.getHost() + " is unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyEngineException("interrupted while waiting for OPA", true, e);
        }
        if (response.statusCode() != 200) {
            throw new PolicyEngineException("OPA answered HTTP " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8), true, null);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new PolicyEngineException("OPA answered with invalid JSON", true, e);
        }
        JsonNode result = answer.get("result");
        if (result == null || !result.isObject()) {
            throw new PolicyEngineException("OPA has no mta.controls document: load the mta-baseline bundle"
                    + " (GET /api/v1/bundles/mta-baseline.tar.gz) into it", true, null);
        }
        return Verdicts.decide(result, pack.catalogue(), input, config.failSeverities(), pack.bundle().digest(),
                engine());
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.opa().timeout());
        config.opa().token().ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    /** OPA's GET /health: 200 when its bundles are activated. */
    @Override
    public boolean ready() {
        if (pack.compileError() != null) {
            return false;
        }
        try {
            return http.send(request(healthUri).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String problem() {
        if (pack.compileError() != null) {
            return pack.compileError();
        }
        return ready() ? "none" : "OPA does not answer GET " + healthUri.getPath() + " with 200";
    }

    @Override
    public List<Control> catalogue() {
        return pack.catalogue();
    }

    @Override
    public String engine() {
        return "opa";
    }

    @Override
    public String policyDigest() {
        return pack.bundle().digest();
    }
}
