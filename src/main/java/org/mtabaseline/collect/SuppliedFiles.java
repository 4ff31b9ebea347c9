package org.mtabaseline.collect;

import java.util.List;
import java.util.Optional;

/** Finds a referenced file (table, list, include) among the supplied ones: exact path first, then base name. */
public record SuppliedFiles(List<ConfigFile> files) {
    public Optional<ConfigFile> find(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        String p = path.strip();
        for (ConfigFile f : files) {
            if (f.name().equals(p)) {
                return Optional.of(f);
            }
        }
        String base = new ConfigFile(p, "").baseName();
        for (ConfigFile f : files) {
            if (f.name().endsWith("/" + base) || f.name().equals(base) || f.baseName().equals(base)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
