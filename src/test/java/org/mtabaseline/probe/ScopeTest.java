package org.mtabaseline.probe;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Default-deny scope: out-of-scope targets are refused before any packet is sent. */
class ScopeTest {

    static Scope.Resolver fixed(Map<String, String> table) {
        return host -> {
            String a = table.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[]{InetAddress.getByName(a)};
        };
    }

    @Test
    void emptyScopeRefusesEveryTargetAndNamesTheSetting() {
        OutOfScopeException e = assertThrows(OutOfScopeException.class, () -> Scope.of(List.of()).admit("127.0.0.1", 25));
        assertTrue(e.getMessage().contains("mta-baseline.probe.scope"));
        assertTrue(e.getMessage().contains("MTA_BASELINE_PROBE_SCOPE"));
    }

    @Test
    void outOfScopeTargetIsRefusedBeforeAnyConnectionReachesTheListener() throws Exception {
        try (ScriptedSmtpServer listener = new ScriptedSmtpServer(new ScriptedSmtpServer.Script())) {
            Scope scope = Scope.of(List.of("10.0.0.0/8", "192.0.2.7"));
            assertThrows(OutOfScopeException.class, () -> scope.admit("127.0.0.1", listener.port()));
            assertThrows(OutOfScopeException.class, () -> scope.admit("localhost", listener.port()));
            Thread.sleep(100);
            assertEquals(0, listener.connections(), "no packet may reach an out-of-scope target");
        }
    }

    @Test
    void cidrsAddressesAndIpv6AreMatchedByPrefix() {
        Scope scope = Scope.of(List.of("127.0.0.0/29", "2001:db8::/32", "192.0.2.7"));
        assertEquals("127.0.0.5", scope.admit("127.0.0.5", 25).address().getHostAddress());
        assertThrows(OutOfScopeException.class, () -> scope.admit("127.0.0.8", 25));
        scope.admit("2001:db8:1::25", 25);
        assertThrows(OutOfScopeException.class, () -> scope.admit("2001:db9::1", 25));
        scope.admit("192.0.2.7", 587);
        assertThrows(OutOfScopeException.class, () -> scope.admit("192.0.2.8", 587));
    }

    @Test
    void hostNameIsResolvedOnceAndARebindingOutsideTheScopeIsRefused() {
        // The scope lists mx.example.test, which resolved to 127.0.0.5 when the scope was built ...
        Scope scope = Scope.of(List.of("mx.example.test"), fixed(Map.of("mx.example.test", "127.0.0.5")));
        assertEquals("127.0.0.5", scope.admit("mx.example.test", 25).address().getHostAddress());
        // ... if the name now points elsewhere, the new address is out of scope.
        Scope rebound = Scope.of(List.of("mx.example.test"), new Scope.Resolver() {
            int calls;

            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return new InetAddress[]{InetAddress.getByName(calls++ == 0 ? "127.0.0.5" : "10.9.9.9")};
            }
        });
        OutOfScopeException e = assertThrows(OutOfScopeException.class, () -> rebound.admit("mx.example.test", 25));
        assertTrue(e.getMessage().contains("10.9.9.9"));
    }

    @Test
    void nameResolvingIntoAnAllowedCidrIsAdmittedWithThatSingleAddress() {
        Scope scope = Scope.of(List.of("127.0.0.0/8"), fixed(Map.of("mail.lab.test", "127.0.0.9")));
        ProbeTarget t = scope.admit("mail.lab.test", 2525);
        assertEquals("127.0.0.9", t.address().getHostAddress());
        assertEquals("mail.lab.test:2525", t.label());
        assertEquals("[127.0.0.9]", t.addressLiteral());
    }

    @Test
    void targetSpecsParseHostPortAndIpv6() {
        assertEquals(new ProbeTarget.Spec("mx.example.com", 587), ProbeTarget.Spec.parse("mx.example.com:587"));
        assertEquals(new ProbeTarget.Spec("2001:db8::1", 465), ProbeTarget.Spec.parse("[2001:db8::1]:465"));
        assertEquals(new ProbeTarget.Spec("2001:db8::1", null), ProbeTarget.Spec.parse("2001:db8::1"));
        assertEquals(new ProbeTarget.Spec("10.0.0.1", null), ProbeTarget.Spec.parse("10.0.0.1"));
        InvalidProbeOptionException e = assertThrows(InvalidProbeOptionException.class,
                () -> ProbeTarget.Spec.parse("mx:99999"));
        assertEquals("targets", e.field());
        assertThrows(InvalidProbeOptionException.class, () -> ProbeTarget.Spec.parse("a@b:25"));
    }
}
