package org.mtabaseline.collect;

import java.util.List;
import org.mtabaseline.collect.exchange.ExchangeCollector;
import org.mtabaseline.collect.exim.EximCollector;
import org.mtabaseline.collect.opensmtpd.OpenSmtpdCollector;
import org.mtabaseline.collect.postfix.PostfixCollector;
import org.mtabaseline.collect.qmail.QmailCollector;
import org.mtabaseline.collect.sendmail.SendmailCollector;

/**
 * Entry point used by the service: configuration files in, facts (the policy input's `mta` object) out.
 * Stateless and thread-safe.
 */
public final class Collectors {
    private Collectors() {
    }

    /**
     * @param mtaKindOrNull "postfix", "sendmail", "exim", "exchange", "opensmtpd", "qmail", or null/blank to detect
     * @throws UnsupportedMtaException for an unknown kind or when no kind can be detected
     * @throws ConfigParseException    for input that cannot be configuration (binary, NUL bytes, huge lines, another
     *                                 MTA's content)
     */
    public static CollectedFacts collect(String mtaKindOrNull, List<ConfigFile> files) {
        InputGuard.check(files);
        MtaKind kind;
        if (mtaKindOrNull != null && !mtaKindOrNull.isBlank()) {
            kind = MtaKind.parse(mtaKindOrNull).orElseThrow(() -> new UnsupportedMtaException(mtaKindOrNull, null));
        } else {
            kind = KindDetector.detect(files).orElseThrow(() -> new UnsupportedMtaException(null,
                    "neither the file names nor the content name an MTA"));
        }
        KindDetector.checkConsistent(kind, files);
        MtaCollector collector = collector(kind);
        try {
            return collector.collect(files);
        } catch (ConfigParseException | UnsupportedMtaException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A collector bug must not look like a server error or a silent pass: report it as unparseable input.
            throw new ConfigParseException(files.get(0).name(), null, kind.id() + " collector could not read this input ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    public static MtaCollector collector(MtaKind kind) {
        return switch (kind) {
            case POSTFIX -> new PostfixCollector();
            case SENDMAIL -> new SendmailCollector();
            case EXIM -> new EximCollector();
            case OPENSMTPD -> new OpenSmtpdCollector();
            case EXCHANGE -> new ExchangeCollector();
            case QMAIL -> new QmailCollector();
        };
    }
}
