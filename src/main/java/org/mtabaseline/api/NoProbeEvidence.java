package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.mtabaseline.store.Asset;

/** The ProbeEvidence used while no probe store exists: knows no probe. Replaced by any other bean. */
@DefaultBean
@ApplicationScoped
public class NoProbeEvidence implements ProbeEvidence {

    @Override
    public Optional<JsonNode> forEvaluation(String probeId, Asset asset) {
        return Optional.empty();
    }
}
