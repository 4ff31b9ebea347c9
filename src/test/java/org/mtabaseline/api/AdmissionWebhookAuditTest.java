package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mtabaseline.api.AdmissionReviews.configMapCreate;
import static org.mtabaseline.api.AdmissionReviews.uid;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admission webhook in its default audit mode: a failing MTA ConfigMap is admitted, with warnings. */
@QuarkusTest
class AdmissionWebhookAuditTest {

    @Test
    void openRelayPostfixConfigMapIsAllowedWithWarningsNamingTheFailingControl() throws IOException {
        String uid = uid();
        String asset = "mx-" + uid.substring(0, 8);
        given().contentType(ContentType.JSON)
                .body(configMapCreate(uid, "postfix-open-relay.json",
                        Map.of("mta-baseline.io/mta", "postfix", "mta-baseline.io/asset", asset)))
                .when().post("/api/v1/admission/validate")
                .then().statusCode(200)
                .body("response.uid", equalTo(uid))
                .body("response.allowed", equalTo(true))
                .body("response.status", nullValue())
                .body("response.warnings[0]", containsString("mta-baseline audit: ConfigMap mail/postfix-config fails"))
                .body("response.warnings.findAll { it.startsWith('MTA-RELAY-001') }[0]", containsString("main.cf:32"))
                .body("response.warnings", hasItem(containsString("MTA-RELAY-001 No open relay")));
        given().get("/api/v1/assets/" + asset).then().statusCode(404);
    }
}
