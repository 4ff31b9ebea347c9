package org.mtabaseline.attest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Everything one attestation states about an asset: the evaluation it rests on (absent for
 * {@code no_evidence}), the evaluated materials, the policy bundle and engine, and the chain link.
 *
 * @param status         {@code pass}, {@code fail} or {@code no_evidence}
 * @param period         {@code YYYY-MM} for a monthly attestation, null for one made at evaluation time
 * @param results        per-control results with evidence, as the policy engine gave them (JSON array or object)
 * @param materials      sha256 of every evaluated config file and probe transcript
 * @param previousDigest sha256 (hex) of the asset's previous attestation payload, null for the first
 */
public record AttestationFacts(
        String assetId,
        String evaluationId,
        Instant evaluatedAt,
        String status,
        String period,
        String policyDigest,
        String engineName,
        String engineVersion,
        JsonNode results,
        List<Material> materials,
        String previousDigest,
        Instant attestedAt) {

    public static final String NO_EVIDENCE = "no_evidence";

    /** One evaluated input: {@code kind} is {@code config} or {@code probe}. */
    public record Material(String kind, String name, String sha256) {
    }
}
