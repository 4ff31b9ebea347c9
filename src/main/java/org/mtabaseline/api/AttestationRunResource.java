package org.mtabaseline.api;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.attest.MonthlyRun;
import org.mtabaseline.store.AttestationRun;

/** The monthly attestation run: start one on demand, follow its progress. */
@Path("/api/v1/attestation-runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "attestations")
public class AttestationRunResource {

    private final MonthlyRun runs;

    AttestationRunResource(MonthlyRun runs) {
        this.runs = runs;
    }

    @POST
    @Operation(summary = "Attest a month now (202); a run already going for the month is returned instead of a second")
    public Response start(@QueryParam("period") String period, @Context UriInfo uri) {
        YearMonth ym = period(period);
        AttestationRun run;
        try {
            run = runs.start(ym, "api");
        } catch (MonthlyRun.PeriodNotClosedException e) {
            throw ProblemException.unprocessable("period-not-closed", "Period not closed", e.getMessage()).field("period");
        }
        return Response.accepted(view(run)).location(uri.getBaseUriBuilder().path("api/v1/attestation-runs")
                .path(run.id.toString()).build()).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "Progress (done/total) and outcome of a run")
    public Map<String, Object> get(@PathParam("id") String id) {
        AttestationRun run = null;
        try {
            run = AttestationRun.findById(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            // falls through to 404
        }
        if (run == null) {
            throw ProblemException.notFound("attestation run", id);
        }
        return view(run);
    }

    @GET
    @Transactional
    @Operation(summary = "Runs, newest first, optionally of one period")
    public List<Map<String, Object>> list(@QueryParam("period") String period) {
        List<AttestationRun> list = period == null
                ? AttestationRun.list("order by startedAt desc")
                : AttestationRun.list("period = ?1 order by startedAt desc", period(period).toString());
        return list.stream().map(AttestationRunResource::view).toList();
    }

    static YearMonth period(String period) {
        if (period == null || !period.matches("\\d{4}-\\d{2}")) {
            throw ProblemException.badRequest("invalid-period", "Invalid period",
                    "period must be a month as YYYY-MM, got " + (period == null ? "nothing" : "'" + period + "'")).field("period");
        }
        try {
            return YearMonth.parse(period);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-period", "Invalid period", "'" + period + "' is not a month").field("period");
        }
    }

    static Map<String, Object> view(AttestationRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id);
        m.put("period", r.period);
        m.put("state", r.state);
        m.put("trigger", r.trigger);
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("done", r.done);
        progress.put("total", r.total);
        m.put("progress", progress);
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("attested", r.attested);
        outcome.put("no_evidence", r.noEvidence);
        outcome.put("already_attested", r.already);
        m.put("outcome", outcome);
        m.put("started_at", r.startedAt);
        m.put("finished_at", r.finishedAt);
        m.put("error", r.error);
        return m;
    }
}
