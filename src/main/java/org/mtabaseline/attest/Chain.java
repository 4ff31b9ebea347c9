package org.mtabaseline.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mtabaseline.attest.sign.Envelope;
import org.mtabaseline.attest.sign.KeyRing;
import org.mtabaseline.store.Attestation;

/**
 * The per-asset hash chain: appending a signed attestation (serialised per asset by a row lock on the
 * asset) and walking a chain to find its first break.
 */
@ApplicationScoped
public class Chain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;
    private final AttestationKeys keys;

    Chain(EntityManager em, AttestationKeys keys) {
        this.em = em;
        this.keys = keys;
    }

    /** The head of a chain as the appender needs it. */
    public record Head(long seq, String digest) {
        static final Head EMPTY = new Head(0, null);
    }

    /** Locks the asset row so that appends to one chain are serialised (portable: PostgreSQL and H2). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(List<String> assetIds) {
        if (assetIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("SELECT id FROM asset WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .setParameter("ids", assetIds).getResultList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Head head(String assetId) {
        List<?> rows = em.createNativeQuery(
                        "SELECT seq, payload_digest FROM attestation WHERE asset_id = :a ORDER BY seq DESC LIMIT 1")
                .setParameter("a", assetId).getResultList();
        if (rows.isEmpty()) {
            return Head.EMPTY;
        }
        Object[] r = (Object[]) rows.get(0);
        return new Head(((Number) r[0]).longValue(), (String) r[1]);
    }

    /**
     * Signs the statement for {@code facts} (whose previousDigest must be {@code head.digest()}) and stores it
     * as the chain's next link. The caller holds the asset lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Attestation append(Head head, AttestationFacts facts, String kind, UUID runId) {
        Attestation a = signed(head, facts, kind, runId);
        a.persist();
        return a;
    }

    /** The next link, signed but not stored: no database access, so batches can sign in parallel. */
    public Attestation signed(Head head, AttestationFacts facts, String kind, UUID runId) {
        byte[] payload = InTotoStatement.bytes(facts);
        Envelope envelope = keys.signingKey().sign(InTotoStatement.PAYLOAD_TYPE, payload);
        Attestation a = new Attestation();
        a.id = UUID.randomUUID();
        a.assetId = facts.assetId();
        a.seq = head.seq() + 1;
        a.kind = kind;
        a.evaluationId = facts.evaluationId() == null ? null : UUID.fromString(facts.evaluationId());
        a.period = facts.period();
        a.status = facts.status();
        a.keyId = keys.signingKey().keyId();
        a.payloadDigest = InTotoStatement.sha256Hex(payload);
        a.previousDigest = head.digest();
        a.envelope = Envelopes.toJson(envelope);
        a.createdAt = facts.attestedAt();
        a.runId = runId;
        return a;
    }

    /** Database timestamps keep microseconds; so do attestation times, so a read-back equals what was signed. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The result of walking one asset's chain: valid, or the first link that breaks it and why. */
    public record Verdict(String assetId, int length, boolean valid, Break firstBreak, List<String> keyIds) {
    }

    public record Break(UUID attestationId, long seq, String reason) {
    }

    /**
     * Checks every link oldest first: contiguous seq, envelope signature, stored digest = sha256(payload),
     * the statement names this asset, and each statement's previous-digest equals the previous link's digest.
     */
    @Transactional
    public Verdict verify(String assetId) {
        List<Attestation> chain = Attestation.chainOf(assetId);
        KeyRing ring = keys.ring();
        String previous = null;
        long expectedSeq = 1;
        List<String> keyIds = new ArrayList<>();
        for (Attestation a : chain) {
            String reason = check(a, ring, previous, expectedSeq, assetId);
            if (reason != null && reason.startsWith("unknown key id")) {
                ring = keys.reload();
                reason = check(a, ring, previous, expectedSeq, assetId);
            }
            if (reason != null) {
                return new Verdict(assetId, chain.size(), false, new Break(a.id, a.seq, reason), keyIds);
            }
            if (!keyIds.contains(a.keyId)) {
                keyIds.add(a.keyId);
            }
            previous = a.payloadDigest;
            expectedSeq = a.seq + 1;
        }
        return new Verdict(assetId, chain.size(), true, null, keyIds);
    }

    private static String check(Attestation a, KeyRing ring, String previous, long expectedSeq, String assetId) {
        if (a.seq != expectedSeq) {
            return "sequence gap: expected link " + expectedSeq + ", found " + a.seq;
        }
        Envelope env;
        try {
            env = Envelopes.parse(a.envelope);
        } catch (IllegalArgumentException e) {
            return "stored envelope is not a DSSE envelope: " + e.getMessage();
        }
        KeyRing.Verification v = ring.verify(env, InTotoStatement.PAYLOAD_TYPE);
        if (!v.valid()) {
            return v.reason();
        }
        byte[] payload = env.payloadBytes();
        String digest = InTotoStatement.sha256Hex(payload);
        if (!digest.equals(a.payloadDigest)) {
            return "stored digest " + a.payloadDigest + " differs from the payload's sha256 " + digest;
        }
        JsonNode statement;
        try {
            statement = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return "payload is not JSON";
        }
        if (!assetId.equals(statement.path("predicate").path("asset").path("id").asText(null))) {
            return "statement is about asset " + statement.path("predicate").path("asset").path("id") + ", not " + assetId;
        }
        String claimed = InTotoStatement.previousDigest(statement);
        if (!java.util.Objects.equals(claimed, previous)) {
            return "previous-attestation digest " + claimed + " does not match the previous link's digest " + previous;
        }
        return null;
    }
}
