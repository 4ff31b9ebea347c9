package org.mtabaseline.rego;

/** Evaluation failed (conflict, strict builtin error, deadline, result too large, ...). */
public class RegoEvalException extends RuntimeException {
    private final RegoError error;

    public RegoEvalException(RegoError error) {
        super(error.toString(), null, false, false);
        this.error = error;
    }

    public RegoError error() {
        return error;
    }
}
