package org.mtabaseline.probe;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings of one probe run: the operator's {@link ProbeConfig} with the per-request overrides applied. */
public record ProbeOptions(
        String ehloName,
        String testDomain,
        String fromLocalPart,
        String toLocalPart,
        Optional<String> localRecipient,
        List<Integer> ports,
        Set<Integer> implicitTlsPorts,
        boolean starttls,
        Mode mode,
        Optional<String> sinkMailbox,
        Duration connectTimeout,
        Duration readTimeout,
        Duration totalTimeout,
        int sessionErrorBudget,
        Duration minConnectInterval,
        int testsPerMinute,
        Optional<InetAddress> sourceAddress,
        boolean evidence,
        Set<String> onlyTests) {

    /** How far a relay attempt goes. */
    public enum Mode {
        /** RSET after RCPT; never DATA (default: no mail is ever sent). */
        RCPT,
        /** DATA until 354, then hang up without a body (Tenable's threshold). */
        CONFIRM,
        /** Deliver one short message to the operator's sink mailbox to prove real relaying. */
        SINK;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String s) {
            return Mode.valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public ProbeOptions {
        ports = List.copyOf(ports);
        implicitTlsPorts = Set.copyOf(implicitTlsPorts);
        onlyTests = Set.copyOf(onlyTests);
        if (mode == Mode.SINK && sinkMailbox.isEmpty()) {
            throw new InvalidProbeOptionException("sink_mailbox", "mode sink needs a sink mailbox the operator owns");
        }
        if (sessionErrorBudget < 1) {
            throw new InvalidProbeOptionException("session_error_budget", "must be at least 1");
        }
        if (testsPerMinute < 1) {
            throw new InvalidProbeOptionException("tests_per_minute", "must be at least 1");
        }
    }

    /** Defaults that match the documented {@link ProbeConfig} defaults; handy for plain tests and the benchmark. */
    public static ProbeOptions defaults() {
        return new ProbeOptions("mta-baseline-probe.invalid", "example.net", "relaytest-from", "relaytest",
                Optional.empty(), List.of(25), Set.of(465), true, Mode.RCPT, Optional.empty(),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(120), 8,
                Duration.ofMillis(100), 300, Optional.empty(), true, Set.of());
    }

    public static ProbeOptions from(ProbeConfig c) {
        return new ProbeOptions(c.ehloName(), c.testDomain(), c.fromLocalPart(), c.toLocalPart(), c.localRecipient(),
                c.ports(), new LinkedHashSet<>(c.implicitTlsPorts()), c.starttls(), c.mode(), c.sinkMailbox(),
                c.connectTimeout(), c.readTimeout(), c.totalTimeout(), c.sessionErrorBudget(),
                c.minConnectInterval(), c.testsPerMinute(), c.sourceAddress().map(ProbeOptions::address), true,
                Set.of());
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new InvalidProbeOptionException("source_address", "not an address: " + literal);
        }
    }

    public ProbeOptions withTimeouts(Duration connect, Duration read, Duration total) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, starttls, mode, sinkMailbox, connect, read, total, sessionErrorBudget,
                minConnectInterval, testsPerMinute, sourceAddress, evidence, onlyTests);
    }

    public ProbeOptions withMode(Mode m, Optional<String> sink) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, starttls, m, sink, connectTimeout, readTimeout, totalTimeout, sessionErrorBudget,
                minConnectInterval, testsPerMinute, sourceAddress, evidence, onlyTests);
    }

    public ProbeOptions withRate(Duration minInterval, int perMinute) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, starttls, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout,
                sessionErrorBudget, minInterval, perMinute, sourceAddress, evidence, onlyTests);
    }

    public ProbeOptions withSessionErrorBudget(int budget) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, starttls, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout, budget,
                minConnectInterval, testsPerMinute, sourceAddress, evidence, onlyTests);
    }

    public ProbeOptions withSourceAddress(InetAddress source) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, starttls, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout,
                sessionErrorBudget, minConnectInterval, testsPerMinute, Optional.ofNullable(source), evidence,
                onlyTests);
    }

    public ProbeOptions withOnlyTests(Set<String> ids) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, starttls, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout,
                sessionErrorBudget, minConnectInterval, testsPerMinute, sourceAddress, evidence, ids);
    }

    public ProbeOptions withStarttls(boolean on) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, ports,
                implicitTlsPorts, on, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout,
                sessionErrorBudget, minConnectInterval, testsPerMinute, sourceAddress, evidence, onlyTests);
    }

    public ProbeOptions withPorts(List<Integer> defaultPorts, Set<Integer> implicitTls) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, localRecipient, defaultPorts,
                implicitTls, starttls, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout,
                sessionErrorBudget, minConnectInterval, testsPerMinute, sourceAddress, evidence, onlyTests);
    }

    public ProbeOptions withLocalRecipient(String rcpt) {
        return new ProbeOptions(ehloName, testDomain, fromLocalPart, toLocalPart, Optional.ofNullable(rcpt), ports,
                implicitTlsPorts, starttls, mode, sinkMailbox, connectTimeout, readTimeout, totalTimeout,
                sessionErrorBudget, minConnectInterval, testsPerMinute, sourceAddress, evidence, onlyTests);
    }

    /**
     * Applies the {@code options} object of a probe request. Only safe knobs are open to callers: the operator's
     * limits (scope, rate, concurrency, source address) stay as configured; timeouts may only be lowered.
     */
    public ProbeOptions withOverrides(JsonNode overrides) {
        if (overrides == null || overrides.isNull() || overrides.isEmpty()) {
            return this;
        }
        if (!overrides.isObject()) {
            throw new InvalidProbeOptionException("options", "must be a JSON object");
        }
        String ehlo = ehloName, domain = testDomain, rcpt = localRecipient.orElse(null);
        List<Integer> p = ports;
        boolean tls = starttls;
        Mode m = mode;
        Optional<String> sink = sinkMailbox;
        Duration ct = connectTimeout, rt = readTimeout, tt = totalTimeout;
        Set<String> only = onlyTests;
        Iterator<Map.Entry<String, JsonNode>> it = overrides.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "options." + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "ehlo_name" -> ehlo = text(field, v);
                case "test_domain" -> domain = text(field, v);
                case "local_recipient" -> rcpt = text(field, v);
                case "starttls" -> tls = bool(field, v);
                case "mode" -> {
                    try {
                        m = Mode.parse(text(field, v));
                    } catch (IllegalArgumentException ex) {
                        throw new InvalidProbeOptionException(field, "must be one of rcpt, confirm, sink");
                    }
                }
                case "sink_mailbox" -> sink = Optional.of(text(field, v));
                case "ports" -> {
                    if (!v.isArray() || v.isEmpty()) {
                        throw new InvalidProbeOptionException(field, "must be a non-empty array of port numbers");
                    }
                    List<Integer> list = new ArrayList<>();
                    v.forEach(n -> list.add(port(field, n)));
                    p = list;
                }
                case "connect_timeout_ms" -> ct = lowered(field, v, connectTimeout);
                case "read_timeout_ms" -> rt = lowered(field, v, readTimeout);
                case "total_timeout_ms" -> tt = lowered(field, v, totalTimeout);
                case "tests" -> {
                    if (!v.isArray()) {
                        throw new InvalidProbeOptionException(field, "must be an array of test ids such as \"R01\"");
                    }
                    Set<String> ids = new LinkedHashSet<>();
                    for (JsonNode n : v) {
                        String id = text(field, n).toUpperCase(Locale.ROOT);
                        if (!RelayBattery.KNOWN_IDS.contains(id)) {
                            throw new InvalidProbeOptionException(field, "unknown test id " + id);
                        }
                        ids.add(id);
                    }
                    only = ids;
                }
                default -> throw new InvalidProbeOptionException(field,
                        "unknown option; known: ehlo_name, test_domain, local_recipient, starttls, mode, "
                                + "sink_mailbox, ports, connect_timeout_ms, read_timeout_ms, total_timeout_ms, tests");
            }
        }
        return new ProbeOptions(ehlo, domain, fromLocalPart, toLocalPart, Optional.ofNullable(rcpt), p,
                implicitTlsPorts, tls, m, sink, ct, rt, tt, sessionErrorBudget, minConnectInterval, testsPerMinute,
                sourceAddress, evidence, only);
    }

    private static String text(String field, JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank() || v.asText().matches(".*[\\r\\n<>].*")) {
            throw new InvalidProbeOptionException(field, "must be a non-empty string without CR, LF, < or >");
        }
        return v.asText().trim();
    }

    private static boolean bool(String field, JsonNode v) {
        if (!v.isBoolean()) {
            throw new InvalidProbeOptionException(field, "must be true or false");
        }
        return v.asBoolean();
    }

    private static int port(String field, JsonNode v) {
        if (!v.canConvertToInt() || v.asInt() < 1 || v.asInt() > 65535) {
            throw new InvalidProbeOptionException(field, "port must be 1..65535");
        }
        return v.asInt();
    }

    private static Duration lowered(String field, JsonNode v, Duration max) {
        if (!v.canConvertToLong() || v.asLong() < 1) {
            throw new InvalidProbeOptionException(field, "must be a positive number of milliseconds");
        }
        Duration d = Duration.ofMillis(v.asLong());
        if (d.compareTo(max) > 0) {
            throw new InvalidProbeOptionException(field, "may not exceed the configured " + max.toMillis() + " ms");
        }
        return d;
    }
}
