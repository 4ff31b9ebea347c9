package org.mtabaseline.rego;

import java.util.List;
import java.util.stream.Collectors;

/** Modules or query that do not parse or compile; carries every error found. */
public class RegoCompileException extends RuntimeException {
    private final List<RegoError> errors;

    public RegoCompileException(List<RegoError> errors) {
        super(errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " occurred: "
                + errors.stream().map(RegoError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public RegoCompileException(RegoError error) {
        this(List.of(error));
    }

    public List<RegoError> errors() {
        return errors;
    }
}
