package org.mtabaseline.attest.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * OSCAL 1.1.2 assessment-results for one period: one inventory item per asset, one observation per
 * asset and evaluated control (evidence: the signed attestation), one finding per control result.
 * UUIDs are name-based (v5) so that re-exporting a period yields the same document identifiers.
 */
public final class OscalAssessmentResults {

    public static final String OSCAL_VERSION = "1.1.2";
    public static final String NS = "https://mtabaseline.org/ns/oscal";
    private static final UUID NAMESPACE = UUID.fromString("6f1c1b1e-3b7a-5d0e-9a43-6d74612d6261");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private OscalAssessmentResults() {
    }

    /**
     * @param attestationHref base of the attestation links, e.g. {@code /api/v1/attestations/}
     */
    public static ObjectNode render(PeriodReport r, String attestationHref) {
        YearMonth ym = YearMonth.parse(r.period());
        String start = ym.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
        String end = ym.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1).toString();

        ObjectNode root = F.objectNode();
        ObjectNode ar = root.putObject("assessment-results");
        ar.put("uuid", uuid("assessment-results", r.period(), r.generatedAt().toString()).toString());
        ObjectNode meta = ar.putObject("metadata");
        meta.put("title", "MTA baseline assessment results " + r.period());
        meta.put("last-modified", r.generatedAt().toString());
        meta.put("version", r.period());
        meta.put("oscal-version", OSCAL_VERSION);
        if (r.policyDigest() != null) {
            prop(meta.putArray("props"), "policy-bundle-digest", r.policyDigest());
        }
        ar.putObject("import-ap").put("href", "#mta-baseline-assessment-plan")
                .put("remarks", "Monthly attestation run of mta-baseline; the plan is the policy bundle named in metadata.");

        ObjectNode result = ar.putArray("results").addObject();
        result.put("uuid", uuid("result", r.period()).toString());
        result.put("title", "MTA baseline " + r.period());
        result.put("description", "Period attestations of " + r.assets().size() + " assets: " + r.count("pass")
                + " pass, " + r.count("fail") + " fail, " + r.count("no_evidence") + " without evidence.");
        result.put("start", start);
        result.put("end", end);
        ArrayNode items = F.arrayNode();
        for (PeriodReport.AssetEntry a : r.assets()) {
            ObjectNode item = items.addObject();
            item.put("uuid", assetUuid(a).toString());
            item.put("description", "Asset " + a.assetId() + (a.hostname() == null ? "" : " (" + a.hostname() + ")"));
            ArrayNode props = item.putArray("props");
            prop(props, "asset-id", a.assetId());
            prop(props, "period-status", a.status());
            if (a.hostname() != null && !a.hostname().isBlank()) {
                prop(props, "hostname", a.hostname());
            }
        }
        if (!items.isEmpty()) {
            result.putObject("local-definitions").set("inventory-items", items);
        }
        result.putObject("reviewed-controls").putArray("control-selections").addObject().putObject("include-all");

        ArrayNode observations = F.arrayNode();
        ArrayNode findings = F.arrayNode();
        for (PeriodReport.AssetEntry a : r.assets()) {
            if (a.controls().isEmpty()) {
                ObjectNode o = observations.addObject();
                o.put("uuid", uuid("observation", r.period(), a.assetId(), "no_evidence").toString());
                o.put("title", "No evidence for " + a.assetId());
                o.put("description", "No evaluation of this asset in " + r.period() + ".");
                o.putArray("methods").add("UNKNOWN");
                subject(o, a);
                evidence(o, a, attestationHref);
                o.put("collected", r.generatedAt().toString());
                continue;
            }
            for (PeriodReport.ControlEntry c : a.controls()) {
                ObjectNode o = observations.addObject();
                UUID obsUuid = uuid("observation", r.period(), a.assetId(), c.controlId());
                o.put("uuid", obsUuid.toString());
                o.put("title", c.controlId() + " on " + a.assetId());
                o.put("description", text(c.reason(), "Control " + c.controlId() + ": " + c.status()));
                o.putArray("methods").add("TEST");
                prop(o.putArray("props"), "control-status", c.status());
                subject(o, a);
                evidence(o, a, attestationHref);
                o.put("collected", (a.evaluatedAt() == null ? r.generatedAt() : a.evaluatedAt()).toString());
                if (!"pass".equals(c.status()) && !"fail".equals(c.status())) {
                    continue; // not_applicable and error are observed, but are no finding about the control
                }
                ObjectNode f = findings.addObject();
                f.put("uuid", uuid("finding", r.period(), a.assetId(), c.controlId()).toString());
                f.put("title", text(c.title(), c.controlId()) + " - " + a.assetId());
                f.put("description", text(c.reason(), c.status()));
                if (c.severity() != null && !c.severity().isBlank()) {
                    prop(f.putArray("props"), "severity", c.severity());
                }
                ObjectNode target = f.putObject("target");
                target.put("type", "objective-id");
                target.put("target-id", c.controlId());
                ObjectNode status = target.putObject("status");
                status.put("state", "pass".equals(c.status()) ? "satisfied" : "not-satisfied");
                status.put("reason", c.status());
                if ("fail".equals(c.status()) && c.remediation() != null && !c.remediation().isBlank()) {
                    target.put("remarks", "Remediation: " + c.remediation().strip());
                }
                f.putArray("related-observations").addObject().put("observation-uuid", obsUuid.toString());
            }
        }
        if (!observations.isEmpty()) {
            result.set("observations", observations);
        }
        if (!findings.isEmpty()) {
            result.set("findings", findings);
        }
        return root;
    }

    private static void subject(ObjectNode observation, PeriodReport.AssetEntry a) {
        observation.putArray("subjects").addObject()
                .put("subject-uuid", assetUuid(a).toString()).put("type", "inventory-item");
    }

    private static void evidence(ObjectNode observation, PeriodReport.AssetEntry a, String attestationHref) {
        if (a.attestationId() == null) {
            return;
        }
        ObjectNode e = observation.putArray("relevant-evidence").addObject();
        e.put("href", attestationHref + a.attestationId());
        e.put("description", "DSSE-signed in-toto attestation" + (a.attestationDigest() == null ? ""
                : ", payload sha256 " + a.attestationDigest()));
    }

    private static UUID assetUuid(PeriodReport.AssetEntry a) {
        return uuid("asset", a.assetId());
    }

    private static void prop(ArrayNode props, String name, String value) {
        props.addObject().put("name", name).put("ns", NS).put("value", value.strip());
    }

    private static String text(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1), as OSCAL accepts only versions 4 and 5. */
    static UUID uuid(String... parts) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            sha1.update(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
            byte[] h = sha1.digest();
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
