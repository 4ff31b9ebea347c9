package org.mtabaseline.api;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.store.Probe;

@Path("/api/v1/probes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "probes")
public class ProbeResource {

    private final ProbeService probes;

    ProbeResource(ProbeService probes) {
        this.probes = probes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Probe targets (inside mta-baseline.probe.scope) for open relaying; runs in the background (202)")
    public Response start(@NotNull @Valid ProbeRequest request, @Context UriInfo uri) {
        Probe p = probes.start(request);
        return Response.accepted(ProbeView.of(p, 0))
                .location(uri.getAbsolutePathBuilder().path(p.id.toString()).build()).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "Status, progress and per-target results of a probe run")
    public ProbeView get(@PathParam("id") String id) {
        Probe p = null;
        UUID uuid = null;
        try {
            uuid = UUID.fromString(id);
            p = Probe.findById(uuid);
        } catch (IllegalArgumentException notAUuid) {
            // fall through: an id that is not a UUID names no probe
        }
        if (p == null) {
            throw ProblemException.notFound("probe", id);
        }
        return ProbeView.of(p, probes.liveTestsDone(uuid).orElse(null));
    }
}
