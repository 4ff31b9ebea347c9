package org.mtabaseline.probe;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What one relay attempt showed. */
public enum TestVerdict {
    ACCEPTED, DENIED, INCONCLUSIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
