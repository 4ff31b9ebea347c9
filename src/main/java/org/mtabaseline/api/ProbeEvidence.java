package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.mtabaseline.store.Asset;

/**
 * Where an evaluation that names a {@code probe_id} gets the policy input's {@code probe} object.
 * The probe room provides the real bean (stored probe results); until then {@link NoProbeEvidence}
 * knows no probe, so such a request is refused with 422 rather than evaluated without evidence.
 */
public interface ProbeEvidence {

    /** The probe's evidence (CONTRACTS §3 {@code probe}) if the probe exists and may be used for the asset. */
    Optional<JsonNode> forEvaluation(String probeId, Asset asset);
}
