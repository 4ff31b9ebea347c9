package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.mtabaseline.api.AdmissionReviews.configMapCreate;
import static org.mtabaseline.api.AdmissionReviews.configMapDelete;
import static org.mtabaseline.api.AdmissionReviews.uid;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admission webhook in enforce mode: a failing MTA ConfigMap is denied, naming the failing controls. */
@QuarkusTest
@TestProfile(AdmissionWebhookTest.Enforce.class)
class AdmissionWebhookTest {

    public static class Enforce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mta-baseline.admission.mode", "enforce",
                    "mta-baseline.admission.namespace-modes", "sandbox-*=audit");
        }
    }

    private static final String VALIDATE = "/api/v1/admission/validate";

    @Test
    void openRelayPostfixConfigMapIsDeniedNamingTheControlReasonAndSourceLine() throws IOException {
        String uid = uid();
        String asset = "mx-" + uid.substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(configMapCreate(uid, "postfix-open-relay.json",
                        Map.of("mta-baseline.io/mta", "postfix", "mta-baseline.io/asset", asset)))
                .when().post(VALIDATE)
                .then().statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("kind", equalTo("AdmissionReview"))
                .body("response.uid", equalTo(uid))
                .body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(403))
                .body("response.status.message", allOf(containsString("ConfigMap mail/postfix-config"),
                        containsString("MTA-RELAY-001 No open relay (critical)"),
                        // smtpd_relay_restrictions (permit_mynetworks, mynetworks 0.0.0.0/0) is line 32 of main.cf
                        containsString("main.cf:32")))
                .body("response.warnings", nullValue());
        // checked, not stored: the asset named by the label was not registered
        given().get("/api/v1/assets/" + asset).then().statusCode(404);
    }

    @Test
    void namespaceModeOverrideAdmitsWithWarningsWhereTheOperatorChoseAudit() throws IOException {
        String uid = uid();
        String body = configMapCreate(uid, "postfix-open-relay.json", Map.of("mta-baseline.io/mta", "postfix"))
                .replace("\"namespace\":\"mail\"", "\"namespace\":\"sandbox-team\"");
        given().contentType(ContentType.JSON).body(body)
                .when().post(VALIDATE)
                .then().statusCode(200)
                .body("response.uid", equalTo(uid))
                .body("response.allowed", equalTo(true))
                .body("response.warnings[0]", containsString("ConfigMap sandbox-team/postfix-config"))
                .body("response.warnings", org.hamcrest.Matchers.hasItem(containsString("MTA-RELAY-001")))
                // a built-in default has no file: no "[null]" in the warning
                .body("response.warnings", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(containsString("null"))));
    }

    @Test
    void hardenedPostfixConfigMapIsAllowedWithoutWarnings() throws IOException {
        String uid = uid();
        given().contentType(ContentType.JSON)
                .body(configMapCreate(uid, "postfix-hardened.json", Map.of("mta-baseline.io/mta", "auto")))
                .when().post(VALIDATE)
                .then().statusCode(200)
                .body("response.uid", equalTo(uid))
                .body("response.allowed", equalTo(true))
                .body("response.status", nullValue())
                .body("response.warnings", nullValue());
    }

    @Test
    void unlabelledConfigMapIsAllowedUntouchedEvenWhenItIsAnOpenRelay() throws IOException {
        String uid = uid();
        given().contentType(ContentType.JSON)
                .body(configMapCreate(uid, "postfix-open-relay.json", Map.of()))
                .when().post(VALIDATE)
                .then().statusCode(200)
                .body("response.uid", equalTo(uid))
                .body("response.allowed", equalTo(true))
                .body("response.warnings", nullValue());
    }

    @Test
    void deleteIsAllowedUntouched() throws IOException {
        String uid = uid();
        given().contentType(ContentType.JSON).body(configMapDelete(uid))
                .when().post(VALIDATE)
                .then().statusCode(200)
                .body("response.uid", equalTo(uid))
                .body("response.allowed", equalTo(true));
    }

    @Test
    void unreadableLabelledConfigIsDeniedAsUncheckable() throws IOException {
        String uid = uid();
        given().contentType(ContentType.JSON)
                .body(configMapCreate(uid, "postfix-open-relay.json", Map.of("mta-baseline.io/mta", "lotus-notes")))
                .when().post(VALIDATE)
                .then().statusCode(200)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("cannot be checked"));
    }

    @Test
    void garbageBodyIs400ProblemJson() {
        given().contentType(ContentType.JSON).body("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": ")
                .when().post(VALIDATE)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void reviewWithoutRequestOrOfAnotherVersionIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\"}")
                .when().post(VALIDATE)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("request"));
        given().contentType(ContentType.JSON)
                .body("{\"apiVersion\": \"admission.k8s.io/v1beta1\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"x\"}}")
                .when().post(VALIDATE)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("apiVersion"))
                .body("detail", containsString("admission.k8s.io/v1beta1"));
    }
}
