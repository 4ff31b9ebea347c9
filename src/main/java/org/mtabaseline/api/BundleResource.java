package org.mtabaseline.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.policy.PolicyBundle;
import org.mtabaseline.policy.PolicyPack;

/** Serves policies/ as an OPA bundle, so an OPA sidecar (engine=opa) loads exactly the same rules. */
@Path("/api/v1/bundles")
@Tag(name = "policy")
public class BundleResource {

    private final PolicyPack pack;

    BundleResource(PolicyPack pack) {
        this.pack = pack;
    }

    @GET
    @Path(PolicyBundle.NAME + ".tar.gz")
    @Produces("application/gzip")
    @Operation(summary = "The policy pack as an OPA bundle; ETag is the policy digest (OPA polls with If-None-Match)")
    public Response bundle(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        PolicyBundle bundle = pack.bundle();
        EntityTag etag = new EntityTag(bundle.digest());
        if (ifNoneMatch != null && ifNoneMatch.replace("\"", "").strip().equals(bundle.digest())) {
            return Response.notModified(etag).build();
        }
        return Response.ok(bundle.tarGz()).tag(etag)
                .header("Content-Disposition", "attachment; filename=\"" + PolicyBundle.NAME + ".tar.gz\"")
                .build();
    }
}
