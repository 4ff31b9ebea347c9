package org.mtabaseline.collect.exim;

import java.util.List;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.UnsupportedMtaException;

/** Exim collector (parser lands after the first milestone). */
public final class EximCollector implements MtaCollector {
    @Override
    public MtaKind kind() {
        return MtaKind.EXIM;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        throw new UnsupportedMtaException("exim", "collector not implemented yet");
    }
}
