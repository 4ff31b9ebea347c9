package org.mtabaseline.collect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Mail transfer agents the collectors understand (the `mta.kind` values of the policy input). */
public enum MtaKind {
    POSTFIX, SENDMAIL, EXIM, EXCHANGE, OPENSMTPD, QMAIL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MtaKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("exim4")) {
            t = "exim";
        }
        for (MtaKind k : values()) {
            if (k.id().equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(MtaKind::id).toList();
    }
}
