package org.mtabaseline.probe;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the whole battery showed about a target (evidence, not a pass/fail decision). */
public enum RelayVerdict {
    OPEN, CLOSED, INCONCLUSIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
