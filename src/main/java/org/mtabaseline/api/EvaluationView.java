package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.mtabaseline.store.Evaluation;

/**
 * An evaluation as answered and as stored: {@code results} are
 * {@code [{control, title, severity, status, reason, evidence, remediation}]}, {@code sources} the
 * sha256 of every evaluated config file.
 */
public record EvaluationView(UUID id, AssetRef asset, String verdict, Instant evaluatedAt, String policyDigest,
                             String engine, String mta, JsonNode sources, String probeId, JsonNode results) {

    /** The evaluated asset, by its CMDB id. */
    public record AssetRef(String id) {
    }

    static EvaluationView of(Evaluation e) {
        return new EvaluationView(e.id, new AssetRef(e.asset.id), e.verdict, e.evaluatedAt, e.policyDigest,
                e.engine, e.mtaKind, e.sources, e.probeId, e.results);
    }
}
