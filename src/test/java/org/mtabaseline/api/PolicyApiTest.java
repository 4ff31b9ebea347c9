package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The policy pack as the API shows it: compiled (readiness UP) and described by its annotations. */
@QuarkusTest
class PolicyApiTest {

    @Test
    void readinessIncludesTheDatabaseAndThePolicyEngine() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'policy-engine' }.data.policyDigest", matchesPattern("sha256:[0-9a-f]{64}"));
    }

    @Test
    void catalogueListsTheControlsFromTheAnnotations() {
        given().get("/api/v1/controls").then().statusCode(200)
                .body("policyDigest", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("controls.id", hasItem("MTA-RELAY-001"))
                .body("controls.find { it.id == 'MTA-RELAY-001' }.title", equalTo("No open relay"))
                .body("controls.find { it.id == 'MTA-RELAY-001' }.references.cve", hasItem("CVE-1999-0512"));
        given().get("/api/v1/controls/MTA-RELAY-001").then().statusCode(200)
                .body("severity", equalTo("critical")).body("path", equalTo("data.mta.controls.relay_001"));
        given().get("/api/v1/controls/MTA-NOPE-999").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
