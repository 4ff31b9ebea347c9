package org.mtabaseline.collect.exchange;

import java.util.List;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.UnsupportedMtaException;

/** Exchange collector (parser lands after the first milestone). */
public final class ExchangeCollector implements MtaCollector {
    @Override
    public MtaKind kind() {
        return MtaKind.EXCHANGE;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        throw new UnsupportedMtaException("exchange", "collector not implemented yet");
    }
}
