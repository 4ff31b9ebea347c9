package org.mtabaseline.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One live probe run over a fleet of targets: its progress and, per target, the probe's report as JSON. */
@Entity
@Table(name = "probe")
public class Probe extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The CMDB asset the probed targets belong to, when the request named one. */
    @Column(name = "asset_id")
    public String assetId;

    /** "running", "completed" or "failed". */
    public String status;

    /** The admitted targets, ["host:port", ...], in request order. */
    @Convert(converter = JsonText.class)
    public JsonNode targets;

    /** The request's option overrides as given. */
    @Convert(converter = JsonText.class)
    public JsonNode options;

    public int total;

    public int done;

    @Column(name = "tests_done")
    public int testsDone;

    /** Per-target reports (target, relay, tests, capabilities, tls, banner, transcript, ...), in target order. */
    @Convert(converter = JsonText.class)
    public JsonNode results;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Last sign of life from the process running the probe; a stale one means that process is gone. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    public String error;
}
