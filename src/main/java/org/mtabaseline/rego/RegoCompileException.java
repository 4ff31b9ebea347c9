package org.mtabaseline.rego;

import java.util.List;
import java.util.stream.Collectors;

/** Modules or query that do not parse or compile; carries every error found. */
public class RegoCompileException extends RuntimeException {
    private final List<RegoError> errors;

    public RegoCompileException(List<RegoError> errors) {
        super(message(errors));
        this.errors = List.copyOf(errors);
    }

    public RegoCompileException(RegoError error) {
        this(List.of(error));
    }

    /** OPA's text for a list of errors: {@code 1 error occurred: e}, {@code n errors occurred:\ne1\ne2}. */
    static String message(List<RegoError> errors) {
        if (errors.size() == 1) {
            return "1 error occurred: " + errors.get(0);
        }
        return errors.size() + " errors occurred:\n"
                + errors.stream().map(RegoError::toString).collect(Collectors.joining("\n"));
    }

    public List<RegoError> errors() {
        return errors;
    }
}
