package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Decides pass/fail for a policy input (CONTRACTS.md §3) with the Rego controls of {@code policies/}.
 * Implementations: {@link EmbeddedPolicyEngine} (default) and {@link OpaPolicyEngine}, chosen by
 * {@code mta-baseline.policy.engine}. Inject {@code PolicyEngine}; never an implementation.
 */
public interface PolicyEngine {

    /** Evaluates {@code data.mta.controls}; throws {@link PolicyEngineException} if the engine fails. */
    Evaluation evaluate(JsonNode input);

    /** The controls, read only from the policies' METADATA annotations. */
    List<Control> catalogue();

    /** Engine name and version, e.g. "embedded-rego/0.1.0" or "opa". */
    String engine();

    /** sha256 digest of the policy bundle this engine decides with. */
    String policyDigest();

    /** Whether the engine can decide now (a remote OPA answers its health check). */
    default boolean ready() {
        return true;
    }

    /** Why the engine is not ready (shown in readiness), e.g. the policies' compile errors. */
    default String problem() {
        return "none";
    }
}
