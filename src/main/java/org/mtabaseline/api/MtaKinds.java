package org.mtabaseline.api;

import java.util.List;

/** The MTA kinds of the policy input contract (CONTRACTS.md §3). */
final class MtaKinds {
    static final List<String> ALL = List.of("postfix", "sendmail", "exim", "exchange", "opensmtpd", "qmail");
    static final String PATTERN = "postfix|sendmail|exim|exchange|opensmtpd|qmail";
    static final String MESSAGE = "must be one of postfix, sendmail, exim, exchange, opensmtpd, qmail";

    private MtaKinds() {
    }
}
