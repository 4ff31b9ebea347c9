package org.mtabaseline.collect.sendmail;

import java.util.List;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.UnsupportedMtaException;

/** Sendmail collector (parser lands after the first milestone). */
public final class SendmailCollector implements MtaCollector {
    @Override
    public MtaKind kind() {
        return MtaKind.SENDMAIL;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        throw new UnsupportedMtaException("sendmail", "collector not implemented yet");
    }
}
