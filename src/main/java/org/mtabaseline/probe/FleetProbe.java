package org.mtabaseline.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the probe over a fleet of admitted targets concurrently, within the global concurrency limit of
 * {@link ProbeLimits}; reports progress as targets and tests finish.
 */
public final class FleetProbe {

    /** Progress callbacks; called from the probing threads. */
    public interface Progress {
        default void testDone(ProbeTarget target, ProbeTestResult test) {
        }

        default void targetDone(ProbeTarget target, ProbeReport report) {
        }
    }

    private final Prober prober;
    private final ExecutorService pool;

    public FleetProbe(Prober prober) {
        this.prober = prober;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Turns request targets ("host", "host:port", "[v6]:port") into admitted targets: a target without a port
     * stands for every default port of the run. All targets are checked before any is probed; if one is out of
     * scope the whole request is refused, naming every refused target.
     */
    public static List<ProbeTarget> admit(Scope scope, List<String> specs, ProbeOptions options) {
        if (specs == null || specs.isEmpty()) {
            throw new InvalidProbeOptionException("targets", "at least one target is required");
        }
        List<ProbeTarget> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        String why = null;
        for (String raw : specs) {
            ProbeTarget.Spec spec = ProbeTarget.Spec.parse(raw);
            for (int port : spec.ports(options.ports())) {
                try {
                    out.add(scope.admit(spec.host(), port));
                } catch (OutOfScopeException e) {
                    refused.addAll(e.targets());
                    why = why == null ? e.getMessage().substring(0, e.getMessage().indexOf("; to allow")) : why;
                }
            }
        }
        if (!refused.isEmpty()) {
            throw new OutOfScopeException(refused, refused.size() == 1 ? why
                    : refused.size() + " targets are outside the probe scope (" + why + ")");
        }
        return out;
    }

    /** Starts every target at once (each waits for a global slot) and completes with the reports in input order. */
    public CompletableFuture<List<ProbeReport>> start(List<ProbeTarget> targets, ProbeOptions options,
                                                      Progress progress) {
        List<CompletableFuture<ProbeReport>> futures = new ArrayList<>();
        for (ProbeTarget t : targets) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    prober.limits().acquireSlot();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a probe slot", e);
                }
                try {
                    ProbeReport r = prober.probe(t, options, test -> progress.testDone(t, test));
                    progress.targetDone(t, r);
                    return r;
                } finally {
                    prober.limits().releaseSlot();
                }
            }, pool));
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
    }

    public List<ProbeReport> run(List<ProbeTarget> targets, ProbeOptions options) {
        return start(targets, options, new Progress() { }).join();
    }
}
