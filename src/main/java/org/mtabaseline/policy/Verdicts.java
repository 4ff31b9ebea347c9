package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the value of {@code data.mta.controls} (package name -> {result: {status, reason, evidence}})
 * into per-control results and the overall verdict. Shared by every engine, so OPA and the embedded
 * engine answer alike. A control whose result is missing or malformed is {@code error}; an error in a
 * fail-severity control fails the verdict (a baseline that cannot be checked is not met).
 */
final class Verdicts {

    private static final Set<String> STATUSES = Set.of(ControlResult.PASS, ControlResult.FAIL,
            ControlResult.NOT_APPLICABLE, ControlResult.ERROR);

    private Verdicts() {
    }

    static Evaluation decide(JsonNode controls, List<Control> catalogue, JsonNode input, Set<String> failSeverities,
                             String digest, String engine) {
        String mtaKind = input == null ? null : input.path("mta").path("kind").asText(null);
        Set<String> fail = new HashSet<>();
        failSeverities.forEach(s -> fail.add(s.toLowerCase(Locale.ROOT)));
        List<ControlResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Control c : catalogue) {
            String pkg = c.path().substring(PolicyPack.CONTROLS_PATH.length() + 1);
            seen.add(pkg);
            JsonNode result = controls == null ? null : controls.path(pkg).get("result");
            results.add(resultOf(c.id(), c.title(), c.severity(), result, remediation(c, mtaKind)));
        }
        if (controls != null) {
            // a package without METADATA still decides; it shows under its package name
            controls.fieldNames().forEachRemaining(pkg -> {
                if (!seen.contains(pkg) && controls.path(pkg).has("result")) {
                    results.add(resultOf("mta.controls." + pkg, null, null, controls.path(pkg).get("result"), null));
                }
            });
        }
        boolean failed = results.stream().anyMatch(r -> r.severity() != null && fail.contains(r.severity())
                && (ControlResult.FAIL.equals(r.status()) || ControlResult.ERROR.equals(r.status())));
        return new Evaluation(failed ? "fail" : "pass", List.copyOf(results), digest, engine);
    }

    private static ControlResult resultOf(String id, String title, String severity, JsonNode result,
                                          JsonNode remediation) {
        String status = result == null ? null : result.path("status").asText(null);
        if (status == null || !STATUSES.contains(status)) {
            return new ControlResult(id, title, severity, ControlResult.ERROR,
                    result == null ? "the control's result is undefined for this input"
                            : "the control returned an invalid status: " + result.path("status"),
                    JsonNodeFactory.instance.arrayNode(), remediation);
        }
        JsonNode evidence = result.get("evidence");
        return new ControlResult(id, title, severity, status, result.path("reason").asText(null),
                evidence == null || evidence.isNull() ? JsonNodeFactory.instance.arrayNode() : evidence, remediation);
    }

    private static JsonNode remediation(Control c, String mtaKind) {
        JsonNode r = c.remediation();
        if (r == null || r.isNull()) {
            return null;
        }
        if (mtaKind != null && r.isObject()) {
            return r.get(mtaKind);
        }
        return r;
    }
}
