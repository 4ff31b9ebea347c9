package org.mtabaseline.collect.opensmtpd;

import java.util.List;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.UnsupportedMtaException;

/** OpenSmtpd collector (parser lands after the first milestone). */
public final class OpenSmtpdCollector implements MtaCollector {
    @Override
    public MtaKind kind() {
        return MtaKind.OPENSMTPD;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        throw new UnsupportedMtaException("opensmtpd", "collector not implemented yet");
    }
}
