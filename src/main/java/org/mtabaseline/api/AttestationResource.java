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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.attest.AttestationKeys;
import org.mtabaseline.attest.InTotoStatement;
import org.mtabaseline.attest.sign.Envelope;
import org.mtabaseline.attest.sign.KeyRing;
import org.mtabaseline.store.Attestation;

/** Signed attestations (DSSE JSON) and envelope verification. */
@Path("/api/v1/attestations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "attestations")
public class AttestationResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AttestationKeys keys;

    AttestationResource(AttestationKeys keys) {
        this.keys = keys;
    }

    @GET
    @Path("{id}")
    @Transactional
    @Operation(summary = "A DSSE envelope (in-toto Statement v1, Ed25519)")
    public Response get(@PathParam("id") String id) {
        Attestation a = Attestation.findById(uuid(id, "attestation"));
        if (a == null) {
            throw ProblemException.notFound("attestation", id);
        }
        return envelope(a);
    }

    @POST
    @Path("verify")
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

    static Response envelope(Attestation a) {
        return Response.ok(a.envelope, MediaType.APPLICATION_JSON)
                .header("X-Attestation-Id", a.id.toString())
                .header("X-Payload-Digest", "sha256:" + a.payloadDigest)
                .build();
    }

    static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, id);
        }
    }
}
