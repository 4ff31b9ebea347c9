package org.mtabaseline.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Request bodies for POST /api/v1/evaluations shared by the evaluation API tests. */
final class EvaluationRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationRequests() {
    }

    /** An example request from examples/, sent for a fresh asset id. */
    static String example(String file, String assetId) throws IOException {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("examples", file)));
        ((ObjectNode) request.get("asset")).put("id", assetId);
        return JSON.writeValueAsString(request);
    }

    static String newAsset() {
        return "mx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A one-file request; {@code mta} null leaves the kind to detection. */
    static String request(String assetId, String mta, String fileName, String content) throws IOException {
        ObjectNode r = JSON.createObjectNode();
        r.putObject("asset").put("id", assetId);
        if (mta != null) {
            r.put("mta", mta);
        }
        r.putArray("files").addObject().put("name", fileName).put("content", content);
        return JSON.writeValueAsString(r);
    }

    static void assertNothingStoredFor(String assetId) {
        given().get("/api/v1/assets/" + assetId).then().statusCode(404);
    }
}
