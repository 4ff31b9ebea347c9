package org.mtabaseline.collect.opensmtpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.Recipients;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;

class OpenSmtpdCollectorTest {
    @Test
    void matchRulesKeepOrderAndDefaultsFromLocalForLocal() {
        String conf = """
                table trusted { 192.0.2.0/24, 10.0.0.0/8 }
                listen on lo
                listen on egress port 587 tls-require auth
                action "local" maildir
                action "out" relay
                match for local action "local"
                match from src <trusted> for any action "out"
                match auth from any for any action "out"
                match from any for any reject
                """;
        CollectedFacts f = Collectors.collect("opensmtpd", List.of(new ConfigFile("/etc/smtpd.conf", conf)));
        List<Listener> ls = f.listeners();
        assertTrue(ls.get(0).loopbackOnly());
        assertEquals(587, ls.get(1).port());
        assertEquals("required", ls.get(1).tls());
        assertTrue(ls.get(1).authRequired());
        List<RelayRule> rules = f.relay().get("listen on lo").rules();
        assertEquals(Recipients.LOCAL, rules.get(0).recipient(), "omitted for = for local");
        assertEquals("unknown", rules.get(0).client().scope(), "omitted from = from local");
        assertEquals(List.of("192.0.2.0/24", "10.0.0.0/8"), rules.get(1).client().patterns());
        assertEquals(7, rules.get(1).source().line());
        assertEquals(Boolean.TRUE, rules.get(2).authenticated());
        assertEquals(Action.REJECT, rules.get(3).action());
        assertTrue(f.relay().get("listen on egress port 587").rules().stream()
                .allMatch(r -> Boolean.TRUE.equals(r.authenticated())), "auth listener: every session authenticated");
    }

    @Test
    void matchFromAnyForAnyRelayIsOpen() {
        String conf = "listen on 0.0.0.0\naction \"r\" relay host smtp://smarthost\nmatch from any for any action \"r\"\n";
        RelayRule r = Collectors.collect("opensmtpd", List.of(new ConfigFile("smtpd.conf", conf)))
                .relay().get("listen on 0.0.0.0").rules().get(0);
        assertTrue(r.client().any());
        assertEquals(Recipients.ANY, r.recipient());
        assertEquals(Action.PERMIT, r.action());
        assertNull(r.condition());
    }

    @Test
    void mailFromMatchIsAttackerControlled() {
        String conf = "listen on 0.0.0.0\naction \"r\" relay\nmatch from mail-from <senders> for any action \"r\"\n";
        RelayRule r = Collectors.collect("opensmtpd", List.of(new ConfigFile("smtpd.conf", conf)))
                .relay().get("listen on 0.0.0.0").rules().get(0);
        assertEquals(Boolean.TRUE, r.attackerControlled());
    }

    @Test
    void legacyGrammarIsUnderstood() {
        String conf = "listen on 0.0.0.0\ntable nets { 172.17.0.0/24 }\naccept from source <nets> for any relay\nreject from any for any\n";
        List<RelayRule> rules = Collectors.collect("opensmtpd", List.of(new ConfigFile("smtpd.conf", conf)))
                .relay().get("listen on 0.0.0.0").rules();
        assertEquals(Action.PERMIT, rules.get(0).action());
        assertEquals(List.of("172.17.0.0/24"), rules.get(0).client().patterns());
        assertEquals(Action.REJECT, rules.get(1).action());
    }
}
