package org.mtabaseline.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored, immutable evaluation of an asset's configuration: the results exactly as answered,
 * the sha256 of every evaluated file, the policy bundle digest and the engine that decided.
 */
@Entity
@Table(name = "evaluation")
public class Evaluation extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "asset_id")
    public Asset asset;

    /** "pass" or "fail". */
    public String verdict;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    @Column(name = "policy_digest")
    public String policyDigest;

    /** Engine name and version, e.g. "embedded/0.1.0" or "opa". */
    public String engine;

    @Column(name = "mta_kind")
    public String mtaKind;

    /** Per-control results: [{control, title, severity, status, reason, evidence, remediation}]. */
    @Convert(converter = JsonText.class)
    public JsonNode results;

    /** The evaluated config files: [{name, sha256, size}]. */
    @Convert(converter = JsonText.class)
    public JsonNode sources;

    @Column(name = "probe_id")
    public String probeId;

    /** Newest first; ties broken by id so pages are stable. */
    public static List<Evaluation> ofAsset(String assetId, int page, int size) {
        return find("asset.id", Sort.descending("evaluatedAt").and("id", Sort.Direction.Descending), assetId)
                .page(Page.of(page, size)).list();
    }

    public static long countOfAsset(String assetId) {
        return count("asset.id", assetId);
    }
}
