package org.mtabaseline.attest.sign;

import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The active signing key plus every public key still trusted for verification (rotation keeps old
 * keys here, so envelopes signed before a rotation stay verifiable).
 */
public final class KeyRing {

    private final SigningKey active;
    private final Map<String, VerificationKey> trusted = new LinkedHashMap<>();

    public KeyRing(SigningKey active, Collection<VerificationKey> retired) {
        this.active = active;
        trusted.put(active.keyId(), active.verificationKey());
        for (VerificationKey key : retired) {
            trusted.putIfAbsent(key.keyId(), key);
        }
    }

    public SigningKey active() {
        return active;
    }

    public Collection<VerificationKey> verificationKeys() {
        return trusted.values();
    }

    /**
     * Valid when at least one signature verifies with a trusted key and the payload type is the expected one
     * (null accepts any). The reason names what is wrong first: shape, type, key, signature.
     */
    public Verification verify(Envelope envelope, String expectedPayloadType) {
        if (envelope == null || envelope.payloadType() == null || envelope.payload() == null) {
            return Verification.invalid("envelope lacks payloadType or payload", null);
        }
        if (envelope.signatures() == null || envelope.signatures().isEmpty()) {
            return Verification.invalid("envelope has no signatures", null);
        }
        if (expectedPayloadType != null && !expectedPayloadType.equals(envelope.payloadType())) {
            return Verification.invalid("payloadType is \"" + envelope.payloadType() + "\", expected \""
                    + expectedPayloadType + "\"", null);
        }
        byte[] payload;
        try {
            payload = envelope.payloadBytes();
        } catch (IllegalArgumentException e) {
            return Verification.invalid("payload is not base64", null);
        }
        byte[] pae = Dsse.pae(envelope.payloadType(), payload);
        String lastReason = null;
        String lastKey = null;
        for (Envelope.Signature sig : envelope.signatures()) {
            VerificationKey key = sig.keyid() == null ? null : trusted.get(sig.keyid());
            if (key == null) {
                lastReason = "unknown key id " + sig.keyid();
                lastKey = sig.keyid();
                continue;
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(sig.sig() == null ? "" : sig.sig());
            } catch (IllegalArgumentException e) {
                lastReason = "signature is not base64";
                lastKey = key.keyId();
                continue;
            }
            if (key.verifies(pae, raw)) {
                return new Verification(true, "signature verified with key " + key.keyId(), key.keyId());
            }
            lastReason = "signature does not match the payload for key " + key.keyId();
            lastKey = key.keyId();
        }
        return Verification.invalid(lastReason, lastKey);
    }

    public record Verification(boolean valid, String reason, String keyId) {
        static Verification invalid(String reason, String keyId) {
            return new Verification(false, reason, keyId);
        }
    }
}
