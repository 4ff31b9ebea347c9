package org.mtabaseline.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.mtabaseline.rego.CompiledPolicy;
import org.mtabaseline.rego.Rego;
import org.mtabaseline.rego.RegoAnnotation;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoCompiler;

/**
 * The policy pack this service runs with, loaded once at start-up: the bundle files, their digest,
 * the compiled modules and the control catalogue. Policies that do not compile do not stop the
 * service (health, assets and stored evaluations stay available): readiness goes DOWN and every
 * evaluation answers 503 naming the compile errors.
 */
@ApplicationScoped
@Startup
public class PolicyPack {

    private static final Logger LOG = Logger.getLogger(PolicyPack.class);
    static final String CONTROLS_PATH = "data.mta.controls";

    private final PolicyBundle bundle;
    private final CompiledPolicy compiled;
    private final String compileError;
    private final List<Control> catalogue;

    @Inject
    PolicyPack(PolicyConfig config) {
        this(PolicyBundle.load(config.dir()));
        if (compileError != null) {
            LOG.errorf("policy pack %s cannot be used: %s", bundle.digest(), compileError);
        } else {
            LOG.infof("policy pack %s: %d modules, %d controls", bundle.digest(), bundle.modules().size(),
                    catalogue.size());
        }
    }

    public PolicyPack(PolicyBundle bundle) {
        this.bundle = bundle;
        CompiledPolicy c = null;
        String error = null;
        try {
            c = compile(bundle);
        } catch (PolicyEngineException e) {
            error = e.getMessage();
        }
        List<Control> controls = c == null ? List.of() : catalogueOf(c.annotations());
        if (c != null && controls.isEmpty()) {
            // an empty pack would pass everything: refuse to decide instead
            error = "the policy pack has no controls (packages mta.controls.* with METADATA custom.id)";
            c = null;
        }
        this.compiled = c;
        this.compileError = error;
        this.catalogue = controls;
    }

    private static CompiledPolicy compile(PolicyBundle bundle) {
        RegoCompiler compiler = Rego.compiler();
        ObjectNode data = new ObjectMapper().createObjectNode();
        for (PolicyBundle.PolicyFile f : bundle.files()) {
            if (f.isModule()) {
                compiler.module(f.path(), f.text());
            } else {
                data.setAll(dataFile(f));
            }
        }
        try {
            return compiler.data(data).compile();
        } catch (RegoCompileException e) {
            List<String> first = e.errors().stream().limit(10).map(Object::toString).toList();
            throw new PolicyEngineException("the policies do not compile (" + e.errors().size() + " errors): "
                    + String.join("; ", first) + (e.errors().size() > 10 ? "; ..." : ""), false, e);
        }
    }

    /** An OPA data file: its document is placed at its directory's path, as OPA does. */
    private static ObjectNode dataFile(PolicyBundle.PolicyFile f) {
        try {
            JsonNode doc = new ObjectMapper().readTree(f.content());
            String[] dirs = f.path().contains("/") ? f.path().substring(0, f.path().lastIndexOf('/')).split("/")
                    : new String[0];
            JsonNode node = doc;
            for (int i = dirs.length - 1; i >= 0; i--) {
                ObjectNode wrap = new ObjectMapper().createObjectNode();
                wrap.set(dirs[i], node);
                node = wrap;
            }
            if (!node.isObject()) {
                throw new PolicyEngineException(f.path() + ": data file must hold a JSON object", false, null);
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new PolicyEngineException(f.path() + ": not valid JSON: " + e.getMessage(), false, e);
        }
    }

    /** Controls are the package annotations under data.mta.controls that carry custom.id. */
    static List<Control> catalogueOf(List<RegoAnnotation> annotations) {
        List<Control> out = new ArrayList<>();
        for (RegoAnnotation a : annotations) {
            if (!"package".equals(a.scope()) || !a.path().startsWith(CONTROLS_PATH + ".")
                    || a.custom() == null || !a.custom().hasNonNull("id")) {
                continue;
            }
            JsonNode c = a.custom();
            out.add(new Control(c.get("id").asText(), a.path(), a.title(), a.description(),
                    c.path("severity").asText(null), strings(c.path("mta_kinds")), strings(c.path("roles")),
                    c.path("source").asText(null), c.get("references"), c.get("remediation"),
                    c.path("rollback").asText(null), a.file()));
        }
        out.sort(Comparator.comparing(Control::id));
        return List.copyOf(out);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    public PolicyBundle bundle() {
        return bundle;
    }

    /** The compiled modules; throws PolicyEngineException (unavailable) if they do not compile. */
    public CompiledPolicy compiled() {
        if (compiled == null) {
            throw new PolicyEngineException(compileError, true, null);
        }
        return compiled;
    }

    /** Null when the pack compiled; else why not. */
    public String compileError() {
        return compileError;
    }

    public List<Control> catalogue() {
        return catalogue;
    }

    public Optional<Control> control(String id) {
        return catalogue.stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst();
    }
}
