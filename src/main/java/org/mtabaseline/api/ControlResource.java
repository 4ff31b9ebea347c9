package org.mtabaseline.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.policy.Control;
import org.mtabaseline.policy.PolicyEngine;

@Path("/api/v1/controls")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "controls")
public class ControlResource {

    /** The catalogue with the digest and engine it belongs to. */
    public record Catalogue(String policyDigest, String engine, List<Control> controls) {
    }

    private final PolicyEngine policy;

    ControlResource(PolicyEngine policy) {
        this.policy = policy;
    }

    @GET
    @Operation(summary = "The control catalogue, read from the policies' METADATA annotations")
    public Catalogue list() {
        return new Catalogue(policy.policyDigest(), policy.engine(), policy.catalogue());
    }

    @GET
    @Path("{id}")
    public Control get(@PathParam("id") String id) {
        return policy.catalogue().stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("control", id));
    }
}
