package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import org.mtabaseline.collect.ConfigParseException;
import org.mtabaseline.collect.UnsupportedMtaException;
import org.mtabaseline.policy.ControlResult;
import org.mtabaseline.policy.Evaluation;
import org.mtabaseline.policy.PolicyEngineException;

/**
 * Decides an AdmissionReview: a ConfigMap labelled {@value #MTA_LABEL} has its data entries checked as
 * config files through {@link EvaluationService#check} (nothing stored). A fail verdict is denied in
 * enforce mode and admitted with warnings in audit mode (per namespace, see {@link NamespaceModes}); unlabelled
 * objects and DELETEs pass untouched.
 */
@ApplicationScoped
public class AdmissionWebhook {

    static final String MTA_LABEL = "mta-baseline.io/mta";
    static final String ASSET_LABEL = "mta-baseline.io/asset";
    /** The API server truncates longer warnings; one short warning per failing control. */
    private static final int MAX_WARNING = 240;

    private static final Logger LOG = Logger.getLogger(AdmissionWebhook.class);

    private final EvaluationService evaluations;
    private final NamespaceModes modes;

    AdmissionWebhook(EvaluationService evaluations, AdmissionConfig config) {
        this.evaluations = evaluations;
        this.modes = new NamespaceModes(config.mode(), config.namespaceModes().orElse(List.of()));
    }

    public AdmissionReview.Response review(AdmissionReview review) {
        AdmissionReview.Request request = wellFormed(review);
        String uid = request.uid();
        AdmissionReview.ConfigMap object = request.object();
        Map<String, String> labels = object == null || object.metadata() == null || object.metadata().labels() == null
                ? Map.of() : object.metadata().labels();
        if ("DELETE".equals(request.operation()) || !labels.containsKey(MTA_LABEL)
                || request.kind() != null && !"ConfigMap".equals(request.kind().kind())) {
            return new AdmissionReview.Response(uid, true, null, null);
        }
        String subject = "ConfigMap " + request.namespace() + "/" + name(request);
        String mta = labels.get(MTA_LABEL).strip();
        String asset = labels.getOrDefault(ASSET_LABEL, "k8s:" + request.namespace() + "/" + name(request));

        List<String> findings;
        String summary;
        try {
            Evaluation e = evaluations.check(asset, "auto".equalsIgnoreCase(mta) ? null : mta, files(object));
            if (ControlResult.PASS.equals(e.verdict())) {
                return new AdmissionReview.Response(uid, true, null, null);
            }
            findings = failing(e);
            summary = subject + " fails the MTA baseline (policy " + e.policyDigest() + ")";
        } catch (ProblemException | UnsupportedMtaException | ConfigParseException | PolicyEngineException e) {
            // A config that cannot be checked is not known to be safe: treated like a failing one.
            findings = List.of(cannotCheck(e));
            summary = subject + " cannot be checked against the MTA baseline";
        }
        AdmissionConfig.Mode mode = modes.modeFor(request.namespace());
        boolean enforce = mode == AdmissionConfig.Mode.ENFORCE;
        LOG.infof("admission %s: %s, %d finding(s) (%s)", enforce ? "denied" : "audit warning", subject,
                findings.size(), mode.name().toLowerCase(java.util.Locale.ROOT));
        if (enforce) {
            return new AdmissionReview.Response(uid, false,
                    new AdmissionReview.Status(403, "Forbidden", summary + ": " + String.join("; ", findings)), null);
        }
        List<String> warnings = new ArrayList<>();
        warnings.add("mta-baseline audit: " + summary);
        findings.forEach(f -> warnings.add(f.length() > MAX_WARNING ? f.substring(0, MAX_WARNING - 3) + "..." : f));
        return new AdmissionReview.Response(uid, true, null, warnings);
    }

