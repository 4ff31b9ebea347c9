package org.mtabaseline.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks shared/corpus/INDEX.tsv: every real configuration is collected without an exception, diagnostics carry
 * file and line, and the facts validate against policies/input.schema.json. (The relay labels are checked by
 * {@link CorpusRelayLabelTest} through the real policy.)
 */
class CorpusTest {
    private static List<Corpus.Entry> entries;

    @BeforeAll
    static void load() {
        entries = Corpus.entries();
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
    void corpusIsLocatedWithoutAMachinePath() {
        Path root = Corpus.root();
        assertTrue(Files.isRegularFile(root.resolve("INDEX.tsv")));
        assertFalse(Files.exists(Path.of("src/test/resources/corpus")), "the corpus must not be copied into the repository");
    }
}
