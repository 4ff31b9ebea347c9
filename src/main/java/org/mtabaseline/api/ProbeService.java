package org.mtabaseline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.mtabaseline.probe.FleetProbe;
import org.mtabaseline.probe.ProbeConfig;
import org.mtabaseline.probe.ProbeLimits;
import org.mtabaseline.probe.ProbeOptions;
import org.mtabaseline.probe.ProbeReport;
import org.mtabaseline.probe.ProbeTarget;
import org.mtabaseline.probe.ProbeTestResult;
import org.mtabaseline.probe.Prober;
import org.mtabaseline.probe.Scope;
import org.mtabaseline.store.Asset;
import org.mtabaseline.store.Probe;

/**
 * Starts probe runs in the background and stores their reports: scope and option checks happen before anything is
 * stored or sent; each finished target is written at once, so GET shows partial results and progress.
 */
@ApplicationScoped
public class ProbeService {

    private static final Logger LOG = Logger.getLogger(ProbeService.class);

    /** Live state of a running probe, written through to its row after every target. */
    private static final class Run {
        final List<ProbeTarget> targets;
        final JsonNode[] reports;
        final AtomicInteger testsDone = new AtomicInteger();
        int done;

        Run(List<ProbeTarget> targets) {
            this.targets = targets;
            this.reports = new JsonNode[targets.size()];
        }

        int indexOf(ProbeTarget t) {
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i) == t) {
                    return i;
                }
            }
            throw new IllegalStateException("unknown target " + t);
        }
    }

    private final ProbeOptions base;
    private final Scope scope;
    private final FleetProbe fleet;
    private final ObjectMapper json;
    private final Map<UUID, Run> running = new ConcurrentHashMap<>();
    private final Duration lease;

    ProbeService(ProbeConfig config, ObjectMapper json) {
        this.base = ProbeOptions.from(config);
        this.lease = config.lease();
        // Host names in the scope are resolved here, once.
        this.scope = Scope.of(config.scope().orElse(List.of()));
        this.fleet = new FleetProbe(new Prober(new ProbeLimits(config.maxConcurrent())));
        this.json = json;
    }

    /** Checks options and scope (422/403 before any packet), stores the run and starts it. */
    public Probe start(ProbeRequest request) {
        ProbeOptions options = base.withOverrides(request.options());
        List<ProbeTarget> targets = FleetProbe.admit(scope, request.targets(), options);
        Probe p = new Probe();
        p.id = UUID.randomUUID();
        p.assetId = request.assetId();
        p.status = "running";
        ArrayNode labels = json.createArrayNode();
        targets.forEach(t -> labels.add(t.label()));
        p.targets = labels;
        p.options = request.options();
        p.total = targets.size();
        p.results = json.createArrayNode();
        p.createdAt = Instant.now();
        p.heartbeatAt = p.createdAt;
        QuarkusTransaction.requiringNew().run(p::persist);
        Run run = new Run(targets);
        running.put(p.id, run);
        UUID id = p.id;
        fleet.start(targets, options, new FleetProbe.Progress() {
            @Override
            public void testDone(ProbeTarget target, ProbeTestResult test) {
                run.testsDone.incrementAndGet();
            }

            @Override
            public void targetDone(ProbeTarget target, ProbeReport report) {
                synchronized (run) {
                    run.reports[run.indexOf(target)] = report.toJson();
                    run.done++;
                    save(id, run, null);
                }
            }
        }).whenComplete((reports, failure) -> {
            synchronized (run) {
                if (failure != null) {
                    LOG.errorf(failure, "probe %s failed", id);
                }
                save(id, run, failure == null ? "completed" : "failed");
                running.remove(id);
            }
        });
        return p;
    }

    private void save(UUID id, Run run, String finalStatus) {
        QuarkusTransaction.requiringNew().run(() -> {
            Probe p = Probe.findById(id);
            ArrayNode results = json.createArrayNode();
            for (int i = 0; i < run.reports.length; i++) {
                if (run.reports[i] != null) {
                    results.add(run.reports[i]);
                }
            }
            p.results = results;
            p.done = run.done;
            p.testsDone = run.testsDone.get();
            p.heartbeatAt = Instant.now();
            if (finalStatus != null) {
                p.status = finalStatus;
                p.finishedAt = Instant.now();
                if (finalStatus.equals("failed")) {
                    p.error = "the probe run stopped unexpectedly; see the service log";
                }
            }
        });
    }

    /**
     * Keeps this process's probes alive in the database and closes the ones whose process is gone (a restart or a
     * crash leaves them "running" with a heartbeat older than the lease); runs at start-up too.
     */
    @Scheduled(identity = "probe-heartbeat", every = "{mta-baseline.probe.heartbeat-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        Instant now = Instant.now();
        Instant staleBefore = now.minus(lease);
        QuarkusTransaction.requiringNew().run(() -> {
            if (!running.isEmpty()) {
                Probe.update("heartbeatAt = ?1 where id in ?2 and status = 'running'", now, List.copyOf(running.keySet()));
            }
            for (Probe p : Probe.<Probe>list("status = 'running' and (heartbeatAt < ?1 or heartbeatAt is null and createdAt < ?1)",
                    staleBefore)) {
                if (running.containsKey(p.id)) {
                    continue;
                }
                p.status = "failed";
                p.finishedAt = now;
                p.error = "interrupted: the service instance running this probe stopped (last heartbeat "
                        + (p.heartbeatAt == null ? p.createdAt : p.heartbeatAt) + "); " + p.done + " of " + p.total
                        + " targets had finished and are kept; start a new probe for the rest";
                LOG.warnf("probe %s closed as interrupted (%d of %d targets done)", p.id, p.done, p.total);
            }
        });
    }

    /** Tests finished so far for a running probe (the row is written per target, this per test). */
    public Optional<Integer> liveTestsDone(UUID id) {
        Run r = running.get(id);
        return r == null ? Optional.empty() : Optional.of(r.testsDone.get());
    }

    /**
     * The {@code probe} policy input for an asset from a stored probe: every target if the probe was made for this
     * asset, otherwise the targets whose host is the asset's host name or id; several ports are merged.
     */
    public Optional<JsonNode> evidence(String probeId, Asset asset) {
        UUID id;
        try {
            id = UUID.fromString(probeId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Probe p = Probe.findById(id);
        if (p == null) {
            return Optional.empty();
        }
        if (!"completed".equals(p.status)) {
            throw new ProblemException(409, "probe-not-completed", "Probe not completed",
                    "probe '" + probeId + "' is " + p.status + "; evaluate once it has completed").field("probe_id");
        }
        boolean forAsset = asset.id.equals(p.assetId);
        List<ProbeReport> reports = new ArrayList<>();
        for (JsonNode r : p.results) {
            String host = ProbeTarget.Spec.parse(r.path("target").asText()).host().toLowerCase(Locale.ROOT);
            if (forAsset || host.equals(lower(asset.hostname)) || host.equals(lower(asset.id))) {
                try {
                    reports.add(json.treeToValue(r, ProbeReport.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("stored probe report cannot be read", e);
                }
            }
        }
        return reports.isEmpty() ? Optional.empty() : Optional.of(ProbeReport.merge(reports).toInput());
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
