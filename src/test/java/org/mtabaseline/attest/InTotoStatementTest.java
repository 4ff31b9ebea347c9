package org.mtabaseline.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InTotoStatementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AttestationFacts facts(String previous) throws Exception {
        JsonNode results = JSON.readTree("""
                [{"control":"MTA-RELAY-001","status":"pass","reason":"relay restricted",
                  "evidence":[{"setting":"smtpd_relay_restrictions","value":"permit_mynetworks, reject_unauth_destination","file":"main.cf","line":12}]}]""");
        return new AttestationFacts("mx-01", "0b7c3f0e-0000-4000-8000-000000000001", Instant.parse("2026-11-03T10:00:00Z"),
                "pass", "2026-11", "sha256:abcd", "embedded-rego", "0.1.0", results,
                List.of(new AttestationFacts.Material("config", "main.cf", "11".repeat(32)),
                        new AttestationFacts.Material("probe", "R01-transcript", "22".repeat(32))),
                previous, Instant.parse("2026-12-01T02:00:00Z"));
    }

    @Test
    void statementHasInTotoV1ShapeWithAssetConfigAndProbeSubjects() throws Exception {
        JsonNode s = JSON.readTree(InTotoStatement.bytes(facts(null)));
        assertEquals("https://in-toto.io/Statement/v1", s.get("_type").asText());
        assertEquals(InTotoStatement.PREDICATE_TYPE, s.get("predicateType").asText());
        assertEquals(3, s.get("subject").size());
        assertEquals("asset:mx-01", s.at("/subject/0/name").asText());
        assertEquals(InTotoStatement.sha256Hex("mx-01".getBytes(StandardCharsets.UTF_8)), s.at("/subject/0/digest/sha256").asText());
        assertEquals("config:main.cf", s.at("/subject/1/name").asText());
        assertEquals("probe:R01-transcript", s.at("/subject/2/name").asText());
        JsonNode p = s.get("predicate");
        assertEquals("pass", p.get("status").asText());
        assertEquals("2026-11", p.get("period").asText());
        assertEquals("sha256:abcd", p.at("/policy/bundleDigest").asText());
        assertEquals("embedded-rego", p.at("/engine/name").asText());
        assertEquals("2026-11-03T10:00:00Z", p.at("/evaluation/evaluatedAt").asText());
        assertEquals("main.cf", p.at("/results/0/evidence/0/file").asText());
        assertTrue(p.get("previousAttestation").isNull());
        assertNull(InTotoStatement.previousDigest(s));
    }

    @Test
    void statementNamesThePreviousAttestationDigest() throws Exception {
        JsonNode s = JSON.readTree(InTotoStatement.bytes(facts("ab".repeat(32))));
        assertEquals("ab".repeat(32), InTotoStatement.previousDigest(s));
    }
}
