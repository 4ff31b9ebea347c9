package org.mtabaseline.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example fact documents the policy room writes against stay valid input documents. */
class ExampleFactsTest {
    private static final Path DIR = Path.of("src/test/resources/facts");

    @Test
    void everyExampleFactDocumentValidatesAgainstInputSchema() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no example facts in " + DIR);
        for (Path p : files) {
            JsonNode doc = InputSchema.JSON.readTree(Files.readString(p));
            assertEquals("", InputSchema.errors(doc), p + " violates policies/input.schema.json");
        }
    }

    @Test
    void schemaRejectsAnUnknownRelayAction() throws IOException {
        JsonNode doc = InputSchema.JSON.readTree(Files.readString(DIR.resolve("postfix-open.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.at("/mta/relay/smtp/rules/0")).put("action", "allow");
        assertTrue(InputSchema.errors(doc).contains("action"), "schema must reject action=allow");
    }

    @Test
    void everyMtaKindHasAnExample() throws IOException {
        for (MtaKind k : MtaKind.values()) {
            try (Stream<Path> s = Files.list(DIR)) {
                assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith(k.id() + "-")), "no example for " + k.id());
            }
        }
    }
}
