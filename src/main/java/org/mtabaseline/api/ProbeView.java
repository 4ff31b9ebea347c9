package org.mtabaseline.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.mtabaseline.store.Probe;

/** A probe run as the API shows it: status, progress and the per-target reports finished so far. */
public record ProbeView(String id, String status, @JsonProperty("asset_id") String assetId, JsonNode targets,
                        JsonNode options, Progress progress, JsonNode results,
                        @JsonProperty("created_at") Instant createdAt,
                        @JsonProperty("finished_at") Instant finishedAt, String error) {

    /** Targets done of total, and relay tests finished so far. */
    public record Progress(int done, int total, @JsonProperty("tests_done") int testsDone) {
    }

    static ProbeView of(Probe p, Integer liveTestsDone) {
        return new ProbeView(p.id.toString(), p.status, p.assetId, p.targets, p.options,
                new Progress(p.done, p.total, liveTestsDone != null ? liveTestsDone : p.testsDone), p.results,
                p.createdAt, p.finishedAt, p.error);
    }
}
