package org.mtabaseline.attest.report;

import java.util.List;

/** The monthly report for people: summary, failed controls by asset with remediation, no-evidence list, change. */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(PeriodReport r) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>MTA baseline report ")
                .append(esc(r.period())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #999;padding:.3em .6em;"
                        + "text-align:left;vertical-align:top}.fail{color:#a00}.pass{color:#070}.no_evidence{color:#a60}"
                        + "pre{white-space:pre-wrap;margin:0}</style></head><body>\n");
        h.append("<h1>MTA baseline report ").append(esc(r.period())).append("</h1>\n<p>Generated ")
                .append(esc(r.generatedAt().toString())).append(r.policyDigest() == null ? "" : ", policy bundle <code>"
                        + esc(r.policyDigest()) + "</code>").append(".</p>\n");

        h.append("<h2 id=\"summary\">Summary</h2>\n<table><tr><th>Status</th><th>").append(esc(r.period())).append("</th>");
        boolean hasPrevious = r.previousPeriod() != null;
        if (hasPrevious) {
            h.append("<th>").append(esc(r.previousPeriod())).append("</th><th>Change</th>");
        }
        h.append("</tr>\n");
        for (String status : List.of("pass", "fail", "no_evidence")) {
            long now = r.count(status);
            h.append("<tr><td class=\"").append(status).append("\">").append(status).append("</td><td>").append(now).append("</td>");
            if (hasPrevious) {
                long then = r.previousCount(status);
                h.append("<td>").append(then).append("</td><td>").append(now - then >= 0 ? "+" : "").append(now - then).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("<tr><td>total</td><td>").append(r.assets().size()).append("</td>");
        if (hasPrevious) {
            h.append("<td>").append(r.previousAssets().size()).append("</td><td></td>");
        }
        h.append("</tr></table>\n");

        h.append("<h2 id=\"failed\">Failed controls by asset</h2>\n");
        boolean anyFailed = false;
        for (PeriodReport.AssetEntry a : r.assets()) {
            List<PeriodReport.ControlEntry> failed = a.failed();
            if (failed.isEmpty()) {
                continue;
            }
            anyFailed = true;
            h.append("<h3>").append(esc(a.assetId())).append(a.hostname() == null ? "" : " (" + esc(a.hostname()) + ")")
                    .append("</h3>\n<p>Evaluation <code>").append(esc(a.evaluationId())).append("</code> at ")
                    .append(a.evaluatedAt() == null ? "" : esc(a.evaluatedAt().toString())).append(", attestation <code>")
                    .append(esc(a.attestationId())).append("</code></p>\n<table><tr><th>Control</th><th>Severity</th>"
                            + "<th>Title</th><th>Why</th><th>Remediation</th></tr>\n");
            for (PeriodReport.ControlEntry c : failed) {
                h.append("<tr><td>").append(esc(c.controlId())).append("</td><td>").append(esc(c.severity()))
                        .append("</td><td>").append(esc(c.title())).append("</td><td>").append(esc(c.reason()))
                        .append("</td><td><pre>").append(esc(c.remediation())).append("</pre></td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!anyFailed) {
            h.append("<p>No control failed.</p>\n");
        }

        h.append("<h2 id=\"no-evidence\">Assets without evidence</h2>\n");
        List<PeriodReport.AssetEntry> missing = r.assets().stream().filter(a -> "no_evidence".equals(a.status())).toList();
        if (missing.isEmpty()) {
            h.append("<p>Every asset was evaluated in ").append(esc(r.period())).append(".</p>\n");
        } else {
            h.append("<ul>\n");
            for (PeriodReport.AssetEntry a : missing) {
                h.append("<li>").append(esc(a.assetId())).append(a.hostname() == null ? "" : " (" + esc(a.hostname()) + ")")
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }

        h.append("<h2 id=\"change\">Change since ").append(hasPrevious ? esc(r.previousPeriod()) : "the previous month")
                .append("</h2>\n");
        List<PeriodReport.Change> changes = r.changes();
        if (!hasPrevious) {
            h.append("<p>No attestations for the previous month.</p>\n");
        } else if (changes.isEmpty()) {
            h.append("<p>No change.</p>\n");
        } else {
            h.append("<table><tr><th>Asset</th><th>Before</th><th>Now</th><th>Newly failed</th><th>Fixed</th></tr>\n");
            for (PeriodReport.Change c : changes) {
                h.append("<tr><td>").append(esc(c.assetId())).append("</td><td>")
                        .append(c.previous() == null ? "new asset" : esc(c.previous())).append("</td><td class=\"")
                        .append(esc(c.current())).append("\">").append(esc(c.current())).append("</td><td>")
                        .append(esc(String.join(", ", c.newlyFailed()))).append("</td><td>")
                        .append(esc(String.join(", ", c.fixed()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
