package org.mtabaseline.collect;

import java.util.Objects;

/** One configuration file as supplied by the caller: its name (path as on the host) and its text. */
public record ConfigFile(String name, String content) {
    public ConfigFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** The last path segment, used to recognise well-known file names. */
    public String baseName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
