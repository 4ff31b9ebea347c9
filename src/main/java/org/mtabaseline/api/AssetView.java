package org.mtabaseline.api;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.mtabaseline.store.Asset;

/** An asset as the API shows it. */
public record AssetView(String id, String hostname, String environment, String owner, String mtaKind,
                        String role, Map<String, String> tags, Instant createdAt, Instant updatedAt) {

    static AssetView of(Asset a) {
        return new AssetView(a.id, a.hostname, a.environment, a.owner, a.mtaKind, a.role,
                new TreeMap<>(a.tags), a.createdAt, a.updatedAt);
    }
}
