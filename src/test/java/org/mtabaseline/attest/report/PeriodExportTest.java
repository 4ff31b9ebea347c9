package org.mtabaseline.attest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exports of one period. The OSCAL document is validated against NIST's published OSCAL 1.1.2
 * assessment-results JSON schema, taken from Maven Central: it ships inside NIST's
 * gov.nist.secauto.oscal:liboscal-java:3.0.3 jar as {@code schema/json/oscal-ar_schema.json}
 * (a test dependency with no transitive dependencies).
 */
class PeriodExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema oscalSchema;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = PeriodExportTest.class.getResourceAsStream("/schema/json/oscal-ar_schema.json")) {
            assertNotNull(in, "OSCAL schema missing from the test classpath (liboscal-java test dependency)");
            JsonNode schema = JSON.readTree(in);
            assertTrue(schema.get("$id").asText().contains("oscal-ar-1.1.2"), schema.get("$id").asText());
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            oscalSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema, config);
        }
    }

    static PeriodReport report() throws Exception {
        JsonNode ev = JSON.readTree("[{\"setting\":\"mynetworks\",\"value\":\"0.0.0.0/0\",\"file\":\"main.cf\",\"line\":3}]");
        PeriodReport.ControlEntry relayFail = new PeriodReport.ControlEntry("MTA-RELAY-001", "No open relay", "critical", "fail",
                "unauthenticated clients from anywhere may relay", "postfix: mynetworks = 127.0.0.0/8 [::1]/128\n"
                + "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination", ev);
        PeriodReport.ControlEntry relayPass = new PeriodReport.ControlEntry("MTA-RELAY-001", "No open relay", "critical", "pass",
                "relay restricted", null, ev);
        PeriodReport.ControlEntry bannerNa = new PeriodReport.ControlEntry("MTA-BANNER-001", "Banner hides version", "low",
                "not_applicable", "no probe", null, null);
        PeriodReport.ControlEntry tlsPass = new PeriodReport.ControlEntry("MTA-TLS-001", "STARTTLS offered", "high", "pass",
                "smtpd_tls_security_level = may", null, null);
        Instant t = Instant.parse("2026-11-20T09:30:00Z");
        List<PeriodReport.AssetEntry> now = List.of(
                new PeriodReport.AssetEntry("mx-01", "mx01.example.org", "fail", "e1", t, "a1", "ab".repeat(32),
                        List.of(relayFail, bannerNa, tlsPass)),
                new PeriodReport.AssetEntry("mx-02", "mx02.example.org", "pass", "e2", t, "a2", "cd".repeat(32),
                        List.of(relayPass, tlsPass)),
                new PeriodReport.AssetEntry("mx-03", null, "no_evidence", null, null, "a3", "ef".repeat(32), List.of()));
        List<PeriodReport.AssetEntry> before = List.of(
                new PeriodReport.AssetEntry("mx-01", "mx01.example.org", "pass", "e0", t.minusSeconds(2_600_000), "a0", null,
                        List.of(relayPass, tlsPass)),
                new PeriodReport.AssetEntry("mx-02", "mx02.example.org", "pass", "e9", t.minusSeconds(2_600_000), "a9", null,
                        List.of(relayPass, tlsPass)));
        return new PeriodReport("2026-11", Instant.parse("2026-12-01T02:00:05Z"), "sha256:" + "12".repeat(32), now, "2026-10", before);
    }

    @Test
    void oscalExportIsValidAgainstNistAssessmentResultsSchema() throws Exception {
        ObjectNode doc = OscalAssessmentResults.render(report(), "/api/v1/attestations/");
        Set<ValidationMessage> errors = oscalSchema.validate(doc);
        assertTrue(errors.isEmpty(), () -> errors + "\n" + doc.toPrettyString());
        JsonNode result = doc.at("/assessment-results/results/0");
        assertEquals(3, result.at("/local-definitions/inventory-items").size());
        // findings only for pass/fail results: mx-01 relay (fail) + tls, mx-02 relay + tls
        assertEquals(4, result.get("findings").size());
        assertEquals("not-satisfied", result.at("/findings/0/target/status/state").asText());
        assertEquals("MTA-RELAY-001", result.at("/findings/0/target/target-id").asText());
        assertEquals("/api/v1/attestations/a1", result.at("/observations/0/relevant-evidence/0/href").asText());
        assertEquals(doc.at("/assessment-results/uuid"),
                OscalAssessmentResults.render(report(), "/api/v1/attestations/").at("/assessment-results/uuid"),
                "re-export keeps identifiers");
    }

    @Test
    void schemaCheckRejectsAnInvalidOscalDocument() throws Exception {
        ObjectNode doc = OscalAssessmentResults.render(report(), "/api/v1/attestations/");
        ((ObjectNode) doc.at("/assessment-results/results/0/findings/0/target/status")).put("state", "passed");
        ((ObjectNode) doc.at("/assessment-results/results/0/observations/0")).put("uuid", java.util.UUID.nameUUIDFromBytes(new byte[1]).toString());
        Set<ValidationMessage> errors = oscalSchema.validate(doc);
        // a deep enum violation and a version-3 UUID (OSCAL allows versions 4 and 5 only) are both caught
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("/findings/0/target/status/state")), errors::toString);
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("/observations/0/uuid")), errors::toString);
    }

    @Test
    void csvHasOneRowPerAssetControlAndQuotesSpecialCells() throws Exception {
        String csv = CsvReport.render(report());
        String[] lines = csv.split("\r\n");
        assertEquals(1 + 3 + 2 + 1, lines.length);
        assertEquals(String.join(",", CsvReport.HEADER), lines[0]);
        assertTrue(lines[1].startsWith("2026-11,mx-01,mx01.example.org,fail,MTA-RELAY-001,No open relay,critical,fail,"));
        assertTrue(lines[6].startsWith("2026-11,mx-03,,no_evidence,,"), lines[6]);
        assertEquals("\"a,b\"", CsvReport.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReport.quote("say \"hi\""));
        assertEquals("'=cmd()", CsvReport.quote("=cmd()"));
    }

    @Test
    void htmlReportShowsSummaryFailuresRemediationNoEvidenceAndChange() throws Exception {
        String html = HtmlReport.render(report());
        assertTrue(html.contains("<h2 id=\"summary\">"));
        assertTrue(html.contains("<td class=\"fail\">fail</td><td>1</td><td>0</td><td>+1</td>"), html);
        assertTrue(html.contains("<h3>mx-01 (mx01.example.org)</h3>"));
        assertTrue(html.contains("reject_unauth_destination"), "remediation text shown");
        assertFalse(html.contains("<h3>mx-02"), "an asset without failures is not listed under failures");
        assertTrue(html.contains("<li>mx-03</li>"), "no-evidence asset listed");
        assertTrue(html.contains("<tr><td>mx-01</td><td>pass</td><td class=\"fail\">fail</td><td>MTA-RELAY-001</td><td></td></tr>"), html);
        assertTrue(html.contains("<tr><td>mx-03</td><td>new asset</td>"));
        assertEquals("&lt;script&gt;&amp;&quot;", HtmlReport.esc("<script>&\""));
    }
}
