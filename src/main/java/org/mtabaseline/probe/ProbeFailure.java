package org.mtabaseline.probe;

import java.io.IOException;

/** A session that could not go on: the reason becomes an inconclusive verdict, never a hang or a crash. */
final class ProbeFailure extends IOException {

    enum Kind { CONNECT, TIMEOUT, DROPPED, MALFORMED, TLS, REFUSED }

    private final Kind kind;

    ProbeFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** The reason as it appears on a test: "timeout: ...", "dropped: ...". */
    String reason() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + getMessage();
    }
}
