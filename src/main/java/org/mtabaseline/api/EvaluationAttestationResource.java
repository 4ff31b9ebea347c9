package org.mtabaseline.api;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.store.Attestation;
import org.mtabaseline.store.Evaluation;

/** The attestation of a stored evaluation. */
@Path("/api/v1/evaluations/{id}/attestation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "attestations")
public class EvaluationAttestationResource {

    @GET
    @Transactional
    @Operation(summary = "The DSSE envelope attesting an evaluation")
    public Response ofEvaluation(@PathParam("id") String id) {
        UUID uuid = AttestationResource.uuid(id, "evaluation");
        if (Evaluation.findById(uuid) == null) {
            throw ProblemException.notFound("evaluation", id);
        }
        Attestation a = Attestation.ofEvaluation(uuid)
                .orElseThrow(() -> ProblemException.notFound("attestation of evaluation", id));
        return AttestationResource.envelope(a);
    }
}
