package org.mtabaseline.attest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mtabaseline.attest.report.PeriodReport;
import org.mtabaseline.store.Attestation;
import org.mtabaseline.store.Evaluation;

/** Reads a period's attestations (and the previous month's) from the store into a {@link PeriodReport}. */
@ApplicationScoped
public class PeriodReports {

    private final EntityManager em;

    PeriodReports(EntityManager em) {
        this.em = em;
    }

    /** Null when the period has no attestations (no run yet). */
    @Transactional
    public PeriodReport of(YearMonth period) {
        List<String> policyDigests = new ArrayList<>();
        List<PeriodReport.AssetEntry> now = entries(period.toString(), policyDigests);
        if (now.isEmpty()) {
            return null;
        }
        String previous = period.minusMonths(1).toString();
        List<PeriodReport.AssetEntry> before = entries(previous, new ArrayList<>());
        // the newest evaluation's bundle; assets evaluated under other bundles keep theirs in their attestation
        String digest = policyDigests.isEmpty() ? null : policyDigests.get(policyDigests.size() - 1);
        return new PeriodReport(period.toString(), Instant.now(), digest, now, before.isEmpty() ? null : previous, before);
    }

    private List<PeriodReport.AssetEntry> entries(String period, List<String> policyDigests) {
        List<Attestation> attestations = Attestation.ofPeriod(period);
        Map<String, String> hostnames = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT a.id, a.hostname FROM asset a JOIN attestation t ON t.asset_id = a.id "
                + "WHERE t.period = :p").setParameter("p", period).getResultList()) {
            Object[] r = (Object[]) row;
            hostnames.put((String) r[0], (String) r[1]);
        }
        Map<UUID, Evaluation> evaluations = new HashMap<>();
        List<UUID> evaluationIds = attestations.stream().map(a -> a.evaluationId).filter(id -> id != null).toList();
        for (int i = 0; i < evaluationIds.size(); i += 1000) {
            for (Evaluation e : Evaluation.<Evaluation>list("id in ?1", evaluationIds.subList(i, Math.min(i + 1000, evaluationIds.size())))) {
                evaluations.put(e.id, e);
            }
        }
        List<PeriodReport.AssetEntry> entries = new ArrayList<>(attestations.size());
        for (Attestation a : attestations) {
            Evaluation e = a.evaluationId == null ? null : evaluations.get(a.evaluationId);
            List<PeriodReport.ControlEntry> controls = new ArrayList<>();
            if (e != null) {
                if (e.policyDigest != null && !policyDigests.contains(e.policyDigest)) {
                    policyDigests.add(e.policyDigest);
                }
                for (JsonNode c : e.results == null ? List.<JsonNode>of() : iterable(e.results)) {
                    controls.add(new PeriodReport.ControlEntry(text(c, "control"), text(c, "title"), text(c, "severity"),
                            text(c, "status"), text(c, "reason"), remediation(c.get("remediation")), c.get("evidence")));
                }
            }
            entries.add(new PeriodReport.AssetEntry(a.assetId, hostnames.get(a.assetId), a.status,
                    e == null ? null : e.id.toString(), e == null ? null : e.evaluatedAt, a.id.toString(), a.payloadDigest, controls));
        }
        return entries;
    }

    private static Iterable<JsonNode> iterable(JsonNode results) {
        if (results.isArray()) {
            return results;
        }
        // tolerate an object keyed by control id
        List<JsonNode> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue().deepCopy();
            if (v.isObject() && !v.has("control")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) v).put("control", f.getKey());
            }
            out.add(v);
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A remediation is text, or an object of MTA kind -> text. */
    static String remediation(JsonNode r) {
        if (r == null || r.isNull()) {
            return null;
        }
        if (r.isTextual()) {
            return r.asText();
        }
        StringBuilder out = new StringBuilder();
        r.fields().forEachRemaining(f -> out.append(out.length() == 0 ? "" : "\n").append(f.getKey()).append(": ")
                .append(f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
        return out.toString();
    }
}
