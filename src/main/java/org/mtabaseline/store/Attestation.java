package org.mtabaseline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A signed attestation (DSSE envelope JSON) and its place in the asset's hash chain: {@code seq} counts
 * from 1, {@code payloadDigest} is the sha256 of the signed statement, {@code previousDigest} the
 * previous attestation's. {@code kind} is "evaluation" (made when an evaluation is stored) or "period"
 * (made by the monthly run, {@code period} = YYYY-MM).
 */
@Entity
@Table(name = "attestation")
public class Attestation extends PanacheEntityBase {

    public static final String KIND_EVALUATION = "evaluation";
    public static final String KIND_PERIOD = "period";

    @Id
    public UUID id;
    @Column(name = "asset_id")
    public String assetId;
    public long seq;
    public String kind;
    @Column(name = "evaluation_id")
    public UUID evaluationId;
    public String period;
    /** pass, fail or no_evidence. */
    public String status;
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "payload_digest")
    public String payloadDigest;
    @Column(name = "previous_digest")
    public String previousDigest;
    /** The DSSE envelope exactly as served. */
    public String envelope;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "run_id")
    public UUID runId;

    public static Optional<Attestation> ofEvaluation(UUID evaluationId) {
        return find("evaluationId = ?1 and kind = ?2", evaluationId, KIND_EVALUATION).firstResultOptional();
    }

    /** The asset's whole chain, oldest first. */
    public static List<Attestation> chainOf(String assetId) {
        return list("assetId", Sort.ascending("seq"), assetId);
    }

    public static List<Attestation> ofPeriod(String period) {
        return list("period", Sort.ascending("assetId"), period);
    }
}
