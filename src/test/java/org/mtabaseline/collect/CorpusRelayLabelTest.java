package org.mtabaseline.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.PreparedQuery;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompiler;

/**
 * The real MTA-RELAY-001 policy (policies/, package mta.controls.relay_001), run through the embedded Rego engine
 * on the collected facts of every labelled corpus file, reaches the label: open = fail; closed, auth-only,
 * trusted-networks-only, local-only = pass. Master.cf files are evaluated with the main.cf of their repository.
 */
class CorpusRelayLabelTest {
    private static final Set<String> JUDGED = Set.of("open", "closed", "auth-only", "trusted-networks-only", "local-only");
    private static List<Corpus.Entry> entries;
    private static PreparedQuery relay001;

    @BeforeAll
    static void load() throws IOException {
        entries = Corpus.entries();
        RegoCompiler compiler = Rego.compiler();
        try (Stream<Path> s = Files.walk(Path.of("policies"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".rego") && !x.toString().endsWith("_test.rego")).sorted().toList()) {
                compiler.module(p.toString(), Files.readString(p));
            }
        }
        relay001 = compiler.compile().prepare("data.mta.controls.relay_001.result");
    }

    @Test
    void relayPolicyReachesTheLabelledPostureForEveryLabelledCorpusFile() {
        List<String> disagreements = new ArrayList<>();
        int judged = 0;
        for (Corpus.Entry e : entries) {
            if (!JUDGED.contains(e.label())) {
                continue;
            }
            judged++;
            JsonNode mta = Collectors.collect(e.mta(), Corpus.filesFor(e, entries)).toInput();
            JsonNode result = relay001.eval(InputSchema.inputOf(mta)).value();
            String status = result == null ? "undefined" : result.path("status").asText();
            String expected = e.label().equals("open") ? "fail" : "pass";
            if (!expected.equals(status)) {
                disagreements.add(e.file() + " [" + e.label() + "] expected " + expected + " got " + status + ": "
                        + (result == null ? "" : result.path("reason").asText()));
            }
        }
        assertTrue(judged >= 30, "too few labelled files: " + judged);
        assertEquals(List.of(), disagreements, "MTA-RELAY-001 disagrees with the corpus labels");
    }

    @Test
    void exampleFactDocumentsReachThePostureTheirNameSays() throws IOException {
        List<String> disagreements = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/facts"))) {
            for (Path p : s.filter(x -> x.toString().endsWith(".json")).sorted().toList()) {
                String name = p.getFileName().toString();
                String expected = name.endsWith("-open.json") ? "fail"
                        : name.matches(".*-(closed|auth-only|trusted-networks-only|local-only)\\.json") ? "pass" : null;
                if (expected == null) {
                    continue;
                }
                JsonNode result = relay001.eval(InputSchema.JSON.readTree(Files.readString(p))).value();
                String status = result == null ? "undefined" : result.path("status").asText();
                if (!expected.equals(status)) {
                    disagreements.add(name + " expected " + expected + " got " + status);
                }
            }
        }
        assertEquals(List.of(), disagreements);
    }

}
