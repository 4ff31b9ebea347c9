package org.mtabaseline.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Everything the probe learned about one target (address and port). {@link #toInput()} gives the {@code probe}
 * object of the policy input (CONTRACTS.md section 3) without the transcript.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProbeReport(String target, String address, int port, String banner, boolean bannerDisclosesVersion,
                          String bannerSoftware, List<String> capabilities, boolean starttls, TlsDetails tls,
                          List<String> authBeforeTls, List<String> authMechanisms, String vrfy, String expn,
                          Long size, RelayVerdict relay, String relayReason, List<ProbeTestResult> tests,
                          List<TranscriptLine> transcript, int sessions, String startedAt, long durationMs,
                          String error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProbeReport {
        capabilities = List.copyOf(capabilities);
        authBeforeTls = List.copyOf(authBeforeTls);
        authMechanisms = List.copyOf(authMechanisms);
        tests = List.copyOf(tests);
        transcript = List.copyOf(transcript);
    }

    /** The policy-input {@code probe} object (snake_case, no transcript). */
    public ObjectNode toInput() {
        ObjectNode n = JSON.valueToTree(this);
        n.remove("transcript");
        return n;
    }

    public JsonNode toJson() {
        return JSON.valueToTree(this);
    }

    public long count(TestVerdict v) {
        return tests.stream().filter(t -> t.verdict() == v).count();
    }

    /**
     * Joins the reports of several ports of one asset into one {@code probe} object: the most severe relay verdict
     * wins (open over inconclusive over closed), tests and evidence are concatenated, the first target's banner and
     * TLS stand for the asset.
     */
    public static ProbeReport merge(List<ProbeReport> reports) {
        if (reports.size() == 1) {
            return reports.get(0);
        }
        ProbeReport first = reports.get(0);
        RelayVerdict relay = RelayVerdict.CLOSED;
        List<String> reasons = new ArrayList<>();
        List<ProbeTestResult> tests = new ArrayList<>();
        List<TranscriptLine> transcript = new ArrayList<>();
        LinkedHashSet<String> caps = new LinkedHashSet<>(), before = new LinkedHashSet<>(), mechs = new LinkedHashSet<>();
        boolean starttls = false, discloses = false;
        TlsDetails tls = null;
        int sessions = 0;
        long duration = 0;
        for (ProbeReport r : reports) {
            if (r.relay() == RelayVerdict.OPEN || (r.relay() == RelayVerdict.INCONCLUSIVE && relay == RelayVerdict.CLOSED)) {
                relay = r.relay();
            }
            reasons.add(r.target() + ": " + r.relayReason());
            tests.addAll(r.tests());
            transcript.addAll(r.transcript());
            caps.addAll(r.capabilities());
            before.addAll(r.authBeforeTls());
            mechs.addAll(r.authMechanisms());
            starttls |= r.starttls();
            discloses |= r.bannerDisclosesVersion();
            tls = tls == null ? r.tls() : tls;
            sessions += r.sessions();
            duration = Math.max(duration, r.durationMs());
        }
        return new ProbeReport(first.target(), first.address(), first.port(), first.banner(), discloses,
                first.bannerSoftware(), List.copyOf(caps), starttls, tls, List.copyOf(before), List.copyOf(mechs),
                worst(reports.stream().map(ProbeReport::vrfy).toList()),
                worst(reports.stream().map(ProbeReport::expn).toList()), first.size(), relay,
                String.join("; ", reasons), tests, transcript, sessions, first.startedAt(), duration, first.error());
    }

    private static String worst(List<String> states) {
        if (states.contains("enabled")) {
            return "enabled";
        }
        if (states.contains("ambiguous")) {
            return "ambiguous";
        }
        return states.contains("disabled") ? "disabled" : null;
    }
}
