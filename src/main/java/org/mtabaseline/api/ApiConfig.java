package org.mtabaseline.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Settings of the REST API (prefix {@code mta-baseline.api}); documented in application.properties. */
@ConfigMapping(prefix = "mta-baseline.api")
public interface ApiConfig {

    /** Largest accepted config file in an evaluation request (413 above). */
    @WithDefault("1M")
    MemorySize maxFileSize();

    /** Largest accepted request body (413 above). */
    @WithDefault("5M")
    MemorySize maxRequestSize();

    @WithDefault("20")
    int defaultPageSize();

    @WithDefault("200")
    int maxPageSize();

    Auth auth();

    interface Auth {
        /** Whether /api/* needs a token; off only on the embedded default. */
        @WithDefault("false")
        boolean enabled();

        /** Accepted bearer tokens (several during a rotation). Never logged. */
        Optional<List<String>> tokens();
    }
}
