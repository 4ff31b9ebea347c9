package org.mtabaseline.probe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe against scripted servers: behaviours that real Postfix cannot easily show. */
class ScriptedServerProbeTest {

    static final String LOCAL = "postmaster@mx.scripted.test";

    /** Local recipient accepted, everything else answered by {@code relay}. */
    static Function<String, String> localOk(Function<String, String> relay) {
        return a -> a.contains(LOCAL) ? "250 2.1.5 Ok" : relay.apply(a);
    }

    static ProbeOptions fast() {
        return ProbeOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(20))
                .withRate(Duration.ZERO, 10_000);
    }

    static ProbeReport probe(ScriptedSmtpServer server, ProbeOptions o) {
        ProbeTarget t = new ProbeTarget(server.address().getHostAddress(), server.address(), server.port());
        return new Prober(new ProbeLimits(4)).probe(t, o, null);
    }

    static ProbeTestResult test(ProbeReport r, String id) {
        return r.tests().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void fullBatteryRunsR00ToR24InOneSessionWithRsetAndNoData() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(localOk(a -> "250 2.1.5 Ok")))) {
            ProbeReport r = probe(s, fast());
            assertEquals(25, r.tests().size(), "R00..R24");
            assertEquals(RelayVerdict.OPEN, r.relay());
            assertEquals(1, s.connections(), "an accepting server needs one session");
            List<String> lines = s.received();
            assertTrue(lines.stream().noneMatch(l -> l.contains(" DATA")), "no DATA by default: " + lines);
            long rsets = lines.stream().filter(l -> l.endsWith(" RSET")).count();
            assertEquals(24, rsets, "RSET between the 25 tests");
            assertTrue(lines.get(lines.size() - 1).endsWith("QUIT"));
            assertTrue(lines.contains("1 MAIL FROM:<>"), "R02 null sender on the wire");
            assertTrue(lines.contains("1 RCPT TO:<\"relaytest@example.net\">"), "R12 quoted local part");
            assertTrue(lines.contains("1 RCPT TO:<@[127.0.0.1]:relaytest@example.net>"), "R17 source route");
            assertTrue(lines.contains("1 RCPT TO:<example.net!relaytest@mx.scripted.test>"), "R21 bang path");
            assertTrue(lines.contains("1 EHLO mta-baseline-probe.invalid"), "configurable EHLO name");
            assertEquals("accepted", test(r, "R22").verdict().wire());
            assertFalse(test(r, "R22").relayAttempt(), "R22 is a control, not a relay attempt");
        }
    }

    @Test
    void relayDeniedWithTemporaryCodeIsClosed() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(localOk(a -> "454 4.7.1 " + a.substring(3) + ": Relay access denied")))) {
            ProbeReport r = probe(s, fast());
            assertEquals(RelayVerdict.CLOSED, r.relay(), r.relayReason());
            assertEquals(TestVerdict.DENIED, test(r, "R01").verdict());
            assertTrue(test(r, "R01").reason().contains("temporary code"));
            assertEquals(TestVerdict.ACCEPTED, test(r, "R00").verdict());
        }
    }

    @Test
    void greylistingIsInconclusiveNotClosed() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(a -> "451 4.7.1 " + a.substring(3) + ": Recipient address rejected: Greylisted, see "
                        + "http://postgrey.schweikert.ch/help/example.net.html"))) {
            ProbeReport r = probe(s, fast());
            assertEquals(RelayVerdict.INCONCLUSIVE, r.relay(), r.relayReason());
            assertTrue(test(r, "R01").reason().startsWith("greylisted"));
            assertTrue(r.tests().stream().allMatch(t -> t.verdict() == TestVerdict.INCONCLUSIVE));
        }
    }

    @Test
    void server252ToEverythingMakesVrfyAmbiguous() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .vrfy(a -> "252 2.0.0 " + a))) {
            assertEquals("ambiguous", probe(s, fast()).vrfy());
        }
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .vrfy(a -> a.equals("root") ? "252 2.0.0 root" : "550 5.1.1 <" + a + ">: User unknown"))) {
            assertEquals("enabled", probe(s, fast()).vrfy(), "252 for root but 550 for a random user discloses");
        }
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script())) {
            ProbeReport r = probe(s, fast());
            assertEquals("disabled", r.vrfy());
            assertEquals("disabled", r.expn());
        }
    }

    @Test
    void tarpitThatNeverAnswersEndsWithinTheTimeouts() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().banner(null))) {
            long t0 = System.nanoTime();
            ProbeReport r = probe(s, fast().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500),
                    Duration.ofSeconds(5)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 3000, "took " + ms + " ms");
            assertEquals(RelayVerdict.INCONCLUSIVE, r.relay());
            assertTrue(r.error().startsWith("timeout"), r.error());
        }
    }

    @Test
    void tarpitThatStallsMidSessionIsCutByTheTotalTimeout() throws Exception {
        // Answers the banner and EHLO, then never answers RCPT: read timeouts per test, total deadline overall.
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().rcpt(a -> null))) {
            long t0 = System.nanoTime();
            ProbeReport r = probe(s, fast().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(400),
                    Duration.ofSeconds(3)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 4500, "took " + ms + " ms");
            assertEquals(RelayVerdict.INCONCLUSIVE, r.relay());
            assertTrue(test(r, "R01").reason().startsWith("timeout"), test(r, "R01").reason());
            assertEquals(25, r.tests().size(), "every test is still reported");
        }
    }

    @Test
    void serverDroppingAfterFiveErrorsIsReconnectedAndEveryTestCompletes() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().dropAfterErrors(5)
                .rcpt(localOk(a -> "550 5.7.1 " + a.substring(3) + ": Relaying denied")))) {
            ProbeReport r = probe(s, fast());
            assertEquals(RelayVerdict.CLOSED, r.relay(), r.relayReason());
            assertTrue(r.tests().stream().filter(ProbeTestResult::relayAttempt)
                    .allMatch(t -> t.verdict() == TestVerdict.DENIED), "no test lost to the drops");
            assertTrue(s.connections() >= 5, "reconnected: " + s.connections());
            assertTrue(r.sessions() >= 5);
        }
    }

    @Test
    void multiLineRepliesAreReadWholeAndMalformedReplyOnlySpoilsItsTest() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(localOk(a -> a.contains("\"") && a.contains("%") ? "this is not SMTP"
                        : "550-5.7.1 " + a.substring(3) + ": Relay access denied\r\n550-5.7.1 see our policy at"
                        + "\r\n550 5.7.1 https://mx.scripted.test/policy")))) {
            ProbeReport r = probe(s, fast());
            ProbeTestResult r01 = test(r, "R01");
            assertEquals(TestVerdict.DENIED, r01.verdict());
            assertEquals(3, r01.replies().get(r01.replies().size() - 1).split("\n").length, "all three lines kept");
            ProbeTestResult r13 = test(r, "R13");
            assertEquals(TestVerdict.INCONCLUSIVE, r13.verdict());
            assertTrue(r13.reason().startsWith("malformed"), r13.reason());
            assertEquals(TestVerdict.DENIED, test(r, "R14").verdict(), "the next test runs on a new session");
            assertEquals(RelayVerdict.CLOSED, r.relay(), r.relayReason());
        }
    }

    @Test
    void code530InsideHostNameIsNotAuthRequiredAndEarlierHitsSurvive() throws Exception {
        // nmap aborts on any reply containing "530" and discards earlier hits; we classify by reply code only.
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .banner("220 mx530.example.net ESMTP")
                .ehlo("250-mx530.example.net", "250 AUTH CRAM-MD5")
                .rcpt(a -> a.contains("!") ? "250 2.1.5 Ok, will deliver via mx530"
                        : a.contains("postmaster@mx530") ? "250 2.1.5 Ok"
                        : "554 5.7.1 " + a.substring(3) + ": Relay access denied by mx530.example.net")
                .mail(a -> a.contains("relaytest-from@example.net") ? "530 5.7.0 Authentication required"
                        : "250 2.1.0 Ok"))) {
            ProbeReport r = probe(s, fast());
            assertEquals("mx530.example.net", r.banner().substring(4, 21));
            assertEquals(TestVerdict.DENIED, test(r, "R03").verdict(), "554 naming mx530 is a plain denial");
            assertTrue(test(r, "R03").reason().startsWith("relay denied"));
            assertEquals(TestVerdict.ACCEPTED, test(r, "R19").verdict(), "bang path accepted");
            assertTrue(test(r, "R23").reason().contains("authentication required"), test(r, "R23").reason());
            assertEquals(RelayVerdict.OPEN, r.relay(), "R19..R21 hits survive the later 530 replies");
        }
    }

    @Test
    void acceptsRcptButRefusesAtDataIsOpenByRcptAndClosedInConfirmMode() throws Exception {
        ScriptedSmtpServer.Script script = new ScriptedSmtpServer.Script().rcpt(a -> "250 2.1.5 Ok")
                .data("554 5.7.1 Relaying denied: checked at DATA");
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(script)) {
            ProbeReport byRcpt = probe(s, fast());
            assertEquals(RelayVerdict.OPEN, byRcpt.relay(), "RCPT 250 is potential relaying in the default mode");
            assertTrue(s.received().stream().noneMatch(l -> l.endsWith(" DATA")));
        }
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(script)) {
            ProbeReport confirmed = probe(s, fast().withMode(ProbeOptions.Mode.CONFIRM, Optional.empty()));
            assertEquals(RelayVerdict.CLOSED, confirmed.relay(), confirmed.relayReason());
            ProbeTestResult r01 = test(confirmed, "R01");
            assertEquals("data", r01.stage());
            assertTrue(r01.reason().startsWith("refused at data"), r01.reason());
        }
    }

    @Test
    void confirmModeStopsAt354WithoutSendingABody() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().rcpt(a -> "250 2.1.5 Ok"))) {
            ProbeReport r = probe(s, fast().withMode(ProbeOptions.Mode.CONFIRM, Optional.empty()));
            assertEquals(RelayVerdict.OPEN, r.relay());
            assertTrue(test(r, "R01").reason().contains("354"));
            assertTrue(s.received().stream().noneMatch(l -> l.contains(" BODY ") || l.endsWith(" .")),
                    "no body, no end of data: " + s.received());
        }
    }

    @Test
    void sinkModeDeliversOneShortMessageOnlyToTheSinkMailbox() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().rcpt(a -> "250 2.1.5 Ok"))) {
            ProbeReport r = probe(s, fast().withMode(ProbeOptions.Mode.SINK, Optional.of("sink@canary.example.org")));
            ProbeTestResult s01 = test(r, "S01");
            assertEquals(TestVerdict.ACCEPTED, s01.verdict());
            assertEquals("end_of_data", s01.stage());
            List<String> data = s.received().stream().filter(l -> l.endsWith(" DATA")).toList();
            assertEquals(1, data.size(), "exactly one DATA, for the sink");
            int conn = Integer.parseInt(data.get(0).split(" ")[0]);
            assertTrue(s.received().stream().filter(l -> l.startsWith(conn + " RCPT"))
                    .anyMatch(l -> l.contains("sink@canary.example.org")));
        }
    }

    @Test
    void positiveControlRefusedMeansRefusedOutrightNotClosed() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(a -> "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org"))) {
            ProbeReport r = probe(s, fast());
            assertEquals(RelayVerdict.INCONCLUSIVE, r.relay());
            assertTrue(r.relayReason().startsWith("positive control R00"), r.relayReason());
        }
    }

    @Test
    void code251CountsAsAccepted() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(localOk(a -> a.contains("R01") || a.equals("TO:<relaytest@example.net>")
                        ? "251 2.1.5 User not local; will forward" : "550 5.7.1 Relaying denied")))) {
            ProbeReport r = probe(s, fast());
            assertEquals(TestVerdict.ACCEPTED, test(r, "R01").verdict());
            assertTrue(test(r, "R01").reason().startsWith("251"));
            assertEquals(RelayVerdict.OPEN, r.relay());
        }
    }

    @Test
    void bogusAuthIsSentMaskedInTheTranscript() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .ehlo("250-mx.scripted.test", "250 AUTH PLAIN LOGIN CRAM-MD5").rcpt(localOk(a -> "554 5.7.1 Relay access denied")))) {
            ProbeReport r = probe(s, fast());
            ProbeTestResult r23 = test(r, "R23");
            assertTrue(r23.replies().get(0).startsWith("334"));
            assertTrue(r23.replies().get(1).startsWith("535"));
            String payload = s.received().stream().filter(l -> l.matches("\\d+ [A-Za-z0-9+/=]{20,}")).findFirst()
                    .orElseThrow().split(" ")[1];
            assertTrue(r.transcript().stream().noneMatch(l -> l.line().contains(payload)), "payload not in transcript");
            assertTrue(r.transcript().stream().anyMatch(l -> l.line().contains("AUTH response masked")));
            assertEquals(List.of("PLAIN", "LOGIN", "CRAM-MD5"), r.authBeforeTls(), "cleartext AUTH offered");
            assertTrue(r.transcript().stream().filter(l -> l.dir().equals("S")).allMatch(l -> l.tMs() >= 0));
            assertNotNull(r.transcript().stream().filter(l -> l.dir().equals("S")).findFirst().orElseThrow().latencyMs());
        }
    }

    @Test
    void ipv6TargetUsesIpv6AddressLiterals() throws Exception {
        java.net.InetAddress v6 = java.net.InetAddress.getByName("::1");
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(v6, new ScriptedSmtpServer.Script()
                .rcpt(localOk(a -> "554 5.7.1 Relay access denied")))) {
            ProbeReport r = probe(s, fast());
            assertEquals("relaytest-from@[IPv6:0:0:0:0:0:0:0:1]", test(r, "R04").mailFrom());
            assertEquals("@[IPv6:0:0:0:0:0:0:0:1]:relaytest@example.net", test(r, "R17").rcptTo());
            assertEquals(RelayVerdict.CLOSED, r.relay());
        }
    }

    @Test
    void testsPerMinuteCapHoldsBackTheBatteryWithinTheDeadline() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script()
                .rcpt(localOk(a -> "554 5.7.1 Relay access denied")))) {
            ProbeReport r = probe(s, fast().withRate(Duration.ZERO, 5)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
            assertEquals(5, s.received().stream().filter(l -> l.contains(" MAIL ")).count(), "5 tests, then the cap");
            assertTrue(test(r, "R10").reason().contains("tests-per-minute cap"), test(r, "R10").reason());
        }
    }

    @Test
    void connectionsToOneTargetKeepTheMinimumInterval() throws Exception {
        try (ScriptedSmtpServer s = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().dropAfterErrors(2)
                .rcpt(localOk(a -> "554 5.7.1 Relay access denied")))) {
            long t0 = System.nanoTime();
            ProbeReport r = probe(s, fast().withRate(Duration.ofMillis(150), 10_000).withOnlyTests(
                    java.util.Set.of("R01", "R02", "R03", "R04", "R05", "R06")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(r.sessions() >= 3, "sessions " + r.sessions());
            assertTrue(ms >= 150L * (r.sessions() - 1), r.sessions() + " sessions in " + ms + " ms");
        }
    }
}
