package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssetResourceTest {

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String env, String role, String tagTeam) {
        return """
                {"hostname": "mx1.example.org", "environment": "%s", "owner": "mail-team",
                 "mtaKind": "postfix", "role": "%s", "tags": {"team": "%s", "site": "fra"}}
                """.formatted(env, role, tagTeam);
    }

    @Test
    void putRegistersThenUpdatesIdempotently() {
        String id = uniqueId("mx");
        given().contentType(ContentType.JSON).body(body("prod", "mail_server", "ops"))
                .when().put("/api/v1/assets/" + id)
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/assets/" + id))
                .body("id", equalTo(id)).body("role", equalTo("mail_server")).body("tags.team", equalTo("ops"));
        String created = given().get("/api/v1/assets/" + id).then().statusCode(200).extract().path("createdAt");

        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(body("staging", "host", "sec"))
                    .when().put("/api/v1/assets/" + id)
                    .then().statusCode(200).body("environment", equalTo("staging"));
        }
        given().get("/api/v1/assets/" + id).then().statusCode(200)
                .body("environment", equalTo("staging")).body("role", equalTo("host"))
                .body("owner", equalTo("mail-team")).body("mtaKind", equalTo("postfix"))
                .body("tags.team", equalTo("sec")).body("tags.site", equalTo("fra"))
                .body("createdAt", equalTo(created));
    }

    @Test
    void putWithoutFieldsClearsThemAndDefaultsRoleToMailServer() {
        String id = uniqueId("mx");
        given().contentType(ContentType.JSON).body(body("prod", "host", "ops")).put("/api/v1/assets/" + id);
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/assets/" + id)
                .then().statusCode(200).body("role", equalTo("mail_server"))
                .body("environment", nullValue()).body("tags.size()", equalTo(0));
    }

    @Test
    void listFiltersByEnvironmentRoleTagAndPaginates() {
        String env = uniqueId("env");
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).body(body(env, i < 3 ? "mail_server" : "host", i % 2 == 0 ? "ops" : "sec"))
                    .put("/api/v1/assets/" + env + "-a" + i).then().statusCode(201);
        }
        given().queryParam("environment", env).queryParam("size", 2).queryParam("page", 1)
                .get("/api/v1/assets").then().statusCode(200)
                .body("total", equalTo(5)).body("page", equalTo(1)).body("size", equalTo(2))
                .body("items.id", contains(env + "-a2", env + "-a3"));
        given().queryParam("environment", env).queryParam("role", "host")
                .get("/api/v1/assets").then().statusCode(200)
                .body("total", equalTo(2)).body("items.role", everyItem(equalTo("host")));
        given().queryParam("environment", env).queryParam("tag", "team:sec")
                .get("/api/v1/assets").then().statusCode(200)
                .body("items.id", contains(env + "-a1", env + "-a3"));
        given().queryParam("environment", env).queryParam("tag", "site")
                .get("/api/v1/assets").then().statusCode(200).body("total", equalTo(5));
    }

    @Test
    void unknownAssetIsProblem404() {
        given().get("/api/v1/assets/does-not-exist-42").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Asset not found"))
                .body("type", notNullValue());
        given().get("/api/v1/assets/does-not-exist-42/evaluations").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidRoleIsProblem400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"role\": \"router\"}")
                .put("/api/v1/assets/" + uniqueId("mx")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("role")).body("detail", containsString("mail_server or host"));
    }

    @Test
    void unknownMtaKindOnAssetIsProblem400() {
        given().contentType(ContentType.JSON).body("{\"mtaKind\": \"lotus\"}")
                .put("/api/v1/assets/" + uniqueId("mx")).then().statusCode(400)
                .body("field", equalTo("mtaKind")).body("detail", containsString("postfix"));
    }

    @Test
    void malformedJsonIsProblem400WithLine() {
        given().contentType(ContentType.JSON).body("{\n\"role\": \"host\",\n oops }")
                .put("/api/v1/assets/" + uniqueId("mx")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON")).body("line", equalTo(3));
    }

    @Test
    void pageSizeOutOfBoundsIsProblem400() {
        given().queryParam("size", 100000).get("/api/v1/assets").then().statusCode(400)
                .body("field", equalTo("size"));
    }

    @Test
    void unknownPathIsProblemJsonToo() {
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void emptyListHasNoItems() {
        given().queryParam("environment", uniqueId("none")).get("/api/v1/assets").then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(0));
    }
}
