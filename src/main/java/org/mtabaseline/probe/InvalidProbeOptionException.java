package org.mtabaseline.probe;

/** A probe request or setting that cannot be used; {@link #field()} names the offending field. */
public class InvalidProbeOptionException extends IllegalArgumentException {
    private final String field;

    public InvalidProbeOptionException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
