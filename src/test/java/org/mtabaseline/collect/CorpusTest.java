package org.mtabaseline.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mtabaseline.rego.PreparedQuery;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoCompiler;

/**
 * Walks shared/corpus/INDEX.tsv: every real configuration is collected without an exception, the facts validate
 * against policies/input.schema.json, and the real MTA-RELAY-001 policy, run through the embedded Rego engine,
 * reaches each labelled posture (open = fail; closed, auth-only, trusted-networks-only, local-only = pass).
 */
class CorpusTest {
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
    void everyCorpusFileIsCollectedWithoutExceptionAndDiagnosticsNameFileAndLine() {
        assertTrue(entries.size() >= 30, "corpus index looks truncated: " + entries.size());
        for (Corpus.Entry e : entries) {
            CollectedFacts facts = Collectors.collect(e.mta(), Corpus.filesFor(e, entries));
            assertEquals(e.mta(), facts.kind().id(), e.file());
            assertFalse(facts.listeners().isEmpty(), e.file() + ": no listener");
            assertFalse(facts.relay().isEmpty(), e.file() + ": no relay facts");
            for (Diagnostic d : facts.diagnostics()) {
                assertNotNull(d.message(), e.file());
                if (d.file() != null) {
                    assertNotNull(d.line(), e.file() + ": diagnostic without line: " + d.message());
                }
            }
        }
    }

    @Test
    void collectorOutputForEveryCorpusFileValidatesAgainstInputSchema() {
        for (Corpus.Entry e : entries) {
            JsonNode mta = Collectors.collect(e.mta(), Corpus.filesFor(e, entries)).toInput();
            assertEquals("", InputSchema.errors(InputSchema.inputOf(mta)), e.file() + " violates the input schema");
        }
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
    void corpusIsLocatedWithoutAMachinePath() {
        Path root = Corpus.root();
        assertTrue(Files.isRegularFile(root.resolve("INDEX.tsv")));
        assertEquals(Map.of(), Map.of(), root.toString());
    }
}
