package org.mtabaseline.attest.sign;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A public Ed25519 key with its id; published as PEM and as JWK (RFC 8037, kty OKP). */
public record VerificationKey(String keyId, PublicKey publicKey) {

    public static VerificationKey of(PublicKey key) {
        return new VerificationKey(KeyPem.keyId(key), key);
    }

    public static VerificationKey fromPem(String pem) {
        return of(KeyPem.readPublicKey(pem));
    }

    public String pem() {
        return KeyPem.publicKeyPem(publicKey);
    }

    public Map<String, Object> jwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(Ed25519.rawPublicKey(publicKey)));
        jwk.put("kid", keyId);
        jwk.put("alg", "EdDSA");
        jwk.put("use", "sig");
        return jwk;
    }

    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
