package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI and the OPA bundle endpoint. */
@QuarkusTest
class PlatformTest {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheEvaluationEndpointAndSwaggerUiIsServed() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/evaluations"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/assets/{id}"));
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void bundleIsServedWithTheDigestAsETagAndRevalidates() {
        String digest = given().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == 'policy-engine' }.data.policyDigest");
        byte[] tar = given().get("/api/v1/bundles/mta-baseline.tar.gz").then().statusCode(200)
                .contentType("application/gzip").header("ETag", containsString(digest))
                .extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertTrue(tar.length > 100 && tar[0] == (byte) 0x1f && tar[1] == (byte) 0x8b);
        given().header("If-None-Match", "\"" + digest + "\"").get("/api/v1/bundles/mta-baseline.tar.gz")
                .then().statusCode(304);
    }
}
