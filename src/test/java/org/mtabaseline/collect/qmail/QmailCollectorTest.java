package org.mtabaseline.collect.qmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;

class QmailCollectorTest {
    @Test
    void relayClientRulesAreOrderedBySpecificityAndRcpthostsBoundsTheRest() {
        CollectedFacts f = Collectors.collect("qmail", List.of(
                new ConfigFile("/etc/tcp.smtp", ":allow\n192.168.1.:allow,RELAYCLIENT=\"\"\n10.0.0.5:deny\n"),
                new ConfigFile("/var/qmail/control/rcpthosts", "example.org\n.example.org\n")));
        List<RelayRule> rules = f.relay().get("qmail-smtpd").rules();
        assertEquals(Action.REJECT, rules.get(0).action());
        assertEquals(List.of("10.0.0.5/32"), rules.get(0).client().patterns());
        assertEquals(List.of("192.168.1.0/24"), rules.get(1).client().patterns());
        assertEquals(2, rules.get(1).source().line());
        assertEquals(List.of("example.org", ".example.org"), rules.get(2).recipient().domains());
        assertTrue(f.unresolved().isEmpty());
    }

    @Test
    void catchAllRelayClientCoversEveryone() {
        CollectedFacts f = Collectors.collect("qmail", List.of(new ConfigFile("tcp.smtp", ":allow,RELAYCLIENT=\"\"\n")));
        assertTrue(f.relay().get("qmail-smtpd").rules().get(0).client().any());
        assertEquals("rcpthosts", f.unresolved().get(0).setting());
    }
}
