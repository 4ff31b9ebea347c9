package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mtabaseline.attest.EvaluationAttester;
import org.mtabaseline.store.Asset;
import org.mtabaseline.store.Evaluation;

@QuarkusTest
class AttestationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EvaluationAttester attester;
    @Inject
    EntityManager em;

    /** Stores an asset (if new) and an evaluation at the given time, attested as the service does. */
    UUID evaluate(String assetId, String verdict, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Asset asset = Asset.findById(assetId);
            if (asset == null) {
                asset = new Asset();
                asset.id = assetId;
                asset.hostname = assetId + ".example.org";
                asset.createdAt = at;
                asset.updatedAt = at;
                asset.persist();
            }
            Evaluation e = new Evaluation();
            e.id = UUID.randomUUID();
            e.asset = asset;
            e.verdict = verdict;
            e.evaluatedAt = at;
            e.policyDigest = "sha256:" + "ab".repeat(32);
            e.engine = "embedded/0.1.0";
            e.mtaKind = "postfix";
            e.results = JSON.readTree("""
                    [{"control":"MTA-RELAY-001","title":"No open relay","severity":"critical","status":"%s",
                      "reason":"%s","evidence":[{"setting":"smtpd_relay_restrictions","value":"permit","file":"main.cf","line":7}],
                      "remediation":{"postfix":"smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination"}},
                     {"control":"MTA-INFO-001","title":"Banner hides version","severity":"low","status":"not_applicable",
                      "reason":"no probe","evidence":[],"remediation":null}]"""
                    .formatted(verdict, verdict.equals("pass") ? "relay restricted" : "anyone may relay"));
            e.sources = JSON.readTree("[{\"name\":\"main.cf\",\"sha256\":\"" + "cd".repeat(32) + "\",\"size\":120}]");
            e.persist();
            ObjectNode input = JSON.createObjectNode();
            input.set("probe", JSON.readTree("{\"target\":\"127.0.0.1:25\",\"relay\":\"closed\"}"));
            attester.attest(e, input);
            return e.id;
        });
    }

    static String asset() {
        return "att-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Instant in(YearMonth month, int day) {
        return month.atDay(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void evaluationAttestationIsAnInTotoStatementInASignedEnvelope() throws Exception {
        String asset = asset();
        UUID evaluation = evaluate(asset, "fail", Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        String body = given().when().get("/api/v1/evaluations/{id}/attestation", evaluation)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("payloadType", equalTo("application/vnd.in-toto+json"))
                .body("signatures", hasSize(1))
                .extract().asString();
        JsonNode env = JSON.readTree(body);
        JsonNode statement = JSON.readTree(Base64.getDecoder().decode(env.get("payload").asText()));
        assertEquals("https://in-toto.io/Statement/v1", statement.get("_type").asText());
        assertEquals("asset:" + asset, statement.at("/subject/0/name").asText());
        assertEquals("config:main.cf", statement.at("/subject/1/name").asText());
        assertEquals("probe:transcript", statement.at("/subject/2/name").asText());
        assertEquals("fail", statement.at("/predicate/status").asText());
        assertEquals("embedded", statement.at("/predicate/engine/name").asText());
        assertEquals("0.1.0", statement.at("/predicate/engine/version").asText());
        assertEquals(evaluation.toString(), statement.at("/predicate/evaluation/id").asText());
        assertEquals("main.cf", statement.at("/predicate/results/0/evidence/0/file").asText());

        String keyId = given().get("/api/v1/keys").then().statusCode(200)
                .body("keys[0].jwk.kty", equalTo("OKP"))
                .body("keys[0].pem", startsWith("-----BEGIN PUBLIC KEY-----"))
                .extract().path("active_key_id");
        assertEquals(keyId, env.at("/signatures/0/keyid").asText(), "envelope names the signing key");
        given().accept("application/x-pem-file").get("/api/v1/keys").then().statusCode(200)
                .body(containsString("-----BEGIN PUBLIC KEY-----"));

        given().contentType(ContentType.JSON).body(body).post("/api/v1/attestations/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("key_id", equalTo(keyId))
                .body("statement.asset", equalTo(asset));

        ObjectNode tampered = (ObjectNode) env.deepCopy();
        tampered.put("payload", Base64.getEncoder().encodeToString(
                statement.toString().replace("\"fail\"", "\"pass\"").getBytes(StandardCharsets.UTF_8)));
        given().contentType(ContentType.JSON).body(tampered.toString()).post("/api/v1/attestations/verify").then()
                .statusCode(200).body("valid", equalTo(false)).body("reason", containsString("does not match the payload"));

        given().contentType(ContentType.JSON).body("{\"payload\": 1").post("/api/v1/attestations/verify").then()
                .statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/evaluations/{id}/attestation", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void everyEvaluationStoredThroughTheApiHasItsAttestation() throws Exception {
        String asset = asset();
        String request = java.nio.file.Files.readString(java.nio.file.Path.of("examples/postfix-open-relay.json"))
                .replace("mx-legacy-01.example.org", asset);
        JsonNode evaluation = JSON.readTree(given().contentType(ContentType.JSON).body(request).post("/api/v1/evaluations")
                .then().statusCode(201).extract().asString());
        String body = given().get("/api/v1/evaluations/{id}/attestation", evaluation.get("id").asText())
                .then().statusCode(200).extract().asString();
        JsonNode statement = JSON.readTree(Base64.getDecoder().decode(JSON.readTree(body).get("payload").asText()));
        assertEquals(evaluation.get("verdict").asText(), statement.at("/predicate/status").asText());
        assertEquals("config:/etc/postfix/main.cf", statement.at("/subject/1/name").asText());
        assertEquals(InTotoSha.of(JSON.readTree(request).at("/files/0/content").asText()),
                statement.at("/subject/1/digest/sha256").asText(), "subject digest = sha256 of the evaluated file");
        assertTrue(statement.at("/predicate/results").size() > 0);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/attestations/verify").then()
                .body("valid", equalTo(true));
        given().get("/api/v1/assets/{id}/attestations", asset).then().statusCode(200).body("", hasSize(1))
                .body("[0].kind", equalTo("evaluation"));
    }

    /** sha256 of a text's UTF-8 bytes, computed here independently of the code under test. */
    static final class InTotoSha {
        static String of(String text) throws Exception {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void chainCheckNamesTheFirstBreakAfterARowIsEditedInTheDatabase() throws Exception {
        String asset = asset();
        Instant t = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        evaluate(asset, "pass", t);
        evaluate(asset, "pass", t.plusSeconds(60));
        evaluate(asset, "pass", t.plusSeconds(120));
        given().get("/api/v1/assets/{id}/attestations/verify", asset).then().statusCode(200)
                .body("valid", equalTo(true)).body("length", equalTo(3)).body("first_break", nullValue());

        // An insider rewrites the second attestation's verdict in place (payload re-encoded, signature kept).
        QuarkusTransaction.requiringNew().run(() -> {
            Object[] row = (Object[]) em.createNativeQuery("SELECT id, envelope FROM attestation WHERE asset_id = :a AND seq = 2")
                    .setParameter("a", asset).getSingleResult();
            try {
                ObjectNode env = (ObjectNode) JSON.readTree((String) row[1]);
                String payload = new String(Base64.getDecoder().decode(env.get("payload").asText()), StandardCharsets.UTF_8);
                env.put("payload", Base64.getEncoder().encodeToString(payload.replace("\"status\":\"pass\"", "\"status\":\"fail\"")
                        .getBytes(StandardCharsets.UTF_8)));
                em.createNativeQuery("UPDATE attestation SET envelope = :e, status = 'fail' WHERE id = :id")
                        .setParameter("e", env.toString()).setParameter("id", row[0]).executeUpdate();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String secondId = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT CAST(id AS VARCHAR(36)) FROM attestation WHERE asset_id = :a AND seq = 2").setParameter("a", asset).getSingleResult().toString());
        given().get("/api/v1/assets/{id}/attestations/verify", asset).then().statusCode(200)
                .body("valid", equalTo(false))
                .body("first_break.seq", equalTo(2))
                .body("first_break.attestation_id", equalTo(secondId))
                .body("first_break.reason", containsString("signature does not match"));
    }

    @Test
    void chainCheckNamesTheLinkAfterADeletedRow() {
        String asset = asset();
        Instant t = Instant.now().minusSeconds(7200).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        evaluate(asset, "pass", t);
        evaluate(asset, "fail", t.plusSeconds(60));
        evaluate(asset, "pass", t.plusSeconds(120));
        // Deleting the embarrassing "fail" and renumbering the rest still breaks the digest link.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM attestation WHERE asset_id = :a AND seq = 2").setParameter("a", asset).executeUpdate();
            em.createNativeQuery("UPDATE attestation SET seq = 2 WHERE asset_id = :a AND seq = 3").setParameter("a", asset).executeUpdate();
        });
        given().get("/api/v1/assets/{id}/attestations/verify", asset).then().statusCode(200)
                .body("valid", equalTo(false)).body("first_break.seq", equalTo(2))
                .body("first_break.reason", containsString("does not match the previous link's digest"));
        given().get("/api/v1/assets/{id}/attestations/verify", "no-such-asset").then().statusCode(404);
    }

    @Test
    void runRejectsMalformedAndUnfinishedPeriods() {
        given().post("/api/v1/attestation-runs?period=2026-13").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("period"));
        given().post("/api/v1/attestation-runs").then().statusCode(400).body("field", equalTo("period"));
        given().post("/api/v1/attestation-runs?period=" + YearMonth.now(ZoneOffset.UTC).plusMonths(1)).then()
                .statusCode(422).body("field", equalTo("period"));
        given().get("/api/v1/attestation-runs/{id}", UUID.randomUUID()).then().statusCode(404);
        given().get("/api/v1/reports/1999-01/html").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void monthlyRunAttestsLatestEvaluationMarksMissingEvidenceAndIsIdempotent() throws Exception {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
        YearMonth before = month.minusMonths(1);
        String a = asset(), b = asset(), c = asset();
        evaluate(a, "pass", in(before, 5));
        evaluate(a, "fail", in(month, 3));
        UUID latestA = evaluate(a, "pass", in(month, 20));
        evaluate(a, "fail", in(month.plusMonths(1), 2)); // after the period: ignored
        evaluate(b, "pass", in(before, 9));               // only before the period: no evidence
        evaluate(c, "fail", in(before, 9));
        UUID latestC = evaluate(c, "fail", in(month, 9));

        // previous month first, so the report can show the change
        String first = runAndWait(before);
        String second = runAndWait(month);
        JsonNode run = JSON.readTree(given().get("/api/v1/attestation-runs/{id}", second).then().statusCode(200).extract().asString());
        assertEquals("completed", run.get("state").asText());
        assertEquals(run.at("/progress/total").asInt(), run.at("/progress/done").asInt());
        assertTrue(run.at("/outcome/attested").asInt() >= 2);

        assertEquals("pass", periodStatus(a, month));
        assertEquals("no_evidence", periodStatus(b, month));
        assertEquals("fail", periodStatus(c, month));
        assertEquals(latestA.toString(), periodEvaluation(a, month));
        assertEquals(latestC.toString(), periodEvaluation(c, month));
        long count = countPeriod(month);

        String again = runAndWait(month);
        given().get("/api/v1/attestation-runs/{id}", again).then().statusCode(200)
                .body("outcome.attested", equalTo(0)).body("outcome.no_evidence", equalTo(0))
                .body("outcome.already_attested", equalTo(run.at("/progress/total").asInt()));
        assertEquals(count, countPeriod(month), "a second run creates no duplicates");
        assertTrue(!first.equals(second));

        // the period attestation extends the asset's chain, which still verifies
        given().get("/api/v1/assets/{id}/attestations/verify", a).then().body("valid", equalTo(true)).body("length", equalTo(6)); // 4 evaluations + 2 months

        // exports
        String oscal = given().get("/api/v1/reports/{p}/oscal", month.toString()).then().statusCode(200).extract().asString();
        Set<ValidationMessage> errors = oscalSchema().validate(JSON.readTree(oscal));
        assertTrue(errors.isEmpty(), errors::toString);
        given().get("/api/v1/reports/{p}/csv", month.toString()).then().statusCode(200)
                .contentType(containsString("text/csv"))
                .body(containsString(month + "," + a + "," + a + ".example.org,pass,MTA-RELAY-001,No open relay,critical,pass"))
                .body(containsString(month + "," + b + "," + b + ".example.org,no_evidence,"));
        given().get("/api/v1/reports/{p}/html", month.toString()).then().statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<h3>" + c + " (" + c + ".example.org)</h3>"))
                .body(containsString("postfix: smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination"))
                .body(containsString("<li>" + b + " (" + b + ".example.org)</li>"))
                .body(containsString("<tr><td>" + b + "</td><td>pass</td><td class=\"no_evidence\">no_evidence</td>"));
    }

    private String runAndWait(YearMonth period) throws InterruptedException {
        String id = given().post("/api/v1/attestation-runs?period=" + period).then().statusCode(202)
                .header("Location", containsString("/api/v1/attestation-runs/")).extract().path("id");
        for (int i = 0; i < 300; i++) {
            String state = given().get("/api/v1/attestation-runs/{id}", id).then().statusCode(200).extract().path("state");
            if (!"running".equals(state)) {
                assertEquals("completed", state);
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    private String periodStatus(String asset, YearMonth period) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT status FROM attestation WHERE asset_id = :a AND period = :p").setParameter("a", asset)
                .setParameter("p", period.toString()).getSingleResult());
    }

    private String periodEvaluation(String asset, YearMonth period) {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "SELECT evaluation_id FROM attestation WHERE asset_id = :a AND period = :p").setParameter("a", asset)
                .setParameter("p", period.toString()).getSingleResult()));
    }

    private long countPeriod(YearMonth period) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM attestation WHERE period = :p").setParameter("p", period.toString()).getSingleResult()).longValue());
    }

    static com.networknt.schema.JsonSchema oscalSchema() throws Exception {
        // NIST's OSCAL 1.1.2 assessment-results schema from gov.nist.secauto.oscal:liboscal-java (Maven Central)
        try (InputStream in = AttestationApiTest.class.getResourceAsStream("/schema/json/oscal-ar_schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(JSON.readTree(in),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }
}
