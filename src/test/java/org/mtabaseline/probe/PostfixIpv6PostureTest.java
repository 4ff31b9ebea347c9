package org.mtabaseline.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe over IPv6 against real Postfix listening on ::1: an open and a closed posture, from ::1 as the
 * client, scope written as an IPv6 CIDR. Relaying rules that name [::1] or [::]/0 are as common as their IPv4
 * twins, and a scanner that only speaks IPv4 misses the open door next to the closed one.
 */
class PostfixIpv6PostureTest {

    static PostfixLab lab;
    static int port;

    @BeforeAll
    static void startPostfix() throws Exception {
        port = PostfixLab.freePort(List.of("::1"), 22025);
        int closedPort = PostfixLab.freePort(List.of("::1"), port + 1);
        lab = PostfixLab.start(Path.of("target", "postfix-lab-ipv6"), List.of(
                new PostfixLab.Posture("v6-open-mynetworks", "::1", port, RelayVerdict.OPEN,
                        List.of("mynetworks = [::]/0")),
                new PostfixLab.Posture("v6-closed-default", "::1", closedPort, RelayVerdict.CLOSED, List.of())));
    }

    @AfterAll
    static void stopPostfix() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void ipv6VerdictsEqualTheRealPosturesAndNothingIsQueued() throws Exception {
        Scope scope = Scope.of(List.of("::1/128"));
        ProbeOptions options = ProbeOptions.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60))
                .withRate(Duration.ZERO, 10_000).withSourceAddress(InetAddress.getByName("::1"))
                .withPorts(List.of(25), Set.of(465));
        for (PostfixLab.Posture p : lab.postures()) {
            ProbeTarget target = scope.admit("::1", p.port());
            assertTrue(target.ipv6());
            ProbeReport r = new Prober(new ProbeLimits(2)).probe(target, options, t -> { });
            assertEquals(p.expected(), r.relay(), p.name() + ": " + r.relayReason());
            assertEquals("[::1]:" + p.port(), r.target(), "IPv6 targets are written in brackets");
            assertEquals(25, r.tests().size(), p.name());
            assertEquals("Postfix", r.bannerSoftware());
        }
        assertEquals(0, lab.queuedMessagesAfterSettling(5000), "no message was queued");
        assertFalse(lab.maillog().contains("status=sent"), "nothing was delivered anywhere");
        assertTrue(lab.maillog().contains("connect from unknown[::1]"), "the client was ::1, over IPv6");
    }

    @Test
    void anIpv4ScopeRefusesTheIpv6LoopbackBeforeAnyPacket() {
        Scope v4 = Scope.of(List.of("127.0.0.0/8"));
        OutOfScopeException e = org.junit.jupiter.api.Assertions.assertThrows(OutOfScopeException.class,
                () -> v4.admit("::1", port));
        assertTrue(e.getMessage().contains("outside the probe scope"), e.getMessage());
    }
}
