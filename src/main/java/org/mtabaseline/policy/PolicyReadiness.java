package org.mtabaseline.policy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the policies are compiled and, for a remote OPA, OPA answers its health check. */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    private final PolicyEngine engine;

    PolicyReadiness(PolicyEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = engine.ready();
        return HealthCheckResponse.named("policy-engine").status(up)
                .withData("engine", engine.engine())
                .withData("policyDigest", engine.policyDigest())
                .withData("controls", engine.catalogue().size())
                .withData("problem", engine.ready() ? "none" : engine.problem())
                .build();
    }
}
