package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mtabaseline.api.EvaluationRequests.example;
import static org.mtabaseline.api.EvaluationRequests.newAsset;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request under examples/ (README's "ready to curl" set) evaluates through the API to the verdict its name
 * promises, with MTA-RELAY-001 evidence pointing into the example's own files. A new example without an entry
 * here fails the build, so the set and the promises stay together.
 */
@QuarkusTest
class ExamplesTest {

    /** example file -> [verdict, MTA-RELAY-001 status, a file the relay evidence must name (or null)]. */
    static final Map<String, List<String>> EXPECTED = Map.of(
            "postfix-open-relay.json", List.of("fail", "fail", "/etc/postfix/main.cf"),
            "postfix-hardened.json", List.of("pass", "pass", ""),
            "sendmail-promiscuous-relay.json", List.of("fail", "fail", "/etc/mail/sendmail.mc"),
            "exim-hardened.json", List.of("pass", "pass", ""),
            "opensmtpd-open-relay.json", List.of("fail", "fail", "/etc/smtpd.conf"),
            "exchange-anonymous-relay.json", List.of("fail", "fail", "Get-ADPermission.txt"));

    static Stream<String> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleEvaluatesToTheVerdictItsNamePromises(String file) throws IOException {
        List<String> expected = EXPECTED.get(file);
        assertTrue(expected != null, file + " has no expected verdict in ExamplesTest.EXPECTED");
        JsonPath body = given().contentType(ContentType.JSON).body(example(file, newAsset()))
                .when().post("/api/v1/evaluations")
                .then().statusCode(201)
                .body("results.control", hasItem("MTA-RELAY-001"))
                .extract().jsonPath();
        assertEquals(expected.get(0), body.getString("verdict"), file + ": "
                + body.getList("results.findAll { it.status in ['fail', 'error'] }.collect { it.control + ' ' + it.severity + ': ' + it.reason }"));
        assertEquals(expected.get(1), body.getString("results.find { it.control == 'MTA-RELAY-001' }.status"),
                file + ": " + body.getString("results.find { it.control == 'MTA-RELAY-001' }.reason"));
        if (!expected.get(2).isEmpty()) {
            String evidence = body.getString("results.find { it.control == 'MTA-RELAY-001' }.evidence");
            assertTrue(evidence.contains(expected.get(2)), file + " evidence names " + expected.get(2) + ": " + evidence);
        }
        List<String> errors = body.getList("results.findAll { it.status == 'error' }.control");
        System.out.printf("%-36s verdict %-4s failed %s errors %s%n", file, body.getString("verdict"),
                body.getList("results.findAll { it.status == 'fail' }.control"), errors);
    }
}
