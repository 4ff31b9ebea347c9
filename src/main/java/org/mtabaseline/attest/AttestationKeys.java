package org.mtabaseline.attest;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.mtabaseline.attest.sign.KeyFiles;
import org.mtabaseline.attest.sign.KeyRing;
import org.mtabaseline.attest.sign.SigningKey;
import org.mtabaseline.attest.sign.VerificationKey;
import org.mtabaseline.store.AttestationKey;

/**
 * The signing key (configured PEM text, PEM file, or the generated default under ./data) and every
 * public key trusted for verification: configured ones plus each key that ever signed here, which the
 * store keeps, so rotating the signing key leaves old envelopes verifiable (unless trust-stored=false pins
 * verification to configuration).
 */
@ApplicationScoped
@Startup
public class AttestationKeys {

    private static final Logger LOG = Logger.getLogger(AttestationKeys.class);

    private final SigningKey active;
    private final List<VerificationKey> configured;
    private final boolean trustStored;
    private volatile KeyRing ring;

    AttestationKeys(AttestConfig config) {
        AttestConfig.Key k = config.key();
        if (k.pem().isPresent() && !k.pem().get().isBlank()) {
            active = SigningKey.fromPem(k.pem().get());
            LOG.infof("attestation signing key from configured PEM text, key id %s", active.keyId());
        } else if (k.file().isPresent()) {
            active = KeyFiles.read(k.file().get());
            LOG.infof("attestation signing key from %s, key id %s", k.file().get(), active.keyId());
        } else {
            active = KeyFiles.loadOrGenerate(k.dir());
            LOG.infof("attestation signing key under %s, key id %s", k.dir(), active.keyId());
        }
        configured = KeyFiles.readVerificationKeys(k.verificationKeys().orElse(List.of()));
        trustStored = k.trustStored();
        if (!trustStored) {
            LOG.infof("attestation verification pinned to the active key and %d configured key(s)", configured.size());
        }
    }

    public SigningKey signingKey() {
        return active;
    }

    /** The key ring with the stored keys; records the active key in the store the first time it is used. */
    @Transactional
    public KeyRing ring() {
        KeyRing r = ring;
        if (r == null) {
            if (AttestationKey.findById(active.keyId()) == null) {
                AttestationKey row = new AttestationKey();
                row.keyId = active.keyId();
                row.publicPem = active.verificationKey().pem();
                row.firstUsedAt = java.time.Instant.now();
                row.persist();
            }
            r = ring = load();
        }
        return r;
    }

    /** Re-reads the stored keys (another replica may have rotated in a new key). */
    @Transactional
    public KeyRing reload() {
        ring = null;
        return ring();
    }

    private KeyRing load() {
        List<VerificationKey> trusted = new ArrayList<>(configured);
        if (!trustStored) {
            return new KeyRing(active, trusted);
        }
        for (AttestationKey stored : AttestationKey.<AttestationKey>listAll()) {
            trusted.add(VerificationKey.fromPem(stored.publicPem));
        }
        return new KeyRing(active, trusted);
    }
}
