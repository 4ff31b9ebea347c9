package org.mtabaseline.attest.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsseSigningTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void paeMatchesTheDsseSpecificationExample() {
        byte[] pae = Dsse.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world", new String(pae, StandardCharsets.UTF_8));
    }

    @Test
    void paeCountsBytesNotCharacters() {
        byte[] pae = Dsse.pae("t", "é".getBytes(StandardCharsets.UTF_8));
        assertEquals("DSSEv1 1 t 2 é", new String(pae, StandardCharsets.UTF_8));
    }

    @Test
    void publicKeyDerivedFromSeedMatchesRfc8032TestVector1() throws Exception {
        // RFC 8032 section 7.1, TEST 1
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] pkcs8 = HEX.parseHex("302e020100300506032b657004220420" + HEX.formatHex(seed));
        EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                HEX.formatHex(Ed25519.rawPublicKey(Ed25519.publicKeyOf(key))));
    }

    @Test
    void derivedPublicKeyVerifiesSignaturesOfManyGeneratedKeys() {
        for (int i = 0; i < 20; i++) {
            SigningKey original = SigningKey.generate();
            SigningKey reloaded = SigningKey.fromPem(original.privateKeyPem());
            assertEquals(original.keyId(), reloaded.keyId(), "key id after PEM round trip");
            Envelope env = reloaded.sign("t", "x" + i);
            assertTrue(new KeyRing(original, List.of()).verify(env, "t").valid());
        }
    }

    @Test
    void envelopeVerifiesAndChangedPayloadFails() {
        SigningKey key = SigningKey.generate();
        KeyRing ring = new KeyRing(key, List.of());
        Envelope env = key.sign("application/vnd.in-toto+json", "{\"a\":1}");
        KeyRing.Verification ok = ring.verify(env, "application/vnd.in-toto+json");
        assertTrue(ok.valid(), ok.reason());
        assertEquals(key.keyId(), env.signatures().get(0).keyid());

        Envelope tampered = new Envelope(env.payloadType(),
                Base64.getEncoder().encodeToString("{\"a\":2}".getBytes(StandardCharsets.UTF_8)), env.signatures());
        KeyRing.Verification bad = ring.verify(tampered, null);
        assertFalse(bad.valid());
        assertTrue(bad.reason().contains("does not match"), bad.reason());

        Envelope retyped = new Envelope("text/plain", env.payload(), env.signatures());
        assertFalse(ring.verify(retyped, null).valid(), "payload type is covered by the signature");
        assertTrue(ring.verify(env, "text/plain").reason().contains("payloadType"));
    }

    @Test
    void unknownKeyIdIsReportedAsSuch() {
        Envelope env = SigningKey.generate().sign("t", "p");
        KeyRing.Verification v = new KeyRing(SigningKey.generate(), List.of()).verify(env, "t");
        assertFalse(v.valid());
        assertTrue(v.reason().startsWith("unknown key id"), v.reason());
    }

    @Test
    void rotationKeepsOldPublicKeysForVerification() {
        SigningKey old = SigningKey.generate();
        Envelope signedBefore = old.sign("t", "before rotation");
        KeyRing rotated = new KeyRing(SigningKey.generate(), List.of(old.verificationKey()));
        assertTrue(rotated.verify(signedBefore, "t").valid());
        assertEquals(2, rotated.verificationKeys().size());
        assertFalse(new KeyRing(rotated.active(), List.of()).verify(signedBefore, "t").valid());
    }

    @Test
    void jwkCarriesRawKeyAndKeyId() {
        SigningKey key = SigningKey.generate();
        var jwk = key.verificationKey().jwk();
        assertEquals("OKP", jwk.get("kty"));
        assertEquals("Ed25519", jwk.get("crv"));
        assertEquals(key.keyId(), jwk.get("kid"));
        byte[] x = Base64.getUrlDecoder().decode((String) jwk.get("x"));
        assertArrayEquals(Ed25519.rawPublicKey(key.verificationKey().publicKey()), x);
        assertEquals(64, key.keyId().length());
    }

    @Test
    void defaultKeyIsGeneratedOnceWithOwnerOnlyPermissions(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("data/attest");
        SigningKey first = KeyFiles.loadOrGenerate(dir);
        Path file = dir.resolve(KeyFiles.DEFAULT_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(first.keyId(), KeyFiles.loadOrGenerate(dir).keyId(), "second start reuses the key");
    }

    @Test
    void malformedPemNamesTheProblemWithoutKeyMaterial() {
        var e = assertThrows(KeyPem.KeyFormatException.class,
                () -> SigningKey.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertTrue(e.getMessage().contains("no \"PRIVATE KEY\" PEM block found (found: CERTIFICATE)"), e.getMessage());
        assertTrue(SigningKey.generate().toString().startsWith("SigningKey[keyId="));
    }
}
