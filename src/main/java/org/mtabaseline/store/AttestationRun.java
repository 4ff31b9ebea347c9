package org.mtabaseline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One monthly attestation run and its progress: assets are processed in id order, {@code lastAssetId}
 * is the cursor after the last committed batch, {@code heartbeatAt} the lease of the process running it.
 */
@Entity
@Table(name = "attestation_run")
public class AttestationRun extends PanacheEntityBase {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    public String period;
    public String state;
    @Column(name = "trigger_kind")
    public String trigger;
    public int total;
    public int done;
    /** Period attestations this run created from an evaluation. */
    public int attested;
    /** Period attestations this run created with status no_evidence. */
    @Column(name = "no_evidence")
    public int noEvidence;
    /** Assets that already had their period attestation (an earlier or interrupted run). */
    public int already;
    @Column(name = "last_asset_id")
    public String lastAssetId;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public String error;
}
