package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.mtabaseline.rego.EvalOptions;
import org.mtabaseline.rego.PreparedQuery;
import org.mtabaseline.rego.RegoEvalException;

/** Evaluates the policy pack in-process with the project's own Rego engine (the default). */
public class EmbeddedPolicyEngine implements PolicyEngine {

    private static final EvalOptions OPTIONS = EvalOptions.defaults().withDeadline(Duration.ofSeconds(10));

    private final PolicyPack pack;
    private final PolicyConfig config;
    private final String engine;
    private volatile PreparedQuery controls;

    public EmbeddedPolicyEngine(PolicyPack pack, PolicyConfig config, String version) {
        this.pack = pack;
        this.config = config;
        this.engine = "embedded-rego/" + version;
    }

    private PreparedQuery controls() {
        PreparedQuery q = controls;
        if (q == null) {
            q = pack.compiled().prepare(PolicyPack.CONTROLS_PATH);
            controls = q;
        }
        return q;
    }

    @Override
    public boolean ready() {
        return pack.compileError() == null;
    }

    @Override
    public String problem() {
        return pack.compileError() == null ? "none" : pack.compileError();
    }

    @Override
    public Evaluation evaluate(JsonNode input) {
        JsonNode value;
        try {
            value = controls().eval(input, OPTIONS).value();
        } catch (RegoEvalException e) {
            throw new PolicyEngineException("policy evaluation failed: " + e.getMessage(), false, e);
        }
        return Verdicts.decide(value, pack.catalogue(), input, config.failSeverities(), pack.bundle().digest(), engine);
    }

    @Override
    public List<Control> catalogue() {
        return pack.catalogue();
    }

    @Override
    public String engine() {
        return engine;
    }

    @Override
    public String policyDigest() {
        return pack.bundle().digest();
    }
}
