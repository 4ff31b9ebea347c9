package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With authentication on (as in the pg image profile), /api/* needs a configured token. */
@QuarkusTest
@TestProfile(ApiAuthTest.AuthOn.class)
class ApiAuthTest {

    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mta-baseline.api.auth.enabled", "true",
                    "mta-baseline.api.auth.tokens", "old-token-1,current-token-2");
        }
    }

    @Test
    void withoutATokenTheApiAnswers401ProblemWithAChallenge() {
        given().get("/api/v1/assets").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void aWrongTokenIsRefusedAndNotEchoed() {
        given().header("Authorization", "Bearer guess-123").get("/api/v1/assets").then().statusCode(401)
                .body(org.hamcrest.Matchers.not(containsString("guess-123")));
    }

    @Test
    void everyConfiguredTokenIsAcceptedAsBearerOrApiKey() {
        given().header("Authorization", "Bearer current-token-2").get("/api/v1/assets").then().statusCode(200);
        given().header("Authorization", "bearer old-token-1").get("/api/v1/assets").then().statusCode(200);
        given().header("X-API-Key", "current-token-2").get("/api/v1/controls").then().statusCode(200);
    }

    @Test
    void healthAndMetricsStayOpenForProbes() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
