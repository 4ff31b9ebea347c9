package org.mtabaseline.collect;

import java.util.List;
import java.util.Map;

/**
 * A network entry point of the MTA. {@code tls}: none, starttls, implicit, required. {@code settings} holds the
 * per-listener overrides (Postfix -o, connector properties).
 */
public record Listener(String name, List<String> bind, Integer port, String tls, boolean auth, boolean authRequired,
        boolean loopbackOnly, boolean enabled, String kind, Source source, Map<String, Setting> settings) {
    public Listener {
        bind = List.copyOf(bind);
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
