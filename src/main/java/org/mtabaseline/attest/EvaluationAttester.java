package org.mtabaseline.attest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.api.EvaluationStored;
import org.mtabaseline.store.Attestation;
import org.mtabaseline.store.Evaluation;

/** Makes the attestation of a stored evaluation, in the evaluation's own transaction. */
@ApplicationScoped
public class EvaluationAttester {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Chain chain;

    EvaluationAttester(Chain chain) {
        this.chain = chain;
    }

    /** Every stored evaluation gets its attestation in the same transaction; a failure here rolls both back. */
    void onEvaluationStored(@Observes EvaluationStored stored) {
        attest(stored.evaluation(), stored.input());
    }

    /**
     * @param input the exact policy input that was evaluated; its {@code probe} object (if any) is the
     *              probe transcript whose sha256 becomes a subject
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Attestation attest(Evaluation e, JsonNode input) {
        String assetId = e.asset.id;
        chain.lock(List.of(assetId));
        Chain.Head head = chain.head(assetId);
        List<AttestationFacts.Material> materials = new ArrayList<>(configMaterials(e.sources));
        JsonNode probe = input == null ? null : input.get("probe");
        if (probe != null && !probe.isNull()) {
            materials.add(new AttestationFacts.Material("probe", e.probeId == null ? "transcript" : e.probeId,
                    InTotoStatement.sha256Hex(canonicalBytes(probe))));
        }
        return chain.append(head, facts(e, null, materials, head.digest()), Attestation.KIND_EVALUATION, null);
    }

    static AttestationFacts facts(Evaluation e, String period, List<AttestationFacts.Material> materials, String previous) {
        String[] engine = splitEngine(e.engine);
        return new AttestationFacts(e.asset.id, e.id.toString(), e.evaluatedAt, e.verdict, period, e.policyDigest,
                engine[0], engine[1], e.results, materials, previous, Chain.now());
    }

    /** "embedded/0.1.0" -> name, version; an engine string without a version keeps version null. */
    static String[] splitEngine(String engine) {
        if (engine == null) {
            return new String[] {null, null};
        }
        int slash = engine.indexOf('/');
        return slash < 0 ? new String[] {engine, null} : new String[] {engine.substring(0, slash), engine.substring(slash + 1)};
    }

    static List<AttestationFacts.Material> configMaterials(JsonNode sources) {
        List<AttestationFacts.Material> out = new ArrayList<>();
        if (sources != null) {
            for (JsonNode s : sources) {
                if (s.hasNonNull("name") && s.hasNonNull("sha256")) {
                    out.add(new AttestationFacts.Material("config", s.get("name").asText(), s.get("sha256").asText()));
                }
            }
        }
        return out;
    }

    /** Sorted-keys JSON, so the transcript digest does not depend on field order. */
    static byte[] canonicalBytes(JsonNode node) {
        try {
            Object tree = JSON.treeToValue(node, Object.class);
            return JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsBytes(tree);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
