package org.mtabaseline.attest.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the exports of one period show: each asset's period attestation with its control results,
 * and the previous period's (may be empty) for the change section.
 */
public record PeriodReport(String period, Instant generatedAt, String policyDigest, List<AssetEntry> assets,
                           String previousPeriod, List<AssetEntry> previousAssets) {

    /** One asset in the period: {@code status} is pass, fail or no_evidence. */
    public record AssetEntry(String assetId, String hostname, String status, String evaluationId, Instant evaluatedAt,
                             String attestationId, String attestationDigest, List<ControlEntry> controls) {

        public List<ControlEntry> failed() {
            return controls.stream().filter(c -> "fail".equals(c.status())).toList();
        }
    }

    /** One control's result for an asset; remediation is the text for the asset's MTA kind, or null. */
    public record ControlEntry(String controlId, String title, String severity, String status, String reason,
                               String remediation, JsonNode evidence) {
    }

    /** An asset whose status differs from the previous period (previous is null for a new asset). */
    public record Change(String assetId, String previous, String current, List<String> newlyFailed, List<String> fixed) {
    }

    public long count(String status) {
        return assets.stream().filter(a -> status.equals(a.status())).count();
    }

    public long previousCount(String status) {
        return previousAssets.stream().filter(a -> status.equals(a.status())).count();
    }

    /** Assets whose status or set of failed controls changed since the previous period, by asset id. */
    public List<Change> changes() {
        Map<String, AssetEntry> before = previousAssets.stream()
                .collect(Collectors.toMap(AssetEntry::assetId, Function.identity(), (a, b) -> a, TreeMap::new));
        List<Change> changes = new ArrayList<>();
        for (AssetEntry now : assets) {
            AssetEntry then = before.get(now.assetId());
            List<String> failedNow = now.failed().stream().map(ControlEntry::controlId).toList();
            List<String> failedThen = then == null ? List.of() : then.failed().stream().map(ControlEntry::controlId).toList();
            List<String> newly = failedNow.stream().filter(c -> !failedThen.contains(c)).toList();
            List<String> fixed = failedThen.stream().filter(c -> !failedNow.contains(c)).toList();
            String previousStatus = then == null ? null : then.status();
            if (!Objects.equals(previousStatus, now.status()) || !newly.isEmpty() || !fixed.isEmpty()) {
                changes.add(new Change(now.assetId(), previousStatus, now.status(), newly, fixed));
            }
        }
        return changes;
    }
}
