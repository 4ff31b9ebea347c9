package org.mtabaseline.collect;

import java.util.List;

/** The caller named an MTA kind the collectors do not know, or none could be detected. */
public class UnsupportedMtaException extends RuntimeException {
    private final String requested;
    private final List<String> supported;

    public UnsupportedMtaException(String requested, String detail) {
        super((requested == null ? "MTA kind could not be detected" : "unsupported MTA kind '" + requested + "'")
                + (detail == null ? "" : ": " + detail) + "; supported kinds: " + String.join(", ", MtaKind.ids()));
        this.requested = requested;
        this.supported = MtaKind.ids();
    }

    public String requested() {
        return requested;
    }

    public List<String> supported() {
        return supported;
    }
}
