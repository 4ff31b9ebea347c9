package org.mtabaseline.attest.sign;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Base64;
import java.util.List;

/** A DSSE envelope as serialized in JSON: base64 payload, its type, and signatures with key ids. */
@JsonPropertyOrder({"payloadType", "payload", "signatures"})
public record Envelope(String payloadType, String payload, List<Signature> signatures) {

    @JsonPropertyOrder({"keyid", "sig"})
    public record Signature(String keyid, String sig) {
    }

    /** The payload bytes; throws IllegalArgumentException when the field is not base64. */
    @JsonIgnore
    public byte[] payloadBytes() {
        return Base64.getDecoder().decode(payload);
    }
}
