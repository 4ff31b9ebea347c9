package org.mtabaseline.attest.sign;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM encoding of Ed25519 keys (PKCS#8 "PRIVATE KEY", SPKI "PUBLIC KEY"), compatible with openssl. */
public final class KeyPem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private KeyPem() {
    }

    public static String privateKeyPem(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    public static String publicKeyPem(PublicKey key) {
        return block("PUBLIC KEY", key.getEncoded());
    }

    /** Reads the first "PRIVATE KEY" block of a PEM text; the error says what was found instead. */
    public static EdECPrivateKey readPrivateKey(String pem) {
        byte[] der = der(pem, "PRIVATE KEY");
        try {
            return (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyFormatException("PRIVATE KEY block is not an Ed25519 PKCS#8 key: " + e.getMessage());
        }
    }

    public static PublicKey readPublicKey(String pem) {
        byte[] der = der(pem, "PUBLIC KEY");
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            Ed25519.rawPublicKey(key);
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyFormatException("PUBLIC KEY block is not an Ed25519 key: " + e.getMessage());
        }
    }

    /** Key id: lowercase hex SHA-256 of the DER SubjectPublicKeyInfo ({@code openssl pkey -pubin -outform DER | sha256sum}). */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem, String type) {
        Matcher m = BLOCK.matcher(pem == null ? "" : pem);
        StringBuilder found = new StringBuilder();
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(m.group(2));
                } catch (IllegalArgumentException e) {
                    throw new KeyFormatException(type + " block is not valid base64");
                }
            }
            found.append(found.length() == 0 ? "" : ", ").append(m.group(1));
        }
        throw new KeyFormatException("no \"" + type + "\" PEM block found"
                + (found.length() == 0 ? "" : " (found: " + found + ")"));
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A key text that cannot be used; the message never contains key material. */
    public static final class KeyFormatException extends IllegalArgumentException {
        public KeyFormatException(String message) {
            super(message);
        }
    }
}
