package org.mtabaseline.attest.report;

import java.util.List;

/** RFC 4180 CSV: one row per asset and control; an asset without controls (no_evidence) gets one row. */
public final class CsvReport {

    public static final List<String> HEADER = List.of("period", "asset_id", "hostname", "asset_status", "control_id",
            "title", "severity", "control_status", "reason", "evaluation_id", "evaluated_at", "attestation_id");

    private CsvReport() {
    }

    public static String render(PeriodReport report) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (PeriodReport.AssetEntry a : report.assets()) {
            if (a.controls().isEmpty()) {
                row(out, List.of(report.period(), a.assetId(), n(a.hostname()), a.status(), "", "", "", "", "",
                        n(a.evaluationId()), a.evaluatedAt() == null ? "" : a.evaluatedAt().toString(), n(a.attestationId())));
            }
            for (PeriodReport.ControlEntry c : a.controls()) {
                row(out, List.of(report.period(), a.assetId(), n(a.hostname()), a.status(), n(c.controlId()), n(c.title()),
                        n(c.severity()), n(c.status()), n(c.reason()), n(a.evaluationId()),
                        a.evaluatedAt() == null ? "" : a.evaluatedAt().toString(), n(a.attestationId())));
            }
        }
        return out.toString();
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String quote(String cell) {
        // A leading = + - @ would be run as a formula by spreadsheet programs; a quote mark neutralises it.
        String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
