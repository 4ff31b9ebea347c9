package org.mtabaseline.attest.sign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading keys from files and creating the embedded default key with owner-only permissions. */
public final class KeyFiles {

    public static final String DEFAULT_KEY_FILE = "signing-key.pem";

    private KeyFiles() {
    }

    public static SigningKey read(Path pemFile) {
        try {
            return SigningKey.fromPem(Files.readString(pemFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read signing key file " + pemFile, e);
        } catch (KeyPem.KeyFormatException e) {
            throw new KeyPem.KeyFormatException(pemFile + ": " + e.getMessage());
        }
    }

    /**
     * Loads {@code dir/signing-key.pem}, or generates it on first start: directory 0700, file 0600, written
     * with those permissions from the start so the key is never readable by others, not even briefly.
     */
    public static SigningKey loadOrGenerate(Path dir) {
        Path file = dir.resolve(DEFAULT_KEY_FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        SigningKey key = SigningKey.generate();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = dir.resolve(DEFAULT_KEY_FILE + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, key.privateKeyPem(), StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(tmp, file);
            } catch (FileAlreadyExistsException raced) {
                // another process created it first; theirs wins so both sign with the same key
                Files.deleteIfExists(tmp);
                return read(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create signing key under " + dir, e);
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("file system of " + dir + " has no POSIX permissions; configure a key file", e);
        }
        return key;
    }

    /** All public keys in the given PEM files or directories (every *.pem; a private key yields its public part). */
    public static List<VerificationKey> readVerificationKeys(List<Path> paths) {
        List<VerificationKey> keys = new ArrayList<>();
        for (Path path : paths) {
            try {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.list(path)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) {
                            keys.add(readVerificationKey(f));
                        }
                    }
                } else {
                    keys.add(readVerificationKey(path));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read verification key " + path, e);
            }
        }
        return keys;
    }

    private static VerificationKey readVerificationKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            return pem.contains("-----BEGIN PUBLIC KEY-----") ? VerificationKey.fromPem(pem)
                    : SigningKey.fromPem(pem).verificationKey();
        } catch (KeyPem.KeyFormatException e) {
            throw new KeyPem.KeyFormatException(file + ": " + e.getMessage());
        }
    }
}
