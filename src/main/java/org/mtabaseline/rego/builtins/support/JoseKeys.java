package org.mtabaseline.rego.builtins.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JOSE keys and signatures for OPA's {@code io.jwt.*}: keys from PEM certificates, PEM public keys,
 * JWKs and JWK sets (RSA, EC P-256/384/521, Ed25519, oct), and JWS algorithms HS/RS/PS/ES 256-512
 * and EdDSA on the JDK's providers.
 */
public final class JoseKeys {
    public static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JoseKeys() {
    }

    /** A key for verification or signing: a JDK key or HMAC secret bytes, with the JWK's alg and kid. */
    public record JoseKey(Object key, String alg, String kid) {
    }

    /** Raised with OPA's message when keys cannot be read. */
    public static final class JoseException extends IllegalArgumentException {
        public JoseException(String message) {
            super(message);
        }
    }

    /** OPA's getKeysFromCertOrJWK: a PEM certificate or public key, else a JWK or JWK set. */
    public static List<JoseKey> verificationKeys(String text) {
        int begin = text.indexOf("-----BEGIN ");
        if (begin >= 0) {
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd > 0) {
                String type = text.substring(begin + 11, typeEnd);
                String endMarker = "-----END " + type + "-----";
                int end = text.indexOf(endMarker, typeEnd);
                if (end > 0) {
                    if (!text.substring(end + endMarker.length()).isBlank()) {
                        throw new JoseException("extra data after a PEM certificate block");
                    }
                    byte[] der;
                    try {
                        der = Base64.getMimeDecoder().decode(text.substring(typeEnd + 5, end));
                    } catch (IllegalArgumentException e) {
                        der = null;
                    }
                    if (der != null) {
                        return List.of(new JoseKey(pemKey(type, der), "", ""));
                    }
                }
            }
        }
        return jwks(text);
    }

    private static PublicKey pemKey(String type, byte[] der) {
        if (type.equals("CERTIFICATE")) {
            try {
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der));
                return cert.getPublicKey();
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new JoseException("failed to parse a PEM certificate: " + e.getMessage());
            }
        }
        if (type.equals("PUBLIC KEY")) {
            for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
                } catch (GeneralSecurityException | RuntimeException e) {
                    // try the next key type
                }
            }
            throw new JoseException("failed to parse a PEM public key");
        }
        throw new JoseException("failed to extract a Key from the PEM certificate");
    }

    /** Keys of a JWK or JWK set; private members are used when present. */
    public static List<JoseKey> jwks(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception e) {
            throw new JoseException("failed to parse a JWK key (set): " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new JoseException("failed to parse a JWK key (set): not a JSON object");
        }
        List<JoseKey> out = new ArrayList<>();
        if (root.has("keys")) {
            for (JsonNode k : root.get("keys")) {
                JoseKey key = jwk(k);
                if (key.alg.isEmpty() || ALGORITHMS.contains(key.alg)) {
                    out.add(key);
                }
            }
        } else {
            out.add(jwk(root));
        }
        return out;
    }

    private static JoseKey jwk(JsonNode k) {
        String kty = k.path("kty").asText("");
        String alg = k.path("alg").asText("");
        String kid = k.path("kid").asText("");
        try {
            Object key = switch (kty) {
                case "RSA" -> {
                    BigInteger n = big(k, "n");
                    BigInteger e = big(k, "e");
                    KeyFactory f = KeyFactory.getInstance("RSA");
                    if (k.has("d")) {
                        if (k.has("p") && k.has("q") && k.has("dp") && k.has("dq") && k.has("qi")) {
                            yield f.generatePrivate(new RSAPrivateCrtKeySpec(n, e, big(k, "d"), big(k, "p"),
                                    big(k, "q"), big(k, "dp"), big(k, "dq"), big(k, "qi")));
                        }
                        yield f.generatePrivate(new RSAPrivateKeySpec(n, big(k, "d")));
                    }
                    yield f.generatePublic(new RSAPublicKeySpec(n, e));
                }
                case "EC" -> {
                    String curve = switch (k.path("crv").asText("")) {
                        case "P-256" -> "secp256r1";
                        case "P-384" -> "secp384r1";
                        case "P-521" -> "secp521r1";
                        default -> throw new JoseException("failed to parse a JWK key (set): unsupported curve");
                    };
                    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                    params.init(new ECGenParameterSpec(curve));
                    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                    KeyFactory f = KeyFactory.getInstance("EC");
                    if (k.has("d")) {
                        yield f.generatePrivate(new ECPrivateKeySpec(big(k, "d"), spec));
                    }
                    yield f.generatePublic(new ECPublicKeySpec(new ECPoint(big(k, "x"), big(k, "y")), spec));
                }
                case "OKP" -> {
                    if (!"Ed25519".equals(k.path("crv").asText())) {
                        throw new JoseException("failed to parse a JWK key (set): unsupported curve");
                    }
                    KeyFactory f = KeyFactory.getInstance("Ed25519");
                    if (k.has("d")) {
                        yield f.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, bytes(k, "d")));
                    }
                    byte[] x = bytes(k, "x");
                    // RFC 8032 encoding: little-endian y with the sign of x in the top bit.
                    boolean xOdd = (x[x.length - 1] & 0x80) != 0;
                    x[x.length - 1] &= 0x7f;
                    byte[] be = new byte[x.length];
                    for (int i = 0; i < x.length; i++) {
                        be[i] = x[x.length - 1 - i];
                    }
                    yield f.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                            new EdECPoint(xOdd, new BigInteger(1, be))));
                }
                case "oct" -> bytes(k, "k");
                default -> throw new JoseException("failed to parse a JWK key (set): invalid key type " + kty);
            };
            return new JoseKey(key, alg, kid);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            if (e instanceof JoseException je) {
                throw je;
            }
            throw new JoseException("failed to parse a JWK key (set): " + e.getMessage());
        }
    }

    private static BigInteger big(JsonNode k, String member) {
        return new BigInteger(1, bytes(k, member));
    }

    private static byte[] bytes(JsonNode k, String member) {
        if (!k.path(member).isTextual()) {
            throw new JoseException("failed to parse a JWK key (set): missing " + member);
        }
        return Base64.getUrlDecoder().decode(k.get(member).asText());
    }

    /** Verifies a JWS signature; false when the key does not fit the algorithm or the signature is wrong. */
    public static boolean verify(Object key, String alg, byte[] input, byte[] signature) {
        try {
            if (alg.startsWith("HS")) {
                if (!(key instanceof byte[] secret)) {
                    return false;
                }
                return MessageDigest.isEqual(hmac(alg, secret, input), signature);
            }
            if (!(key instanceof PublicKey pub) || !fits(pub, alg)) {
                return false;
            }
            if (alg.startsWith("PS")) {
                int hLen = hashBytes(alg);
                int keyBytes = (((RSAKey) pub).getModulus().bitLength() + 7) / 8;
                for (int salt : new int[]{hLen, keyBytes - hLen - 2}) {
                    Signature s = signature(alg, salt);
                    s.initVerify(pub);
                    s.update(input);
                    if (s.verify(signature)) {
                        return true;
                    }
                }
                return false;
            }
            Signature s = signature(alg, 0);
            s.initVerify(pub);
            s.update(input);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Signs a JWS input with a private key (or HMAC secret) for the algorithm. */
    public static byte[] sign(Object key, String alg, byte[] input) {
        try {
            if (alg.startsWith("HS")) {
                if (!(key instanceof byte[] secret)) {
                    throw new JoseException("invalid key type for " + alg);
                }
                return hmac(alg, secret, input);
            }
            if (!(key instanceof PrivateKey priv) || !fits(priv, alg)) {
                throw new JoseException("invalid key type for " + alg);
            }
            Signature s = signature(alg, hashBytes(alg));
            s.initSign(priv);
            s.update(input);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new JoseException("failed to sign: " + e.getMessage());
        }
    }

    private static boolean fits(Key key, String alg) {
        if (alg.startsWith("RS") || alg.startsWith("PS")) {
            return key instanceof RSAKey;
        }
        if (alg.startsWith("ES")) {
            return key instanceof ECKey;
        }
        if (alg.equals("EdDSA")) {
            return key instanceof EdECKey;
        }
        return false;
    }

    private static byte[] hmac(String alg, byte[] secret, byte[] input) throws GeneralSecurityException {
        String name = "HmacSHA" + alg.substring(2);
        Mac mac = Mac.getInstance(name);
        mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, name));
        return mac.doFinal(input);
    }

    private static int hashBytes(String alg) {
        return switch (alg.substring(2)) {
            case "384" -> 48;
            case "512" -> 64;
            default -> 32;
        };
    }

    private static Signature signature(String alg, int saltLength) throws GeneralSecurityException {
        String bits = alg.equals("EdDSA") ? "" : alg.substring(2);
        return switch (alg.substring(0, 2)) {
            case "RS" -> Signature.getInstance("SHA" + bits + "withRSA");
            case "ES" -> Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            case "PS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                String hash = "SHA-" + bits;
                s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
                yield s;
            }
            default -> Signature.getInstance("Ed25519");
        };
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
