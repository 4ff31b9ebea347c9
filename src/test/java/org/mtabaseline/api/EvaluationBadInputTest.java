package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.mtabaseline.api.EvaluationRequests.assertNothingStoredFor;
import static org.mtabaseline.api.EvaluationRequests.example;
import static org.mtabaseline.api.EvaluationRequests.newAsset;
import static org.mtabaseline.api.EvaluationRequests.request;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad input: problem JSON with the field/file/line, never a 500, and nothing stored. */
@QuarkusTest
class EvaluationBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- bad input: problem JSON, nothing stored -------------------------------

    @Test
    void malformedJsonIs400() {
        given().contentType(ContentType.JSON).body("{\"asset\": {\"id\": \"x\"},\n \"files\": [ }")
                .post("/api/v1/evaluations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400)).body("line", equalTo(2));
    }

    @Test
    void missingAssetIdIs400NamingTheField() throws IOException {
        String body = "{\"asset\": {}, \"mta\": \"postfix\", \"files\": [{\"name\": \"main.cf\", \"content\": \"\"}]}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("asset.id"));
        given().contentType(ContentType.JSON).body("{\"files\": [{\"name\": \"main.cf\", \"content\": \"\"}]}")
                .post("/api/v1/evaluations").then().statusCode(400).body("field", equalTo("asset"));
    }

    @Test
    void noFilesIs400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"asset\": {\"id\": \"mx9\"}, \"files\": []}")
                .post("/api/v1/evaluations").then().statusCode(400).body("field", equalTo("files"));
    }

    @Test
    void unknownMtaKindIs422ListingTheSupportedOnes() throws IOException {
        String asset = newAsset();
        given().contentType(ContentType.JSON).body(request(asset, "lotus-domino", "notes.ini", "x=1\n"))
                .post("/api/v1/evaluations").then().statusCode(422)
                .contentType("application/problem+json")
                .body("field", equalTo("mta"))
                .body("supported", hasItem("postfix")).body("supported", hasItem("exim"))
                .body("detail", containsString("lotus-domino"));
        assertNothingStoredFor(asset);
    }

    @Test
    void fileOverOneMebibyteIs413NamingTheFile() throws IOException {
        String asset = newAsset();
        String big = "# padding\n".repeat(110_000); // 1.1 MB
        given().contentType(ContentType.JSON).body(request(asset, "postfix", "/etc/postfix/main.cf", big))
                .post("/api/v1/evaluations").then().statusCode(413)
                .contentType("application/problem+json")
                .body("file", equalTo("/etc/postfix/main.cf")).body("field", equalTo("files[0].content"));
        assertNothingStoredFor(asset);
    }

    @Test
    void requestOverFiveMebibytesIs413() throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("asset").put("id", newAsset());
        var files = r.putArray("files");
        String chunk = "# padding\n".repeat(90_000); // 0.9 MB each, under the file limit
        for (int i = 0; i < 6; i++) {
            files.addObject().put("name", "part" + i + ".cf").put("content", chunk);
        }
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(r))
                .post("/api/v1/evaluations").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("max-request-size"));
    }

    @Test
    void binaryContentIs422NamingFileAndLine() throws IOException {
        String asset = newAsset();
        given().contentType(ContentType.JSON)
                .body(request(asset, "postfix", "/etc/postfix/main.cf", "myhostname = a\nrelay\u0000host = b\n"))
                .post("/api/v1/evaluations").then().statusCode(422)
                .contentType("application/problem+json")
                .body("file", equalTo("/etc/postfix/main.cf")).body("line", equalTo(2));
        assertNothingStoredFor(asset);
    }

    @Test
    void unknownProbeIs422AndStoresNothing() throws IOException {
        String asset = newAsset();
        ObjectNode r = (ObjectNode) JSON.readTree(example("postfix-hardened.json", asset));
        r.put("probe_id", "no-such-probe");
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(r))
                .post("/api/v1/evaluations").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("probe_id"));
        assertNothingStoredFor(asset);
    }

    @Test
    void unknownEvaluationIs404() {
        given().get("/api/v1/evaluations/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/evaluations/not-a-uuid").then().statusCode(404);
    }

}
