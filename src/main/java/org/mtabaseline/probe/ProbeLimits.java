package org.mtabaseline.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The probe's manners, shared by every run in the process: a global cap on targets probed at once, and per target
 * address a minimum pause between connections and a cap on relay tests per minute.
 */
public final class ProbeLimits {

    private static final class Gate {
        long nextConnectNanos;
        final Deque<Long> testTimes = new ArrayDeque<>();
    }

    private final Semaphore concurrent;
    private final int maxConcurrent;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    public ProbeLimits(int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new InvalidProbeOptionException("mta-baseline.probe.max-concurrent", "must be at least 1");
        }
        this.maxConcurrent = maxConcurrent;
        this.concurrent = new Semaphore(maxConcurrent, true);
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** Takes one of the global slots, waiting until one frees up. */
    void acquireSlot() throws InterruptedException {
        concurrent.acquire();
    }

    void releaseSlot() {
        concurrent.release();
    }

    /** Waits for the per-target connection pause; fails when waiting would pass the target's deadline. */
    void beforeConnect(ProbeTarget t, ProbeOptions o, Instant deadline) throws ProbeFailure {
        Gate g = gates.computeIfAbsent(t.address().getHostAddress(), k -> new Gate());
        long wait;
        synchronized (g) {
            long now = System.nanoTime();
            long at = Math.max(now, g.nextConnectNanos);
            g.nextConnectNanos = at + o.minConnectInterval().toNanos();
            wait = at - now;
        }
        sleep(wait, deadline, "per-target connection rate limit");
    }

    /** Waits until one more test fits in the per-target tests-per-minute cap. */
    void beforeTest(ProbeTarget t, ProbeOptions o, Instant deadline) throws ProbeFailure {
        Gate g = gates.computeIfAbsent(t.address().getHostAddress(), k -> new Gate());
        long window = TimeUnit.MINUTES.toNanos(1);
        while (true) {
            long wait;
            synchronized (g) {
                long now = System.nanoTime();
                while (!g.testTimes.isEmpty() && now - g.testTimes.peekFirst() >= window) {
                    g.testTimes.pollFirst();
                }
                if (g.testTimes.size() < o.testsPerMinute()) {
                    g.testTimes.addLast(now);
                    return;
                }
                wait = g.testTimes.peekFirst() + window - now;
            }
            sleep(wait, deadline, "tests-per-minute cap");
        }
    }

    private static void sleep(long nanos, Instant deadline, String what) throws ProbeFailure {
        if (nanos <= 0) {
            return;
        }
        if (Instant.now().plusNanos(nanos).isAfter(deadline)) {
            throw new ProbeFailure(ProbeFailure.Kind.TIMEOUT, "total timeout would pass while waiting for the " + what);
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis(), (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeFailure(ProbeFailure.Kind.TIMEOUT, "interrupted while waiting for the " + what);
        }
    }
}
