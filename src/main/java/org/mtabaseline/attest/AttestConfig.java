package org.mtabaseline.attest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the attestation room (prefix {@code mta-baseline.attest}). */
@ConfigMapping(prefix = "mta-baseline.attest")
public interface AttestConfig {

    Key key();

    Monthly monthly();

    interface Key {
        /** PEM text of the Ed25519 private key, e.g. a Kubernetes Secret as env MTA_BASELINE_ATTEST_KEY_PEM. Wins over file. */
        Optional<String> pem();

        /** PEM file of the Ed25519 private key, e.g. a Kubernetes Secret mounted as a file. */
        Optional<Path> file();

        /** Where the embedded default generates its key on first start (owner-only permissions). */
        @WithDefault("data/attest")
        Path dir();

        /** Extra public keys (PEM files or directories of *.pem) trusted for verification, e.g. keys rotated out elsewhere. */
        Optional<List<Path>> verificationKeys();

        /**
         * Trust every key the store recorded as having signed here (rotation without reconfiguring). false pins
         * verification to the active key and {@link #verificationKeys()}: someone who can write the database can
         * then not add a key of their own and forge attestations this service calls valid.
         */
        @WithName("trust-stored")
        @WithDefault("true")
        boolean trustStored();
    }

    interface Monthly {
        /** Quartz cron (UTC) of the monthly run, which attests the month that just ended; "off" disables it. */
        @WithDefault("0 0 2 1 * ?")
        String cron();

        /** Assets per committed batch; progress is persisted after each batch. */
        @WithDefault("250")
        @Min(1)
        @Max(10000)
        int batchSize();

        /** A run whose heartbeat is older than this is taken over (resumed) by this process. */
        @WithDefault("30s")
        Duration lease();

        /** Pause between batches, to spare a busy database (0 = none). */
        @WithDefault("0s")
        Duration batchPause();

        /** How often this process looks for interrupted runs to resume. */
        @WithDefault("10s")
        String resumeEvery();
    }
}
