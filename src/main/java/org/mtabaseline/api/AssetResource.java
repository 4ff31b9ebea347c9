package org.mtabaseline.api;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.store.Asset;
import org.mtabaseline.store.Evaluation;

@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "assets")
public class AssetResource {

    /** CMDB ids: host names, serial numbers, UUIDs; no '/' or spaces. */
    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}";

    private final AssetService assets;
    private final Paging paging;

    AssetResource(AssetService assets, Paging paging) {
        this.assets = assets;
        this.paging = paging;
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Register or update an asset (idempotent): 201 when new, 200 when updated")
    public Response put(@PathParam("id") @Pattern(regexp = ID_PATTERN, message = "must be a CMDB id") String id,
                        @NotNull @Valid AssetRequest request, @Context UriInfo uri) {
        AssetService.Upsert upsert = assets.put(id, request);
        AssetView view = AssetView.of(upsert.asset());
        return upsert.created()
                ? Response.created(uri.getAbsolutePath()).entity(view).build()
                : Response.ok(view).build();
    }

    @GET
    @Path("{id}")
    @Transactional
    public AssetView get(@PathParam("id") String id) {
        return AssetView.of(find(id));
    }

    @GET
    @Transactional
    @Operation(summary = "List assets; filters: environment, role, mta, owner, hostname (* wildcard), tag=name or name:value")
    public PageView<AssetView> list(@QueryParam("environment") String environment, @QueryParam("role") String role,
                                    @QueryParam("mta") String mta, @QueryParam("owner") String owner,
                                    @QueryParam("hostname") String hostname, @QueryParam("tag") String tag,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging.Window w = paging.window(page, size);
        String tagName = null;
        String tagValue = null;
        if (tag != null) {
            int colon = tag.indexOf(':');
            tagName = colon < 0 ? tag : tag.substring(0, colon);
            tagValue = colon < 0 ? null : tag.substring(colon + 1);
        }
        Asset.Filter f = new Asset.Filter(environment, role, mta, owner, hostname, tagName, tagValue);
        List<AssetView> items = Asset.list(f, w.page(), w.size()).stream().map(AssetView::of).toList();
        return new PageView<>(items, w.page(), w.size(), Asset.count(f));
    }

    @GET
    @Path("{id}/evaluations")
    @Transactional
    @Operation(summary = "The asset's evaluations, newest first")
    public PageView<EvaluationView> evaluations(@PathParam("id") String id, @QueryParam("page") Integer page,
                                                @QueryParam("size") Integer size) {
        Paging.Window w = paging.window(page, size);
        find(id);
        List<EvaluationView> items = Evaluation.ofAsset(id, w.page(), w.size()).stream()
                .map(EvaluationView::of).toList();
        return new PageView<>(items, w.page(), w.size(), Evaluation.countOfAsset(id));
    }

    private static Asset find(String id) {
        Asset a = Asset.findById(id);
        if (a == null) {
            throw ProblemException.notFound("asset", id);
        }
        return a;
    }
}
