package org.mtabaseline.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyBundleTest {

    @TempDir
    Path dir;

    private void write(String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void samplePack() throws IOException {
        write("relay/relay_001.rego", "package mta.controls.relay_001\nresult := {\"status\": \"pass\"}\n");
        write("relay/relay_001_test.rego", "package mta.controls.relay_001_test\ntest_x if true\n");
        write("lib/lib.rego", "package mta.lib\nx := 1\n");
        write("input.schema.json", "{}");
    }

    @Test
    void digestIsSha256sumOfSortedModulesAsTheShellComputesIt() throws Exception {
        samplePack();
        PolicyBundle bundle = PolicyBundle.load(dir);
        Process p = new ProcessBuilder("bash", "-c",
                "find . -name '*.rego' ! -name '*_test.rego' -printf '%P\\n' | LC_ALL=C sort | xargs sha256sum | sha256sum")
                .directory(dir.toFile()).start();
        String shell = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0];
        assertEquals(0, p.waitFor());
        assertEquals("sha256:" + shell, bundle.digest());
    }

    @Test
    void testsAndSchemasAreNotPartOfTheBundle() throws IOException {
        samplePack();
        PolicyBundle bundle = PolicyBundle.load(dir);
        assertEquals(java.util.List.of("lib/lib.rego", "relay/relay_001.rego"),
                bundle.files().stream().map(PolicyBundle.PolicyFile::path).toList());
    }

    @Test
    void anyChangeToAModuleChangesTheDigest() throws IOException {
        samplePack();
        String before = PolicyBundle.load(dir).digest();
        write("lib/lib.rego", "package mta.lib\nx := 2\n");
        assertNotEquals(before, PolicyBundle.load(dir).digest());
    }

    @Test
    void tarGzIsAnOpaBundleWithManifestRevisionEqualToTheDigest() throws IOException {
        samplePack();
        PolicyBundle bundle = PolicyBundle.load(dir);
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(new ByteArrayInputStream(bundle.tarGz())))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(java.util.List.of(".manifest", "lib/lib.rego", "relay/relay_001.rego"),
                java.util.List.copyOf(entries.keySet()));
        assertTrue(entries.get(".manifest").contains("\"revision\":\"" + bundle.digest() + "\""));
        assertTrue(entries.get(".manifest").contains("\"roots\":[\"mta\"]"));
        assertEquals(Files.readString(dir.resolve("lib/lib.rego")), entries.get("lib/lib.rego"));
        assertTrue(java.util.Arrays.equals(bundle.tarGz(), PolicyBundle.load(dir).tarGz()), "reproducible bytes");
    }

    @Test
    void symlinkedDirectoryAndConfigMapLayoutLoadEachFileOnce() throws IOException {
        // kubelet's ConfigMap volume: files are links into ..data -> ..<timestamp>/
        Path real = dir.resolve("..2026_11_28_21_00_00.123");
        Files.createDirectories(real);
        Files.writeString(real.resolve("relay_001.rego"), "package mta.controls.relay_001\n");
        Files.writeString(real.resolve("relay_001_test.rego"), "package mta.tests.relay_001\n");
        Files.createSymbolicLink(dir.resolve("..data"), real.getFileName());
        Files.createSymbolicLink(dir.resolve("relay_001.rego"), Path.of("..data/relay_001.rego"));
        Path link = Files.createTempDirectory("policies-link").resolve("policies");
        Files.createSymbolicLink(link, dir);
        PolicyBundle bundle = PolicyBundle.load(link);
        assertEquals(java.util.List.of("relay_001.rego"),
                bundle.files().stream().map(PolicyBundle.PolicyFile::path).toList());
    }

    @Test
    void missingDirectoryNamesTheSetting() {
        PolicyEngineException e = assertThrows(PolicyEngineException.class,
                () -> PolicyBundle.load(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("mta-baseline.policy.dir"));
        assertFalse(e.unavailable());
    }
}
