package org.mtabaseline.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds the in-toto Statement v1 (https://in-toto.io/Statement/v1) that a DSSE envelope carries. */
public final class InTotoStatement {

    public static final String TYPE = "https://in-toto.io/Statement/v1";
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    public static final String PREDICATE_TYPE = "https://mtabaseline.org/attestation/mta-baseline/v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private InTotoStatement() {
    }

    public static ObjectNode build(AttestationFacts f) {
        ObjectNode statement = F.objectNode();
        statement.put("_type", TYPE);
        ArrayNode subject = statement.putArray("subject");
        // The asset is named by its CMDB id; its digest is the sha256 of that id so the subject is well-formed.
        subject.add(subject("asset:" + f.assetId(), sha256Hex(f.assetId().getBytes(StandardCharsets.UTF_8))));
        if (f.materials() != null) {
            for (AttestationFacts.Material m : f.materials()) {
                subject.add(subject(m.kind() + ":" + m.name(), m.sha256()));
            }
        }
        statement.put("predicateType", PREDICATE_TYPE);
        ObjectNode p = statement.putObject("predicate");
        p.putObject("asset").put("id", f.assetId());
        p.put("status", f.status());
        p.put("period", f.period());
        if (f.evaluationId() == null) {
            p.putNull("evaluation");
        } else {
            p.putObject("evaluation").put("id", f.evaluationId())
                    .put("evaluatedAt", f.evaluatedAt() == null ? null : f.evaluatedAt().toString());
        }
        p.putObject("policy").put("bundleDigest", f.policyDigest());
        p.putObject("engine").put("name", f.engineName()).put("version", f.engineVersion());
        p.set("results", f.results() == null ? F.arrayNode() : f.results());
        if (f.previousDigest() == null) {
            p.putNull("previousAttestation");
        } else {
            p.putObject("previousAttestation").putObject("digest").put("sha256", f.previousDigest());
        }
        p.put("attestedAt", f.attestedAt().toString());
        return statement;
    }

    public static byte[] bytes(AttestationFacts f) {
        try {
            return JSON.writeValueAsBytes(build(f));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The previous-link a statement carries, or null for a chain's first attestation. */
    public static String previousDigest(JsonNode statement) {
        JsonNode d = statement.path("predicate").path("previousAttestation").path("digest").path("sha256");
        return d.isTextual() ? d.asText() : null;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode subject(String name, String sha256) {
        ObjectNode s = F.objectNode();
        s.put("name", name);
        s.putObject("digest").put("sha256", sha256);
        return s;
    }
}
