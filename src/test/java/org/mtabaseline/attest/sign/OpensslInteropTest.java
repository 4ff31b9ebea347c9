package org.mtabaseline.attest.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies our DSSE signatures outside the JVM with the openssl command line, and the other way round. */
class OpensslInteropTest {

    private static final String TYPE = "application/vnd.in-toto+json";

    @Test
    void opensslVerifiesEnvelopeSignatureAndRejectsChangedPayload(@TempDir Path tmp) throws Exception {
        SigningKey key = SigningKey.generate();
        byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"status\":\"pass\"}}"
                .getBytes(StandardCharsets.UTF_8);
        Envelope env = key.sign(TYPE, payload);

        Files.writeString(tmp.resolve("pub.pem"), key.verificationKey().pem());
        Files.write(tmp.resolve("pae.bin"), Dsse.pae(env.payloadType(), env.payloadBytes()));
        Files.write(tmp.resolve("sig.bin"), Base64.getDecoder().decode(env.signatures().get(0).sig()));
        Result ok = openssl(tmp, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "pae.bin", "-sigfile", "sig.bin");
        assertEquals(0, ok.exit, ok.output);
        assertTrue(ok.output.contains("Signature Verified Successfully"), ok.output);

        byte[] changed = new String(payload, StandardCharsets.UTF_8).replace("pass", "fail").getBytes(StandardCharsets.UTF_8);
        Files.write(tmp.resolve("pae.bin"), Dsse.pae(TYPE, changed));
        Result bad = openssl(tmp, "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
                "-in", "pae.bin", "-sigfile", "sig.bin");
        assertNotEquals(0, bad.exit, bad.output);
        assertTrue(bad.output.contains("Signature Verification Failure"), bad.output);
    }

    @Test
    void opensslKeyIdAndGeneratedKeyAreUnderstood(@TempDir Path tmp) throws Exception {
        // A key as an operator makes it for a Kubernetes Secret: private key only, no public block.
        assertEquals(0, openssl(tmp, "genpkey", "-algorithm", "ed25519", "-out", "k.pem").exit);
        SigningKey key = SigningKey.fromPem(Files.readString(tmp.resolve("k.pem")));
        assertEquals(0, openssl(tmp, "pkey", "-in", "k.pem", "-pubout", "-out", "pub.pem").exit);
        assertEquals(Files.readString(tmp.resolve("pub.pem")), key.verificationKey().pem(),
                "public key derived in Java equals openssl's");

        assertEquals(0, openssl(tmp, "pkey", "-pubin", "-in", "pub.pem", "-outform", "DER", "-out", "pub.der").exit);
        assertEquals(org.mtabaseline.attest.InTotoStatement.sha256Hex(Files.readAllBytes(tmp.resolve("pub.der"))),
                key.keyId(), "key id = sha256 of the DER public key");

        // openssl signs the PAE; our key ring accepts it as the envelope's signature.
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        Files.write(tmp.resolve("pae.bin"), Dsse.pae(TYPE, payload));
        assertEquals(0, openssl(tmp, "pkeyutl", "-sign", "-inkey", "k.pem", "-rawin", "-in", "pae.bin", "-out", "sig.bin").exit);
        Envelope env = new Envelope(TYPE, Base64.getEncoder().encodeToString(payload), List.of(new Envelope.Signature(
                key.keyId(), Base64.getEncoder().encodeToString(Files.readAllBytes(tmp.resolve("sig.bin"))))));
        assertTrue(new KeyRing(key, List.of()).verify(env, TYPE).valid());
    }

    private record Result(int exit, String output) {
    }

    private static Result openssl(Path dir, String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
