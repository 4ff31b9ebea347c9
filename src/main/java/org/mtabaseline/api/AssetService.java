package org.mtabaseline.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import org.mtabaseline.store.Asset;

/** Registers assets; an evaluation of an unknown asset registers it with its id alone. */
@ApplicationScoped
public class AssetService {

    /** Result of an idempotent PUT: the asset and whether it was new. */
    public record Upsert(Asset asset, boolean created) {
    }

    @Transactional
    public Upsert put(String id, AssetRequest r) {
        Asset asset = Asset.findById(id);
        boolean created = asset == null;
        Instant now = now();
        if (created) {
            asset = new Asset();
            asset.id = id;
            asset.createdAt = now;
        }
        asset.hostname = r.hostname();
        asset.environment = r.environment();
        asset.owner = r.owner();
        asset.mtaKind = r.mtaKind();
        asset.role = r.role() == null ? Asset.ROLE_MAIL_SERVER : r.role();
        asset.tags.clear();
        if (r.tags() != null) {
            asset.tags.putAll(new HashMap<>(r.tags()));
        }
        asset.updatedAt = now;
        if (created) {
            asset.persist();
        }
        return new Upsert(asset, created);
    }

    /** The asset, registered on the fly (role mail_server) if the CMDB has not sent it yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Asset findOrRegister(String id, String mtaKind) {
        Asset asset = Asset.findById(id);
        if (asset == null) {
            asset = new Asset();
            asset.id = id;
            asset.mtaKind = mtaKind;
            asset.createdAt = now();
            asset.updatedAt = asset.createdAt;
            asset.persist();
        }
        return asset;
    }

    /** Database timestamps keep microseconds; so do we, so a read-back equals what was answered. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
