package org.mtabaseline.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.List;
import java.util.Optional;

/** Settings of the Kubernetes admission webhook (prefix {@code mta-baseline.admission}). */
@ConfigMapping(prefix = "mta-baseline.admission")
public interface AdmissionConfig {

    /** enforce: a failing MTA config is denied; audit: it is admitted with warnings. */
    @WithDefault("audit")
    Mode mode();

    /**
     * Per-namespace exceptions to {@link #mode()}, as {@code pattern=mode} entries (env
     * MTA_BASELINE_ADMISSION_NAMESPACE_MODES, e.g. {@code prod-*=enforce,sandbox=audit}); the first entry whose
     * pattern matches the namespace wins. Kept in the service's configuration, not on the object, so the owner of
     * a ConfigMap cannot opt out of enforcement.
     */
    @WithName("namespace-modes")
    Optional<List<String>> namespaceModes();

    enum Mode { ENFORCE, AUDIT }
}
