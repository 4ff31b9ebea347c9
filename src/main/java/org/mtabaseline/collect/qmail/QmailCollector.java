package org.mtabaseline.collect.qmail;

import java.util.List;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.UnsupportedMtaException;

/** Qmail collector (parser lands after the first milestone). */
public final class QmailCollector implements MtaCollector {
    @Override
    public MtaKind kind() {
        return MtaKind.QMAIL;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        throw new UnsupportedMtaException("qmail", "collector not implemented yet");
    }
}
