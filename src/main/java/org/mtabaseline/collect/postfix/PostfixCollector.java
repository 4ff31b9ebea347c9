package org.mtabaseline.collect.postfix;

import java.util.List;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.UnsupportedMtaException;

/** Postfix collector (parser lands after the first milestone). */
public final class PostfixCollector implements MtaCollector {
    @Override
    public MtaKind kind() {
        return MtaKind.POSTFIX;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        throw new UnsupportedMtaException("postfix", "collector not implemented yet");
    }
}
