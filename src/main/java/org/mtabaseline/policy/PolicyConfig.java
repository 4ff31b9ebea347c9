package org.mtabaseline.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Settings of the policy room (prefix {@code mta-baseline.policy}); documented in application.properties. */
@ConfigMapping(prefix = "mta-baseline.policy")
public interface PolicyConfig {

    /** Directory of the Rego modules (relative to the working directory; /deployments/policies in the image). */
    @WithDefault("policies")
    Path dir();

    /** Which PolicyEngine decides: the in-process Rego engine or a remote OPA. */
    @WithDefault("embedded")
    EngineKind engine();

    /** A failing (or erroring) control of one of these severities makes the verdict "fail". */
    @WithDefault("high,critical")
    Set<String> failSeverities();

    Opa opa();

    interface Opa {
        /** Base URL of the OPA server, e.g. http://localhost:8181 (required when engine=opa). */
        Optional<URI> url();

        @WithDefault("10s")
        Duration timeout();

        /** Bearer token for OPA's API, if OPA runs with authentication. Never logged. */
        Optional<String> token();
    }

    enum EngineKind { EMBEDDED, OPA }
}
