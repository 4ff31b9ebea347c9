package org.mtabaseline.attest.sign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Base64;
import java.util.List;

/** The Ed25519 key that signs envelopes. {@link #toString()} never shows the private part. */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final VerificationKey verificationKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.verificationKey = VerificationKey.of(publicKey);
    }

    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK has no Ed25519", e);
        }
    }

    /** From a PEM text holding a PKCS#8 Ed25519 private key (an extra PUBLIC KEY block is ignored). */
    public static SigningKey fromPem(String pem) {
        EdECPrivateKey key = KeyPem.readPrivateKey(pem);
        return new SigningKey(key, Ed25519.publicKeyOf(key));
    }

    public String privateKeyPem() {
        return KeyPem.privateKeyPem(privateKey);
    }

    public VerificationKey verificationKey() {
        return verificationKey;
    }

    public String keyId() {
        return verificationKey.keyId();
    }

    /** Signs PAE(payloadType, payload) and wraps everything in a DSSE envelope. */
    public Envelope sign(String payloadType, byte[] payload) {
        byte[] sig = signRaw(Dsse.pae(payloadType, payload));
        return new Envelope(payloadType, Base64.getEncoder().encodeToString(payload),
                List.of(new Envelope.Signature(keyId(), Base64.getEncoder().encodeToString(sig))));
    }

    public Envelope sign(String payloadType, String payload) {
        return sign(payloadType, payload.getBytes(StandardCharsets.UTF_8));
    }

    byte[] signRaw(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[keyId=" + keyId() + "]";
    }
}
