package org.mtabaseline.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Kubernetes admission webhook (prefix {@code mta-baseline.admission}). */
@ConfigMapping(prefix = "mta-baseline.admission")
public interface AdmissionConfig {

    /** enforce: a failing MTA config is denied; audit: it is admitted with warnings. */
    @WithDefault("audit")
    Mode mode();

    enum Mode { ENFORCE, AUDIT }
}
