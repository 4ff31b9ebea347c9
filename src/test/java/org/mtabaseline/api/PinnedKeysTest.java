package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mtabaseline.attest.Envelopes;
import org.mtabaseline.attest.InTotoStatement;
import org.mtabaseline.attest.sign.SigningKey;
import org.mtabaseline.store.AttestationKey;

/**
 * With mta-baseline.attest.key.trust-stored=false, a key someone wrote into the database (as an attacker with
 * write access to it would) does not make their envelopes valid; the service's own key still does.
 */
@QuarkusTest
@TestProfile(PinnedKeysTest.Pinned.class)
class PinnedKeysTest {

    public static class Pinned implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mta-baseline.attest.key.trust-stored", "false");
        }
    }

    static final String STATEMENT = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],"
            + "\"predicateType\":\"https://mta-baseline.dev/attestation/v1\",\"predicate\":{\"status\":\"pass\"}}";

    @Test
    void aKeyAddedToTheStoreDoesNotVerifyWhilePinned() {
        SigningKey forger = SigningKey.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            AttestationKey row = new AttestationKey();
            row.keyId = forger.keyId();
            row.publicPem = forger.verificationKey().pem();
            row.firstUsedAt = Instant.now();
            row.persist();
        });
        String forged = Envelopes.toJson(forger.sign(InTotoStatement.PAYLOAD_TYPE, STATEMENT));
        given().contentType(ContentType.JSON).body(forged).post("/api/v1/attestations/verify")
                .then().statusCode(200)
                .body("valid", equalTo(false))
                .body("reason", containsString("unknown key id"));
        given().get("/api/v1/keys").then().statusCode(200)
                .body("keys.key_id", not(hasItem(forger.keyId())));
        QuarkusTransaction.requiringNew().run(() -> AttestationKey.deleteById(forger.keyId()));
    }

    @Test
    void theServicesOwnAttestationsStillVerify() throws java.io.IOException {
        String id = given().contentType(ContentType.JSON)
                .body(EvaluationRequests.example("postfix-hardened.json", EvaluationRequests.newAsset()))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        String envelope = given().get("/api/v1/evaluations/" + id + "/attestation").then().statusCode(200)
                .extract().asString();
        String activeKeyId = given().get("/api/v1/keys").then().statusCode(200).extract().path("active_key_id");
        given().contentType(ContentType.JSON).body(envelope).post("/api/v1/attestations/verify")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("key_id", equalTo(activeKeyId));
    }
}
