package org.mtabaseline.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.mtabaseline.attest.sign.Envelope;
import org.mtabaseline.store.Attestation;
import org.mtabaseline.store.AttestationRun;
import org.mtabaseline.store.Evaluation;

/**
 * The monthly run: for each asset (in id order) the latest evaluation inside the period becomes the
 * period's attestation; an asset without one gets {@code no_evidence}. Each batch is one transaction
 * that also advances the run's cursor, so a process killed mid-run loses at most an uncommitted batch
 * and whoever resumes continues after the last committed asset. The unique (asset, period) constraint
 * and the in-batch check make re-runs create nothing twice.
 */
@ApplicationScoped
public class MonthlyRun {

    private static final Logger LOG = Logger.getLogger(MonthlyRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;
    private final Chain chain;
    private final AttestConfig config;
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "attestation-run");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();

    MonthlyRun(EntityManager em, Chain chain, AttestConfig config) {
        this.em = em;
        this.chain = chain;
        this.config = config;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** Thrown for a period that cannot be attested (not ended yet). */
    public static class PeriodNotClosedException extends RuntimeException {
        public PeriodNotClosedException(String message) {
            super(message);
        }
    }

    /** Starts a run for the period (or returns the one already running for it) and processes it in the background. */
    public AttestationRun start(YearMonth period, String trigger) {
        if (!periodEnd(period).isBefore(Instant.now().plusSeconds(1))) {
            throw new PeriodNotClosedException("period " + period + " has not ended yet; it can be attested from "
                    + periodEnd(period));
        }
        boolean[] created = {false};
        AttestationRun run = QuarkusTransaction.requiringNew().call(() -> {
            Optional<AttestationRun> running = AttestationRun.find("period = ?1 and state = ?2", period.toString(),
                    AttestationRun.RUNNING).firstResultOptional();
            if (running.isPresent()) {
                return running.get();
            }
            AttestationRun r = new AttestationRun();
            r.id = UUID.randomUUID();
            r.period = period.toString();
            r.state = AttestationRun.RUNNING;
            r.trigger = trigger;
            r.total = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM asset").getSingleResult()).intValue();
            r.startedAt = Chain.now();
            r.heartbeatAt = r.startedAt;
            r.persist();
            created[0] = true;
            return r;
        });
        if (created[0]) {
            submit(run.id);
        }
        return run;
    }

    /** On the configured cron (UTC): attest the month that just ended. */
    @Scheduled(identity = "monthly-attestation-run", cron = "{mta-baseline.attest.monthly.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void monthly() {
        YearMonth period = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        AttestationRun run = start(period, "schedule");
        LOG.infof("monthly attestation run %s for %s started", run.id, period);
    }

    /** Resumes runs whose process died (heartbeat older than the lease), e.g. after kill -9 and a restart. */
    @Scheduled(identity = "attestation-run-resume", every = "{mta-baseline.attest.monthly.resume-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumeInterrupted() {
        Instant staleBefore = Instant.now().minus(config.monthly().lease());
        List<UUID> stale = QuarkusTransaction.requiringNew().call(() -> AttestationRun.<AttestationRun>list(
                        "state = ?1 and heartbeatAt < ?2", AttestationRun.RUNNING, staleBefore)
                .stream().map(r -> r.id).filter(id -> !runningHere.contains(id)).toList());
        for (UUID id : stale) {
            boolean claimed = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                            "update AttestationRun set heartbeatAt = :now where id = :id and state = :running and heartbeatAt < :stale")
                    .setParameter("now", Chain.now()).setParameter("id", id).setParameter("running", AttestationRun.RUNNING)
                    .setParameter("stale", staleBefore).executeUpdate() == 1);
            if (claimed) {
                LOG.infof("resuming interrupted attestation run %s", id);
                submit(id);
            }
        }
    }

    private void submit(UUID runId) {
        if (!runningHere.add(runId)) {
            return;
        }
        workers.submit(() -> {
            try {
                execute(runId);
            } finally {
                runningHere.remove(runId);
            }
        });
    }

    /** Processes batches until the run is complete; a failure marks the run failed with the reason. */
    public void execute(UUID runId) {
        try {
            long pause = config.monthly().batchPause().toMillis();
            while (QuarkusTransaction.requiringNew().call(() -> batch(runId))) {
                if (pause > 0) {
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    return; // shutting down: the run stays "running" and is resumed later
                }
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || workers.isShutdown()) {
                return;
            }
            LOG.errorf(e, "attestation run %s failed", runId);
            QuarkusTransaction.requiringNew().run(() -> {
                AttestationRun run = AttestationRun.findById(runId);
                if (run != null && AttestationRun.RUNNING.equals(run.state)) {
                    run.state = AttestationRun.FAILED;
                    run.error = String.valueOf(e.getMessage());
                    run.finishedAt = Chain.now();
                }
            });
        }
    }

    /** One committed batch; false when the run is finished. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean batch(UUID runId) {
        // The run row lock serialises batches of the same run even if two processes hold it.
        AttestationRun run = em.find(AttestationRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !AttestationRun.RUNNING.equals(run.state)) {
            return false;
        }
        YearMonth period = YearMonth.parse(run.period);
        @SuppressWarnings("unchecked")
        List<String> ids = (run.lastAssetId == null
                ? em.createNativeQuery("SELECT id FROM asset ORDER BY id LIMIT :n")
                : em.createNativeQuery("SELECT id FROM asset WHERE id > :c ORDER BY id LIMIT :n").setParameter("c", run.lastAssetId))
                .setParameter("n", config.monthly().batchSize()).getResultList();
        Instant now = Chain.now();
        if (ids.isEmpty()) {
            run.state = AttestationRun.COMPLETED;
            run.finishedAt = now;
            run.heartbeatAt = now;
            run.total = Math.max(run.total, run.done);
            LOG.infof("attestation run %s for %s completed: %d assets, %d attested, %d no_evidence, %d already attested",
                    run.id, run.period, run.done, run.attested, run.noEvidence, run.already);
            return false;
        }
        chain.lock(ids);
        Set<String> already = new HashSet<>(stringList(em.createNativeQuery(
                        "SELECT asset_id FROM attestation WHERE period = :p AND asset_id IN (:ids)")
                .setParameter("p", run.period).setParameter("ids", ids).getResultList()));
        Map<String, Chain.Head> heads = heads(ids);
        Map<String, Evaluation> latest = latestEvaluations(ids, period);
        Map<UUID, List<AttestationFacts.Material>> materials = evaluationMaterials(latest.values());

        List<AttestationFacts> toSign = new ArrayList<>();
        List<Chain.Head> toSignHeads = new ArrayList<>();
        for (String assetId : ids) {
            if (already.contains(assetId)) {
                run.already++;
                continue;
            }
            Chain.Head head = heads.getOrDefault(assetId, Chain.Head.EMPTY);
            Evaluation e = latest.get(assetId);
            AttestationFacts facts;
            if (e != null) {
                List<AttestationFacts.Material> m = materials.get(e.id);
                facts = EvaluationAttester.facts(e, run.period,
                        m != null ? m : EvaluationAttester.configMaterials(e.sources), head.digest());
                run.attested++;
            } else {
                facts = new AttestationFacts(assetId, null, null, AttestationFacts.NO_EVIDENCE, run.period, null, null, null,
                        JSON.createArrayNode(), List.of(), head.digest(), Chain.now());
                run.noEvidence++;
            }
            toSign.add(facts);
            toSignHeads.add(head);
        }
        // Signing dominates a batch's time and needs no database: sign in parallel, then insert in JDBC batches.
        UUID id = run.id;
        List<Attestation> signed = java.util.stream.IntStream.range(0, toSign.size()).parallel()
                .mapToObj(i -> chain.signed(toSignHeads.get(i), toSign.get(i), Attestation.KIND_PERIOD, id)).toList();
        em.unwrap(org.hibernate.Session.class).setJdbcBatchSize(100);
        for (Attestation a : signed) {
            a.persist();
        }
        run.done += ids.size();
        run.lastAssetId = ids.get(ids.size() - 1);
        run.heartbeatAt = Chain.now();
        return true;
    }

    private Map<String, Chain.Head> heads(List<String> ids) {
        Map<String, Chain.Head> heads = new HashMap<>();
        List<?> rows = em.createNativeQuery("SELECT a.asset_id, a.seq, a.payload_digest FROM attestation a "
                        + "WHERE a.asset_id IN (:ids) AND a.seq = (SELECT MAX(b.seq) FROM attestation b WHERE b.asset_id = a.asset_id)")
                .setParameter("ids", ids).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            heads.put((String) r[0], new Chain.Head(((Number) r[1]).longValue(), (String) r[2]));
        }
        return heads;
    }

    /** Per asset, the latest evaluation with start <= evaluated_at < end (ties broken by id). */
    private Map<String, Evaluation> latestEvaluations(List<String> ids, YearMonth period) {
        Instant start = period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant end = periodEnd(period);
        List<Evaluation> rows = em.createQuery("select e from Evaluation e where e.asset.id in :ids "
                        + "and e.evaluatedAt >= :start and e.evaluatedAt < :end and not exists ("
                        + "select 1 from Evaluation n where n.asset = e.asset and n.evaluatedAt >= :start and n.evaluatedAt < :end "
                        + "and (n.evaluatedAt > e.evaluatedAt or (n.evaluatedAt = e.evaluatedAt and n.id > e.id)))", Evaluation.class)
                .setParameter("ids", ids).setParameter("start", start).setParameter("end", end).getResultList();
        Map<String, Evaluation> latest = new HashMap<>();
        for (Evaluation e : rows) {
            latest.put(e.asset.id, e);
        }
        return latest;
    }

    /** The subjects (config files, probe transcript) the evaluation's own attestation named. */
    private Map<UUID, List<AttestationFacts.Material>> evaluationMaterials(java.util.Collection<Evaluation> evaluations) {
        Map<UUID, List<AttestationFacts.Material>> out = new HashMap<>();
        if (evaluations.isEmpty()) {
            return out;
        }
        List<Attestation> own = Attestation.list("kind = ?1 and evaluationId in ?2", Attestation.KIND_EVALUATION,
                evaluations.stream().map(e -> e.id).toList());
        for (Attestation a : own) {
            try {
                Envelope env = Envelopes.parse(a.envelope);
                List<AttestationFacts.Material> m = new ArrayList<>();
                for (JsonNode s : JSON.readTree(env.payloadBytes()).path("subject")) {
                    String name = s.path("name").asText();
                    int colon = name.indexOf(':');
                    if (colon > 0 && !name.startsWith("asset:")) {
                        m.add(new AttestationFacts.Material(name.substring(0, colon), name.substring(colon + 1),
                                s.path("digest").path("sha256").asText()));
                    }
                }
                out.put(a.evaluationId, m);
            } catch (java.io.IOException | IllegalArgumentException e) {
                // an unreadable evaluation attestation shows up in the chain check; fall back to the stored sources
            }
        }
        return out;
    }

    public static Instant periodEnd(YearMonth period) {
        return period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(List<?> rows) {
        return (List<String>) rows;
    }
}
