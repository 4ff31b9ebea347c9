package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.policy.Evaluation;
import org.mtabaseline.policy.PolicyBundle;
import org.mtabaseline.policy.PolicyEngine;
import org.mtabaseline.store.Asset;

/**
 * The slice: config files in, collectors' facts, the policy engine's decision, one stored evaluation.
 * Everything runs in one transaction, so a request that fails stores nothing (not even a new asset).
 */
@ApplicationScoped
@Startup // registers the metrics at start, so /q/metrics shows them at zero
public class EvaluationService {

    private final ApiConfig config;
    private final PolicyEngine policy;
    private final AssetService assets;
    private final ProbeEvidence probes;
    private final Event<EvaluationStored> stored;
    private final MeterRegistry metrics;
    private final Timer duration;
    private final ObjectMapper json;

    EvaluationService(ApiConfig config, PolicyEngine policy, AssetService assets, ProbeEvidence probes,
                      Event<EvaluationStored> stored, MeterRegistry metrics, ObjectMapper json) {
        this.config = config;
        this.policy = policy;
        this.assets = assets;
        this.probes = probes;
        this.stored = stored;
        this.metrics = metrics;
        this.json = json;
        this.duration = Timer.builder("mta.baseline.evaluation.duration")
                .description("Time to collect, evaluate and store one evaluation").register(metrics);
        for (String verdict : new String[] {"pass", "fail"}) {
            metrics.counter("mta.baseline.evaluations", "verdict", verdict);
        }
    }

    @Transactional
    public org.mtabaseline.store.Evaluation evaluate(EvaluationRequest request) {
        Timer.Sample sample = Timer.start(metrics);
        List<ConfigFile> files = checkedFiles(request.files());
        Asset asset = assets.findOrRegister(request.asset().id(), null);
        JsonNode probe = null;
        if (request.probeId() != null) {
            probe = probes.forEvaluation(request.probeId(), asset).orElseThrow(() -> ProblemException.unprocessable(
                    "unknown-probe", "Unknown probe",
                    "probe '" + request.probeId() + "' does not exist or did not probe asset '" + asset.id + "'")
                    .field("probe_id"));
        }
        Decision d = decide(asset, request.mta(), files, probe);
        CollectedFacts facts = d.facts();
        ObjectNode input = d.input();
        Evaluation decision = d.evaluation();
        if (asset.mtaKind == null) {
            asset.mtaKind = facts.kind().id();
        }

        org.mtabaseline.store.Evaluation e = new org.mtabaseline.store.Evaluation();
        e.id = UUID.randomUUID();
        e.asset = asset;
        e.verdict = decision.verdict();
        e.evaluatedAt = AssetService.now();
        e.policyDigest = decision.policyDigest();
        e.engine = decision.engine();
        e.mtaKind = facts.kind().id();
        e.results = json.valueToTree(decision.results());
        e.sources = sources(files);
        e.probeId = request.probeId();
        e.persist();
        stored.fire(new EvaluationStored(e, input));

        metrics.counter("mta.baseline.evaluations", "verdict", e.verdict).increment();
        sample.stop(duration);
        return e;
    }

    /**
     * The same path as {@link #evaluate} (size limits, collect, policy) for files that are only being
     * checked, e.g. by the admission webhook: nothing is stored, an unknown asset is not registered.
     */
    @Transactional
    public Evaluation check(String assetId, String mta, List<EvaluationRequest.ConfigFileRequest> requested) {
        List<ConfigFile> files = checkedFiles(requested);
        Asset asset = assetId == null ? null : Asset.findById(assetId);
        if (asset == null) {
            asset = new Asset(); // transient: describes the input, never persisted
            asset.id = assetId;
        }
        return decide(asset, mta, files, null).evaluation();
    }

    private record Decision(CollectedFacts facts, ObjectNode input, Evaluation evaluation) {
    }

    private Decision decide(Asset asset, String mta, List<ConfigFile> files, JsonNode probe) {
        String kind = mta != null && !mta.isBlank() ? mta : asset.mtaKind;
        CollectedFacts facts = Collectors.collect(kind, files);
        ObjectNode input = json.createObjectNode();
        input.set("asset", assetInput(asset));
        input.set("mta", facts.toInput());
        input.set("probe", probe);
        return new Decision(facts, input, policy.evaluate(input));
    }

    /** Enforces the size limits (413, naming the file) before any parser runs. */
    private List<ConfigFile> checkedFiles(List<EvaluationRequest.ConfigFileRequest> requested) {
        long maxFile = config.maxFileSize().asLongValue();
        long maxTotal = config.maxRequestSize().asLongValue();
        long total = 0;
        List<ConfigFile> files = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            EvaluationRequest.ConfigFileRequest f = requested.get(i);
            long size = f.content().getBytes(StandardCharsets.UTF_8).length;
            if (size > maxFile) {
                throw ProblemException.tooLarge("file '" + f.name() + "' has " + size + " bytes; the limit is "
                        + maxFile + " (mta-baseline.api.max-file-size)").field("files[" + i + "].content").file(f.name());
            }
            total += size;
            if (total > maxTotal) {
                throw ProblemException.tooLarge("the files add up to more than " + maxTotal
                        + " bytes (mta-baseline.api.max-request-size)").field("files");
            }
            files.add(new ConfigFile(f.name(), f.content()));
        }
        return files;
    }

    private JsonNode assetInput(Asset asset) {
        ObjectNode a = json.createObjectNode();
        a.put("id", asset.id);
        a.put("hostname", asset.hostname);
        a.put("environment", asset.environment);
        a.put("owner", asset.owner);
        a.put("role", asset.role);
        a.set("tags", json.valueToTree(new java.util.TreeMap<>(asset.tags)));
        return a;
    }

    private JsonNode sources(List<ConfigFile> files) {
        ArrayNode out = json.createArrayNode();
        for (ConfigFile f : files) {
            byte[] bytes = f.content().getBytes(StandardCharsets.UTF_8);
            out.addObject().put("name", f.name()).put("sha256", PolicyBundle.sha256(bytes)).put("size", bytes.length);
        }
        return out;
    }
}
