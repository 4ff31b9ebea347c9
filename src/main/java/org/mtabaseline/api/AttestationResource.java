package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.attest.AttestationKeys;
import org.mtabaseline.attest.Chain;
import org.mtabaseline.attest.InTotoStatement;
import org.mtabaseline.attest.sign.Envelope;
import org.mtabaseline.attest.sign.KeyRing;
import org.mtabaseline.attest.sign.VerificationKey;
import org.mtabaseline.store.Asset;
import org.mtabaseline.store.Attestation;
import org.mtabaseline.store.Evaluation;

/** Signed attestations (DSSE JSON), the public keys, envelope verification and the per-asset chain check. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "attestations")
public class AttestationResource {

    static final String PEM_MEDIA_TYPE = "application/x-pem-file";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AttestationKeys keys;
    private final Chain chain;

    AttestationResource(AttestationKeys keys, Chain chain) {
        this.keys = keys;
        this.chain = chain;
    }

    @GET
    @Path("evaluations/{id}/attestation")
    @Transactional
    @Operation(summary = "The DSSE envelope attesting an evaluation")
    public Response ofEvaluation(@PathParam("id") String id) {
        UUID uuid = uuid(id, "evaluation");
        if (Evaluation.findById(uuid) == null) {
            throw ProblemException.notFound("evaluation", id);
        }
        Attestation a = Attestation.ofEvaluation(uuid)
                .orElseThrow(() -> ProblemException.notFound("attestation of evaluation", id));
        return envelope(a);
    }

    @GET
    @Path("attestations/{id}")
    @Transactional
    @Operation(summary = "A DSSE envelope (in-toto Statement v1, Ed25519)")
    public Response get(@PathParam("id") String id) {
        Attestation a = Attestation.findById(uuid(id, "attestation"));
        if (a == null) {
            throw ProblemException.notFound("attestation", id);
        }
        return envelope(a);
    }

    @GET
    @Path("assets/{id}/attestations")
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
    @Path("assets/{id}/attestations/verify")
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

    @POST
    @Path("attestations/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Verify a DSSE envelope against the service's keys: valid or invalid with the reason")
    public Map<String, Object> verify(JsonNode body) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("invalid-envelope", "Invalid envelope",
                    "the body must be a DSSE envelope JSON object {payloadType, payload, signatures}");
        }
        Envelope env;
        try {
            env = JSON.treeToValue(body, Envelope.class);
        } catch (Exception e) {
            throw ProblemException.badRequest("invalid-envelope", "Invalid envelope",
                    "not a DSSE envelope: " + e.getMessage()).field("signatures");
        }
        KeyRing.Verification v = keys.ring().verify(env, InTotoStatement.PAYLOAD_TYPE);
        if (!v.valid() && v.reason() != null && v.reason().startsWith("unknown key id")) {
            v = keys.reload().verify(env, InTotoStatement.PAYLOAD_TYPE);
        }
        out.put("valid", v.valid());
        out.put("reason", v.reason());
        out.put("key_id", v.keyId());
        if (v.valid()) {
            byte[] payload = env.payloadBytes();
            String digest = InTotoStatement.sha256Hex(payload);
            out.put("payload_digest", digest);
            try {
                JsonNode s = JSON.readTree(payload);
                ObjectNode summary = JSON.createObjectNode();
                summary.set("_type", s.get("_type"));
                summary.set("predicateType", s.get("predicateType"));
                summary.set("asset", s.at("/predicate/asset/id"));
                summary.set("status", s.at("/predicate/status"));
                summary.set("period", s.at("/predicate/period"));
                out.put("statement", summary);
            } catch (java.io.IOException e) {
                out.put("valid", false);
                out.put("reason", "signature verified, but the payload is not an in-toto statement (not JSON)");
            }
            Attestation stored = Attestation.find("payloadDigest", digest).firstResult();
            out.put("attestation_id", stored == null ? null : stored.id);
        }
        return out;
    }

    @GET
    @Path("keys")
    @Produces({MediaType.APPLICATION_JSON, PEM_MEDIA_TYPE})
    @Operation(summary = "Public keys that verify attestations (active and rotated-out), as PEM and JWK")
    public Response keys(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.HttpHeaders headers) {
        KeyRing ring = keys.ring();
        String active = ring.active().keyId();
        boolean pem = headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> PEM_MEDIA_TYPE.equals(m.getType() + "/" + m.getSubtype()));
        if (pem) {
            StringBuilder all = new StringBuilder();
            for (VerificationKey k : ring.verificationKeys()) {
                all.append(k.pem());
            }
            return Response.ok(all.toString(), PEM_MEDIA_TYPE).build();
        }
        List<Map<String, Object>> list = new ArrayList<>();
        List<Map<String, Object>> jwks = new ArrayList<>();
        for (VerificationKey k : ring.verificationKeys()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key_id", k.keyId());
            m.put("active", k.keyId().equals(active));
            m.put("algorithm", "Ed25519");
            m.put("pem", k.pem());
            m.put("jwk", k.jwk());
            list.add(m);
            jwks.add(k.jwk());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active_key_id", active);
        out.put("keys", list);
        out.put("jwks", Map.of("keys", jwks));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    private static Response envelope(Attestation a) {
        return Response.ok(a.envelope, MediaType.APPLICATION_JSON)
                .header("X-Attestation-Id", a.id.toString())
                .header("X-Payload-Digest", "sha256:" + a.payloadDigest)
                .build();
    }

    private static void requireAsset(String id) {
        if (Asset.findById(id) == null) {
            throw ProblemException.notFound("asset", id);
        }
    }

    private static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, id);
        }
    }
}
