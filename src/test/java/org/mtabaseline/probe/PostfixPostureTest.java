package org.mtabaseline.probe;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe against real Postfix (Debian's package) in a private instance on loopback: every posture's verdict
 * must equal what the posture really does, and no mail may leave (or even stay in) the instance.
 */
class PostfixPostureTest {

    static PostfixLab lab;
    static int port;
    static int tlsPort;
    static int smtpsPort;
    static final String TLS_ADDR = "127.0.0.29";
    static final List<String> ADDRS = List.of("127.0.0.21", "127.0.0.2", "127.0.0.23", "127.0.0.24", "127.0.0.25",
            "127.0.0.26", "127.0.0.27", "127.0.0.28");

    @BeforeAll
    static void startPostfix() throws Exception {
        List<String> all = new ArrayList<>(ADDRS);
        all.add(TLS_ADDR);
        port = PostfixLab.freePort(all, 20025);
        tlsPort = PostfixLab.freePort(List.of(TLS_ADDR), port + 1);
        smtpsPort = PostfixLab.freePort(List.of(TLS_ADDR), tlsPort + 1);
        List<PostfixLab.Posture> postures = new ArrayList<>(PostfixLab.standardPostures(ADDRS, port));
        postures.add(new PostfixLab.Posture("starttls-closed", TLS_ADDR, tlsPort, RelayVerdict.CLOSED,
                List.of("smtpd_tls_security_level=may", "smtpd_sasl_auth_enable=yes", "smtpd_tls_auth_only=yes")));
        postures.add(new PostfixLab.Posture("smtps-open", TLS_ADDR, smtpsPort, RelayVerdict.OPEN,
                List.of("smtpd_tls_wrappermode=yes", "mynetworks = 0.0.0.0/0")));
        lab = PostfixLab.start(Path.of("target", "postfix-lab-test"), postures);
    }

    @AfterAll
    static void stopPostfix() {
        if (lab != null) {
            lab.close();
        }
    }

    static ProbeOptions options() {
        return ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60))
                .withRate(Duration.ZERO, 10_000).withSourceAddress(loopback())
                .withPorts(List.of(25), Set.of(465, smtpsPort));
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProbeTarget target(String addr, int p) {
        return Scope.of(List.of("127.0.0.0/8")).admit(addr, p);
    }

    static ProbeTestResult test(ProbeReport r, String id, ProbePath path) {
        return r.tests().stream().filter(t -> t.id().equals(id) && t.path() == path).findFirst().orElseThrow();
    }

    @Test
    void everyPostureVerdictEqualsTheRealPostfixPosture() throws Exception {
        List<PostfixLab.Posture> postures = lab.postures().subList(0, ADDRS.size());
        List<ProbeTarget> targets = postures.stream().map(p -> target(p.address(), p.port())).toList();
        long t0 = System.nanoTime();
        List<ProbeReport> reports = new FleetProbe(new Prober(new ProbeLimits(8))).run(targets, options());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Map<String, ProbeReport> byName = new java.util.LinkedHashMap<>();
        for (int i = 0; i < postures.size(); i++) {
            System.out.printf("posture %-28s %-12s %5d ms %2d sessions  %s%n", postures.get(i).name(),
                    reports.get(i).relay().wire(), reports.get(i).durationMs(), reports.get(i).sessions(),
                    reports.get(i).relayReason());
            byName.put(postures.get(i).name(), reports.get(i));
            assertEquals(postures.get(i).expected(), reports.get(i).relay(), postures.get(i).name() + ": "
                    + reports.get(i).relayReason());
            assertEquals(25, reports.get(i).tests().size(), postures.get(i).name());
        }
        assertTrue(ms < 15_000, "fleet of " + postures.size() + " took " + ms + " ms");

        ProbeReport closed = byName.get("closed-default");
        assertTrue(test(closed, "R01", ProbePath.PLAIN).replies().get(1).startsWith("454 4.7.1"),
                "Postfix's default denial is 454 4.7.1");
        assertEquals(TestVerdict.ACCEPTED, test(closed, "R00", ProbePath.PLAIN).verdict(), "positive control");
        assertTrue(closed.sessions() >= 3, "reconnected before smtpd_soft_error_limit: " + closed.sessions());
        assertEquals("Postfix", closed.bannerSoftware());
        assertFalse(closed.bannerDisclosesVersion());
        assertEquals(10240000L, closed.size());
        assertEquals("ambiguous", closed.vrfy(), "Postfix answers 252 to any VRFY here");
        assertEquals("disabled", closed.expn());

        ProbeReport sender = byName.get("open-localhost-sender");
        List<String> accepted = sender.tests().stream()
                .filter(t -> t.relayAttempt() && t.verdict() == TestVerdict.ACCEPTED).map(ProbeTestResult::id).toList();
        assertEquals(List.of("R05"), accepted, "only the localhost sender is let through");

        ProbeReport auth = byName.get("auth-only");
        assertTrue(auth.authBeforeTls().contains("PLAIN"), "cleartext AUTH offered: " + auth.authBeforeTls());
        ProbeTestResult r23 = test(auth, "R23", ProbePath.PLAIN);
        assertTrue(r23.replies().get(0).startsWith("334") && r23.replies().get(1).startsWith("535"), r23.replies().toString());
        assertEquals(TestVerdict.DENIED, r23.verdict());

        ProbeReport strict = byName.get("closed-reject-strict-limits");
        assertTrue(strict.tests().stream().filter(ProbeTestResult::relayAttempt)
                .allMatch(t -> t.verdict() == TestVerdict.DENIED), "the 421 at the hard error limit costs no test: "
                + strict.tests().stream().filter(t -> t.verdict() != TestVerdict.DENIED)
                .map(t -> t.id() + " " + t.reason()).collect(Collectors.joining("; ")));

        ProbeReport open = byName.get("open-mynetworks");
        assertEquals(1, open.sessions(), "an open relay answers everything in one session");
        assertTrue(open.transcript().stream().noneMatch(l -> l.line().startsWith("DATA")));
        assertEquals(0, lab.queuedMessagesAfterSettling(5000), "no message was queued");
        assertFalse(lab.maillog().contains("status=sent"), "nothing was delivered anywhere");
    }

    @Test
    void starttlsPathRepeatsTheBatteryAndRecordsTheSelfSignedCertificate() {
        ProbeReport r = new Prober(new ProbeLimits(2)).probe(target(TLS_ADDR, tlsPort), options(), null);
        assertEquals(RelayVerdict.CLOSED, r.relay(), r.relayReason());
        assertTrue(r.starttls());
        assertEquals(50, r.tests().size(), "25 plain + 25 after STARTTLS");
        assertEquals(TestVerdict.DENIED, test(r, "R01", ProbePath.STARTTLS).verdict());
        TlsDetails tls = r.tls();
        assertNotNull(tls);
        assertEquals(Boolean.TRUE, tls.selfSigned());
        assertEquals("CN=mx.probe.test", tls.certSubject());
        assertTrue(tls.protocol().startsWith("TLSv1."), tls.protocol());
        assertNotNull(tls.certNotAfter());
        assertEquals(List.of(), r.authBeforeTls(), "smtpd_tls_auth_only hides AUTH before TLS");
        assertTrue(r.authMechanisms().contains("PLAIN"), "AUTH appears after STARTTLS: " + r.authMechanisms());
    }

    @Test
    void everyListedPortIsProbedIncludingImplicitTls() {
        ProbeOptions o = options().withPorts(List.of(tlsPort, smtpsPort), Set.of(smtpsPort));
        List<ProbeTarget> targets = FleetProbe.admit(Scope.of(List.of("127.0.0.0/8")), List.of(TLS_ADDR), o);
        assertEquals(2, targets.size());
        List<ProbeReport> reports = new FleetProbe(new Prober(new ProbeLimits(4))).run(targets, o);
        ProbeReport smtps = reports.get(1);
        assertEquals(RelayVerdict.OPEN, smtps.relay(), smtps.relayReason());
        assertEquals(ProbePath.IMPLICIT_TLS, smtps.tests().get(0).path());
        assertEquals(ProbePath.IMPLICIT_TLS, smtps.tls().path());
        ProbeReport merged = ProbeReport.merge(reports);
        assertEquals(RelayVerdict.OPEN, merged.relay(), "open on one port makes the asset open");
        assertEquals(75, merged.tests().size(), "plain + starttls on " + tlsPort + ", implicit TLS on " + smtpsPort);
    }

    @Test
    void confirmModeStopsAt354AndPostfixQueuesNothing() throws Exception {
        PostfixLab.Posture open = lab.postures().get(0);
        ProbeReport r = new Prober(new ProbeLimits(2)).probe(target(open.address(), open.port()),
                options().withMode(ProbeOptions.Mode.CONFIRM, Optional.empty()).withOnlyTests(Set.of("R00", "R01", "R02")), null);
        assertEquals(RelayVerdict.OPEN, r.relay());
        ProbeTestResult r01 = test(r, "R01", ProbePath.PLAIN);
        assertEquals("data", r01.stage());
        assertTrue(r01.replies().get(2).startsWith("354"), r01.replies().toString());
        waitForLog("lost connection after DATA");
        assertEquals(0, lab.queuedMessagesAfterSettling(5000));
        assertFalse(lab.maillog().contains("status=sent"));
    }

    @Test
    void sinkModeDeliversOneMessageThroughTheDiscardTransport() throws Exception {
        PostfixLab.Posture open = lab.postures().get(0);
        ProbeReport r = new Prober(new ProbeLimits(2)).probe(target(open.address(), open.port()),
                options().withMode(ProbeOptions.Mode.SINK, Optional.of("sink@canary.example.org"))
                        .withOnlyTests(Set.of("S01")), null);
        ProbeTestResult s01 = test(r, "S01", ProbePath.PLAIN);
        assertEquals(TestVerdict.ACCEPTED, s01.verdict(), s01.reason());
        assertTrue(s01.replies().get(3).startsWith("250 2.0.0 Ok: queued"), s01.replies().toString());
        String log = waitForLog("to=<sink@canary.example.org>");
        assertTrue(log.lines().filter(l -> l.contains("to=<sink@canary.example.org>"))
                .allMatch(l -> l.contains("relay=none") && l.contains("discard")), "discarded, never sent out");
    }

    static String waitForLog(String needle) throws Exception {
        for (int i = 0; i < 50; i++) {
            String log = lab.maillog();
            if (log.contains(needle)) {
                return log;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("maillog never showed '" + needle + "':\n" + lab.maillog());
    }

    static <T> Function<T, T> id() {
        return x -> x;
    }
}
