package org.mtabaseline.api;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.attest.Chain;
import org.mtabaseline.store.Asset;
import org.mtabaseline.store.Attestation;

/** An asset's attestation chain and its check. */
@Path("/api/v1/assets/{id}/attestations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "attestations")
public class AssetAttestationResource {

    private final Chain chain;

    AssetAttestationResource(Chain chain) {
        this.chain = chain;
    }

    @GET
    @Transactional
    @Operation(summary = "The asset's attestation chain, oldest first (metadata; the envelopes are at /attestations/{id})")
    public List<Map<String, Object>> chainOf(@PathParam("id") String id) {
        requireAsset(id);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Attestation a : Attestation.chainOf(id)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id);
            m.put("seq", a.seq);
            m.put("kind", a.kind);
            m.put("status", a.status);
            m.put("period", a.period);
            m.put("evaluation_id", a.evaluationId);
            m.put("key_id", a.keyId);
            m.put("payload_digest", a.payloadDigest);
            m.put("previous_digest", a.previousDigest);
            m.put("created_at", a.createdAt);
            out.add(m);
        }
        return out;
    }

    @GET
    @Path("verify")
    @Transactional
    @Operation(summary = "Walk the asset's hash chain: valid, or the first break and why")
    public Map<String, Object> verifyChain(@PathParam("id") String id) {
        requireAsset(id);
        Chain.Verdict v = chain.verify(id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("asset_id", v.assetId());
        out.put("length", v.length());
        out.put("valid", v.valid());
        if (v.firstBreak() != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("attestation_id", v.firstBreak().attestationId());
            b.put("seq", v.firstBreak().seq());
            b.put("reason", v.firstBreak().reason());
            out.put("first_break", b);
        } else {
            out.put("first_break", null);
        }
        out.put("key_ids", v.keyIds());
        return out;
    }

    private static void requireAsset(String id) {
        if (Asset.findById(id) == null) {
            throw ProblemException.notFound("asset", id);
        }
    }

}
