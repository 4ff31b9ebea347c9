package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.mtabaseline.store.Asset;

/** Probe evidence from stored probe runs (replaces {@link NoProbeEvidence}). */
@ApplicationScoped
public class StoredProbeEvidence implements ProbeEvidence {

    private final ProbeService probes;

    StoredProbeEvidence(ProbeService probes) {
        this.probes = probes;
    }

    @Override
    public Optional<JsonNode> forEvaluation(String probeId, Asset asset) {
        return probes.evidence(probeId, asset);
    }
}
