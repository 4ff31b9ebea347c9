package org.mtabaseline.probe;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Operator settings of the live SMTP probe ({@code mta-baseline.probe.*}). Safety first: the scope is empty by
 * default, so every target is refused until the operator names what may be probed.
 */
@ConfigMapping(prefix = "mta-baseline.probe")
public interface ProbeConfig {

    /** Comma-separated CIDRs, addresses and host names that may be probed (env MTA_BASELINE_PROBE_SCOPE). */
    Optional<List<String>> scope();

    /** Name the probe gives in EHLO/HELO, so the target's logs show who asked. */
    @WithName("ehlo-name")
    @WithDefault("mta-baseline-probe.invalid")
    String ehloName();

    /** Third-party domain D used in relay attempts; use one you control that the targets do not host. */
    @WithName("test-domain")
    @WithDefault("example.net")
    String testDomain();

    @WithName("from-local-part")
    @WithDefault("relaytest-from")
    String fromLocalPart();

    @WithName("to-local-part")
    @WithDefault("relaytest")
    String toLocalPart();

    /** Known local address for the positive control R00; default postmaster@&lt;banner host&gt;. */
    @WithName("local-recipient")
    Optional<String> localRecipient();

    /** Ports used for a target given without one. */
    @WithDefault("25")
    List<Integer> ports();

    /** Ports that speak TLS from the first byte (SMTPS, RFC 8314). */
    @WithName("implicit-tls-ports")
    @WithDefault("465")
    List<Integer> implicitTlsPorts();

    /** Repeat the battery after STARTTLS when the server offers it. */
    @WithDefault("true")
    boolean starttls();

    /** rcpt (default: RSET after RCPT, never DATA), confirm (DATA then hang up at 354), sink (deliver to sink-mailbox). */
    @WithDefault("rcpt")
    ProbeOptions.Mode mode();

    /** Mailbox the operator owns; only used in sink mode. */
    @WithName("sink-mailbox")
    Optional<String> sinkMailbox();

    @WithName("connect-timeout")
    @WithDefault("5S")
    Duration connectTimeout();

    @WithName("read-timeout")
    @WithDefault("10S")
    Duration readTimeout();

    /** Hard cap per target; a tarpit can never hold a run longer than this. */
    @WithName("total-timeout")
    @WithDefault("120S")
    Duration totalTimeout();

    /** Reconnect after this many error replies in one session (Postfix slows down at smtpd_soft_error_limit=10). */
    @WithName("session-error-budget")
    @WithDefault("8")
    int sessionErrorBudget();

    /** Per-target rate limit: minimum pause between two connections to the same target. */
    @WithName("min-connect-interval")
    @WithDefault("100MS")
    Duration minConnectInterval();

    /** Cap on relay tests per minute per target. */
    @WithName("tests-per-minute")
    @WithDefault("300")
    int testsPerMinute();

    /** Global limit on targets probed at the same time. */
    @WithName("max-concurrent")
    @WithDefault("16")
    int maxConcurrent();

    /** Local address to connect from (the prober's source as the target sees it). */
    @WithName("source-address")
    Optional<String> sourceAddress();

    /** How often the process running a probe records that it is alive. */
    @WithName("heartbeat-every")
    @WithDefault("30S")
    Duration heartbeatEvery();

    /** A running probe without a heartbeat for this long lost its process and is closed as failed. */
    @WithDefault("120S")
    Duration lease();
}
