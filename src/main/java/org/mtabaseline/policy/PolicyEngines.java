package org.mtabaseline.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the PolicyEngine by {@code mta-baseline.policy.engine}. */
@ApplicationScoped
public class PolicyEngines {

    @Produces
    @ApplicationScoped
    PolicyEngine engine(PolicyPack pack, PolicyConfig config,
                        @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return switch (config.engine()) {
            case EMBEDDED -> new EmbeddedPolicyEngine(pack, config, version);
            case OPA -> new OpaPolicyEngine(pack, config);
        };
    }
}
