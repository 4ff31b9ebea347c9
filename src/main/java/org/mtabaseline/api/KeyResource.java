package org.mtabaseline.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.mtabaseline.attest.AttestationKeys;
import org.mtabaseline.attest.sign.KeyRing;
import org.mtabaseline.attest.sign.VerificationKey;

/** The public keys that verify attestations, as PEM and JWK. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "attestations")
public class KeyResource {

    static final String PEM_MEDIA_TYPE = "application/x-pem-file";

    private final AttestationKeys keys;

    KeyResource(AttestationKeys keys) {
        this.keys = keys;
    }

    @GET
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

}
