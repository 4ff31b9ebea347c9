package org.mtabaseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every manifest under k8s/ parses, and the Deployment has what a restricted cluster demands. */
class DeploymentManifestsTest {

    private static final List<JsonNode> DOCS = new ArrayList<>();

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(Path.of("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(f.toFile())) {
                    yaml.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                        if (doc != null && !doc.isEmpty()) {
                            assertTrue(doc.hasNonNull("apiVersion") && doc.hasNonNull("kind"), f + ": apiVersion and kind");
                            DOCS.add(doc);
                        }
                    });
                }
            }
        }
        assertFalse(DOCS.isEmpty(), "k8s/ has manifests");
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = DOCS.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    @Test
    void namespaceDeploymentAndServiceShareTheNamespace() {
        String ns = only("Namespace").path("metadata").path("name").asText();
        assertEquals(ns, only("Deployment").path("metadata").path("namespace").asText());
        assertEquals(ns, only("Service").path("metadata").path("namespace").asText());
    }

    @Test
    void deploymentProbesHitTheHealthEndpoints() {
        JsonNode c = container();
        assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("http", c.path("readinessProbe").path("httpGet").path("port").asText());
        assertEquals(8080, c.path("ports").get(0).path("containerPort").asInt());
    }

    @Test
    void deploymentHasResourceRequestsAndLimits() {
        JsonNode r = container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            assertFalse(r.path(kind).path("cpu").asText().isEmpty(), kind + ".cpu");
            assertFalse(r.path(kind).path("memory").asText().isEmpty(), kind + ".memory");
        }
    }

    @Test
    void deploymentRunsAsNonRootOnAReadOnlyRootFilesystem() {
        JsonNode pod = only("Deployment").path("spec").path("template").path("spec");
        JsonNode c = container();
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean()
                || c.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0);
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        // a writable /tmp is the only scratch space
        assertTrue(mountedVolume(c, "/tmp").has("emptyDir"));
    }

    @Test
    void policiesComeFromAConfigMapMountedWhereTheServiceReadsThem() {
        JsonNode c = container();
        JsonNode volume = mountedVolume(c, "/deployments/policies");
        assertNotNull(volume.path("configMap").get("name"));
        assertTrue(env(c, "MTA_BASELINE_POLICY_DIR").path("value").asText().equals("/deployments/policies"));
    }

    @Test
    void databaseCredentialsComeFromASecret() {
        JsonNode c = container();
        for (String var : List.of("DB_URL", "DB_USER", "DB_PASSWORD", "MTA_BASELINE_API_TOKEN")) {
            JsonNode ref = env(c, var).path("valueFrom").path("secretKeyRef");
            assertFalse(ref.path("name").asText().isEmpty(), var + " from a Secret");
            assertFalse(ref.path("key").asText().isEmpty(), var + " key");
        }
        assertEquals("pg", env(c, "QUARKUS_PROFILE").path("value").asText());
    }

    @Test
    void serviceSelectsTheDeploymentPodsOnTheHttpPort() {
        JsonNode svc = only("Service");
        JsonNode labels = only("Deployment").path("spec").path("template").path("metadata").path("labels");
        svc.path("spec").path("selector").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(), "selector " + e.getKey()));
        assertEquals("http", svc.path("spec").path("ports").get(0).path("targetPort").asText());
    }

    @Test
    void dockerfileBuildsForPostgresAndRunsNonRootWithAHealthCheck() throws IOException {
        String df = Files.readString(Path.of("Dockerfile"));
        assertEquals(2, df.lines().filter(l -> l.startsWith("FROM ")).count(), "multi-stage");
        assertTrue(df.contains("-Dquarkus.profile=pg"));
        assertTrue(df.lines().anyMatch(l -> l.startsWith("FROM ") && l.contains("17-jre")));
        assertTrue(df.lines().anyMatch(l -> l.matches("USER [1-9][0-9]*(:[0-9]+)?")), "numeric non-root USER");
        assertTrue(df.contains("HEALTHCHECK") && df.contains("/q/health/live"));
        assertTrue(df.contains("COPY --chown=10001:10001 policies/ /deployments/policies/"));
    }

    private static JsonNode container() {
        JsonNode containers = only("Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static JsonNode env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("env " + name + " missing");
    }

    private static JsonNode mountedVolume(JsonNode container, String path) {
        String name = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                name = m.path("name").asText();
            }
        }
        assertNotNull(name, "a volume is mounted at " + path);
        for (JsonNode v : only("Deployment").path("spec").path("template").path("spec").path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("volume " + name + " not declared");
    }
}