    private static AdmissionReview.Request wellFormed(AdmissionReview review) {
        if (review == null || !AdmissionReview.API_VERSION.equals(review.apiVersion())
                || !AdmissionReview.KIND.equals(review.kind())) {
            throw ProblemException.badRequest("invalid-admission-review", "Invalid AdmissionReview",
                    "expected apiVersion " + AdmissionReview.API_VERSION + " and kind " + AdmissionReview.KIND
                    + (review == null ? ", got no body" : ", got " + review.apiVersion() + " " + review.kind()))
                    .field(review == null || AdmissionReview.API_VERSION.equals(review.apiVersion()) ? "kind" : "apiVersion");
        }
        if (review.request() == null) {
            throw ProblemException.badRequest("invalid-admission-review", "Invalid AdmissionReview",
                    "an AdmissionReview sent to a webhook has a request").field("request");
        }
        if (review.request().uid() == null || review.request().uid().isBlank()) {
            throw ProblemException.badRequest("invalid-admission-review", "Invalid AdmissionReview",
                    "request.uid is required: the response must echo it").field("request.uid");
        }
        return review.request();
    }

    private static String name(AdmissionReview.Request request) {
        if (request.name() != null && !request.name().isBlank()) {
            return request.name();
        }
        AdmissionReview.ObjectMeta meta = request.object().metadata();
        return meta == null || meta.name() == null ? "(generated name)" : meta.name();
    }

    /** Each data entry is one config file named by its key (main.cf, master.cf, exim.conf ...), in key order. */
    private static List<EvaluationRequest.ConfigFileRequest> files(AdmissionReview.ConfigMap object) {
        Map<String, String> data = object.data() == null ? Map.of() : new TreeMap<>(object.data());
        if (data.isEmpty()) {
            throw ProblemException.unprocessable("no-config-files", "No config files",
                    "the ConfigMap has no data entries to check").field("data");
        }
        List<EvaluationRequest.ConfigFileRequest> files = new ArrayList<>();
        data.forEach((k, v) -> files.add(new EvaluationRequest.ConfigFileRequest(k, v == null ? "" : v)));
        return files;
    }

    /** "MTA-RELAY-001 No open relay (critical): reason [main.cf:38]" for every failing or erroring control. */
    private static List<String> failing(Evaluation e) {
        List<String> out = new ArrayList<>();
        for (ControlResult r : e.results()) {
            if (!ControlResult.FAIL.equals(r.status()) && !ControlResult.ERROR.equals(r.status())) {
                continue;
            }
            StringBuilder s = new StringBuilder(r.control()).append(' ').append(r.title());
            s.append(" (").append(r.severity()).append(ControlResult.ERROR.equals(r.status()) ? ", error" : "").append(')');
            if (r.reason() != null && !r.reason().isBlank()) {
                s.append(": ").append(r.reason());
            }
            Set<String> where = sources(r.evidence());
            if (!where.isEmpty()) {
                s.append(" [").append(String.join(", ", where)).append(']');
            }
            out.add(s.toString());
        }
        return out;
    }

    /** file:line of every source the evidence names, wherever in the evidence it sits. */
    private static Set<String> sources(JsonNode evidence) {
        Set<String> where = new LinkedHashSet<>();
        if (evidence != null) {
            for (JsonNode source : evidence.findParents("file")) {
                if (!source.get("file").isTextual()) {
                    continue; // a built-in default: no file to name
                }
                JsonNode line = source.get("line");
                where.add(source.get("file").asText() + (line != null && line.canConvertToInt() ? ":" + line.asInt() : ""));
            }
        }
        return where;
    }

    private static String cannotCheck(RuntimeException e) {
        if (e instanceof ConfigParseException p) {
            return "unreadable config: " + p.detail() + (p.file() == null ? "" : " [" + p.file()
                    + (p.line() == null ? "" : ":" + p.line()) + "]");
        }
        if (e instanceof ProblemException p) {
            return p.toProblem().title() + ": " + p.getMessage();
        }
        return e.getMessage();
    }
}
