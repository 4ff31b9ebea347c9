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
import org.mtabaseline.store.Evaluation;

@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "evaluations")
public class EvaluationResource {

    private final EvaluationService evaluations;

    EvaluationResource(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Evaluate an MTA configuration against the baseline and store the result (201)")
    public Response evaluate(@NotNull @Valid EvaluationRequest request, @Context UriInfo uri) {
        Evaluation e = evaluations.evaluate(request);
        return Response.created(uri.getAbsolutePathBuilder().path(e.id.toString()).build())
                .entity(EvaluationView.of(e)).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public EvaluationView get(@PathParam("id") String id) {
        Evaluation e = null;
        try {
            e = Evaluation.findById(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            // fall through: an id that is not a UUID names no evaluation
        }
        if (e == null) {
            throw ProblemException.notFound("evaluation", id);
        }
        return EvaluationView.of(e);
    }
}
