package org.mtabaseline.collect;

import java.util.List;

/** One MTA's collector: reads the supplied files (already screened by {@link InputGuard}) into facts. */
public interface MtaCollector {
    MtaKind kind();

    /**
     * Throws {@link ConfigParseException} only when a file cannot be this MTA's configuration at all; everything
     * else (unsupported constructs, missing tables) becomes diagnostics and unresolved facts.
     */
    CollectedFacts collect(List<ConfigFile> files);
}
