package org.mtabaseline.policy;

/** The policy engine could not decide (remote OPA down, evaluation error); nothing is stored. */
public class PolicyEngineException extends RuntimeException {

    public PolicyEngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public PolicyEngineException(String message) {
        super(message);
    }
}
