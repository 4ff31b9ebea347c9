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

    // ---- attestation signing key ---------------------------------------------

    @Test
    void attestationKeyIsASecretFileMountedReadOnlyWhereAttestKeyFilePoints() {
        JsonNode c = container();
        String keyFile = env(c, "MTA_BASELINE_ATTEST_KEY_FILE").path("value").asText();
        assertTrue(keyFile.startsWith("/"), "absolute key path");
        String dir = keyFile.substring(0, keyFile.lastIndexOf('/'));
        String file = keyFile.substring(keyFile.lastIndexOf('/') + 1);
        JsonNode mount = mount(c, dir);
        assertTrue(mount.path("readOnly").asBoolean(), "key mount is read-only");
        JsonNode secret = mountedVolume(c, dir).path("secret");
        assertFalse(secret.path("secretName").asText().isEmpty(), "key from a Secret");
        assertTrue(secret.path("items").findValuesAsText("path").contains(file), "the Secret projects " + file);
        assertEquals(0, secret.path("defaultMode").asInt(0644) & 0007, "key not world-readable");
        // the private key never travels as an env var
        for (JsonNode e : c.path("env")) {
            assertFalse(e.path("name").asText().equals("MTA_BASELINE_ATTEST_KEY_PEM"), "no PEM in env");
        }
    }

    // ---- monthly attestation CronJob ----------------------------------------------

    @Test
    void cronJobPostsThePreviousMonthsRunWithTheApiTokenFromTheSecret() {
        JsonNode cron = only("CronJob");
        assertEquals(only("Namespace").path("metadata").path("name").asText(), cron.path("metadata").path("namespace").asText());
        assertEquals("Forbid", cron.path("spec").path("concurrencyPolicy").asText());
        JsonNode c = cronContainer();
        String script = String.join(" ", strings(c.path("command"))) + " " + String.join(" ", strings(c.path("args")));
        assertTrue(script.contains("-X POST") && script.contains("/api/v1/attestation-runs?period=$period"), script);
        assertTrue(script.contains("m=$((m - 1))") && script.contains("m=12"), "previous month, January wraps to December");
        JsonNode ref = env(c, "MTA_BASELINE_API_TOKEN").path("valueFrom").path("secretKeyRef");
        assertEquals(env(container(), "MTA_BASELINE_API_TOKEN").path("valueFrom").path("secretKeyRef"), ref,
                "the same Secret the service accepts");
        // the token reaches curl as a config on stdin, not as an argument (visible in ps) or in the log
        assertTrue(script.contains("| curl -K -"), "token via curl config on stdin");
        assertFalse(script.contains("-H \"Authorization"), "token not on curl's command line");
        assertTrue(c.path("image").asText().startsWith("curlimages/curl:"));
    }

    @Test
    void cronJobRunsAsNonRootOnAReadOnlyRootFilesystemWithLimits() {
        JsonNode pod = only("CronJob").path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        JsonNode c = cronContainer();
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0);
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true));
        assertSecureContainer(c);
    }

    // ---- admission webhook ---------------------------------------------------------

    @Test
    void webhookSendsLabelledConfigMapsOverTlsToTheValidateEndpoint() {
        JsonNode hooks = only("ValidatingWebhookConfiguration").path("webhooks");
        assertEquals(1, hooks.size());
        JsonNode hook = hooks.get(0);
        assertEquals("Fail", hook.path("failurePolicy").asText());
        assertEquals("None", hook.path("sideEffects").asText());
        assertEquals(List.of("v1"), strings(hook.path("admissionReviewVersions")));
        JsonNode svc = hook.path("clientConfig").path("service");
        assertEquals("/api/v1/admission/validate", svc.path("path").asText());
        assertEquals(only("Service").path("metadata").path("name").asText(), svc.path("name").asText());
        assertEquals(only("Namespace").path("metadata").path("name").asText(), svc.path("namespace").asText());
        // the port the webhook calls is the Service's HTTPS port, backed by the container's TLS port
        JsonNode port = null;
        for (JsonNode p : only("Service").path("spec").path("ports")) {
            if (p.path("port").asInt() == svc.path("port").asInt()) {
                port = p;
            }
        }
        assertNotNull(port, "Service port " + svc.path("port"));
        assertEquals("https", port.path("targetPort").asText());
        assertEquals("8443", env(container(), "QUARKUS_HTTP_SSL_PORT").path("value").asText());
        assertTrue(mount(container(), "/etc/mta-baseline/tls").path("readOnly").asBoolean());
        assertTrue(env(container(), "QUARKUS_HTTP_SSL_CERTIFICATE_FILES").path("value").asText().startsWith("/etc/mta-baseline/tls/"));
        JsonNode rule = hook.path("rules").get(0);
        assertEquals(List.of("configmaps"), strings(rule.path("resources")));
        assertFalse(strings(rule.path("operations")).contains("DELETE"));
        JsonNode selector = hook.path("objectSelector").path("matchExpressions").get(0);
        assertEquals("mta-baseline.io/mta", selector.path("key").asText());
        assertEquals("Exists", selector.path("operator").asText());
    }

    // ---- OPA sidecar overlay -----------------------------------------------------

    @Test
    void opaOverlayAddsALoopbackOpaLoadingTheServedBundleAndSwitchesTheEngine() throws IOException {
        Path overlay = Path.of("k8s", "overlays", "opa-sidecar");
        JsonNode kustomization = new YAMLMapper().readTree(overlay.resolve("kustomization.yaml").toFile());
        assertEquals("Kustomization", kustomization.path("kind").asText());
        for (JsonNode r : kustomization.path("resources")) {
            assertTrue(Files.isRegularFile(overlay.resolve(r.asText())), "resource " + r.asText() + " exists");
        }
        JsonNode patch = null;
        for (JsonNode p : kustomization.path("patches")) {
            patch = new YAMLMapper().readTree(overlay.resolve(p.path("path").asText()).toFile());
        }
        assertNotNull(patch, "a patch");
        assertEquals("Deployment", patch.path("kind").asText());
        assertEquals(only("Deployment").path("metadata").path("name").asText(), patch.path("metadata").path("name").asText());
        JsonNode service = null;
        JsonNode opa = null;
        for (JsonNode c : patch.path("spec").path("template").path("spec").path("containers")) {
            if (c.path("name").asText().equals("opa")) {
                opa = c;
            } else if (c.path("name").asText().equals(container().path("name").asText())) {
                service = c;
            }
        }
        assertNotNull(service, "the service container is patched");
        assertNotNull(opa, "an opa container");
        assertEquals("opa", env(service, "MTA_BASELINE_POLICY_ENGINE").path("value").asText());
        assertEquals("http://127.0.0.1:8181", env(service, "MTA_BASELINE_POLICY_OPA_URL").path("value").asText());
        assertTrue(opa.path("image").asText().startsWith("openpolicyagent/opa:1."), opa.path("image").asText());
        List<String> args = strings(opa.path("args"));
        assertEquals(List.of("run", "--server", "--addr=127.0.0.1:8181"), args.subList(0, 3));
        assertSecureContainer(opa);

        JsonNode config = new YAMLMapper().readTree(overlay.resolve("opa-config.yaml").toFile());
        String configFile = args.stream().filter(a -> a.startsWith("--config-file=")).findFirst().orElseThrow();
        assertTrue(configFile.endsWith("/opa-config.yaml"));
        JsonNode bundle = config.path("bundles").path("mta-baseline");
        JsonNode bundleService = config.path("services").path(bundle.path("service").asText());
        assertEquals("http://127.0.0.1:8080/api/v1/bundles/mta-baseline.tar.gz",
                bundleService.path("url").asText() + "/" + bundle.path("resource").asText());
        String tokenPath = bundleService.path("credentials").path("bearer").path("token_path").asText();
        String tokenDir = tokenPath.substring(0, tokenPath.lastIndexOf('/'));
        boolean mounted = false;
        for (JsonNode m : opa.path("volumeMounts")) {
            mounted |= m.path("mountPath").asText().equals(tokenDir) && m.path("readOnly").asBoolean();
        }
        assertTrue(mounted, "the API token is mounted read-only at " + tokenDir);
    }

    private static void assertSecureContainer(JsonNode c) {
        JsonNode sc = c.path("securityContext");
        assertTrue(sc.path("runAsNonRoot").asBoolean(), c.path("name") + " runAsNonRoot");
        assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), c.path("name") + " readOnlyRootFilesystem");
        assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), c.path("name") + " allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), strings(sc.path("capabilities").path("drop")));
        for (String kind : List.of("requests", "limits")) {
            assertFalse(c.path("resources").path(kind).path("cpu").asText().isEmpty(), kind + ".cpu");
            assertFalse(c.path("resources").path(kind).path("memory").asText().isEmpty(), kind + ".memory");
        }
    }

    private static JsonNode cronContainer() {
        JsonNode containers = only("CronJob").path("spec").path("jobTemplate").path("spec").path("template")
                .path("spec").path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode mount(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("nothing mounted at " + path);
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
