package org.mtabaseline.policy;

/**
 * The policy engine could not decide; nothing is stored. {@code unavailable} marks a failure of the
 * engine itself (remote OPA down: retry later) as opposed to an evaluation error for this input.
 */
public class PolicyEngineException extends RuntimeException {

    private final boolean unavailable;

    public PolicyEngineException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    public PolicyEngineException(String message) {
        this(message, true, null);
    }

    public boolean unavailable() {
        return unavailable;
    }
}
