package org.mtabaseline.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.attest.PeriodReports;
import org.mtabaseline.attest.report.CsvReport;
import org.mtabaseline.attest.report.HtmlReport;
import org.mtabaseline.attest.report.OscalAssessmentResults;
import org.mtabaseline.attest.report.PeriodReport;

/** Exports of a month's attestations: OSCAL assessment-results, CSV, HTML. */
@Path("/api/v1/reports/{period}")
@Tag(name = "attestations")
public class ReportResource {

    private final PeriodReports reports;

    ReportResource(PeriodReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("oscal")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OSCAL 1.1.2 assessment-results of the month")
    public Response oscal(@PathParam("period") String period) {
        PeriodReport r = report(period);
        return attachment(OscalAssessmentResults.render(r, "/api/v1/attestations/"), MediaType.APPLICATION_JSON,
                "mta-baseline-" + r.period() + "-oscal-ar.json");
    }

    @GET
    @Path("csv")
    @Produces("text/csv")
    @Operation(summary = "CSV: one row per asset and control")
    public Response csv(@PathParam("period") String period) {
        PeriodReport r = report(period);
        return attachment(CsvReport.render(r), "text/csv; charset=utf-8", "mta-baseline-" + r.period() + ".csv");
    }

    @GET
    @Path("html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Report for people: summary, failed controls by asset, remediation, change since the previous month")
    public Response html(@PathParam("period") String period) {
        return Response.ok(HtmlReport.render(report(period)), "text/html; charset=utf-8").build();
    }

    private PeriodReport report(String period) {
        YearMonth ym = AttestationRunResource.period(period);
        PeriodReport r = reports.of(ym);
        if (r == null) {
            throw new ProblemException(404, "no-attestations", "No attestations for the period",
                    "no period attestations for " + ym + "; start a run with POST /api/v1/attestation-runs?period=" + ym)
                    .field("period");
        }
        return r;
    }

    private static Response attachment(Object body, String type, String filename) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"" + filename + "\"").build();
    }
}
