package org.mtabaseline.probe;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How the battery reached the server: cleartext, after STARTTLS, or TLS from the first byte. */
public enum ProbePath {
    PLAIN, STARTTLS, IMPLICIT_TLS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
