package org.mtabaseline.collect.sendmail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;

class SendmailCollectorTest {
    private static final String MC = """
            divert(-1)dnl
            # comment line
            divert(0)dnl
            OSTYPE(`linux')dnl
            FEATURE(`access_db', `hash -T<TMPF> /etc/mail/access')dnl
            FEATURE(`relay_based_on_MX')dnl
            define(`confPRIVACY_FLAGS', `authwarnings,novrfy,noexpn')dnl
            DAEMON_OPTIONS(`Port=smtp,Addr=127.0.0.1, Name=MTA')dnl keep local
            DAEMON_OPTIONS(`Port=submission, Name=MSA, M=Ea')dnl
            RELAY_DOMAIN(`partner.example')dnl
            MAILER(smtp)dnl
            """;

    private static CollectedFacts collect(ConfigFile... files) {
        return Collectors.collect("sendmail", List.of(files));
    }

    @Test
    void mcMacrosBecomeSettingsListenersAndFeatures() {
        CollectedFacts f = collect(new ConfigFile("/etc/mail/sendmail.mc", MC), new ConfigFile("/etc/mail/access",
                "Connect:192.168 RELAY\nTo:customer.example RELAY\nConnect:10.0.0.1 REJECT\nFrom:spammer.example REJECT\n"));
        assertEquals("authwarnings,novrfy,noexpn", f.settings().get("PrivacyOptions").value());
        assertEquals(7, f.settings().get("PrivacyOptions").source().line());
        List<Listener> ls = f.listeners();
        assertEquals(List.of("MTA", "MSA"), ls.stream().map(Listener::name).toList());
        assertTrue(ls.get(0).loopbackOnly());
        assertEquals(List.of("127.0.0.1:25"), ls.get(0).bind());
        assertEquals(List.of("*:587"), ls.get(1).bind());
        assertEquals(List.of("relay_based_on_MX"), f.relay().get("MTA").features());
        List<RelayRule> rules = f.relay().get("MTA").rules();
        assertTrue(rules.stream().anyMatch(r -> r.client().patterns().equals(List.of("192.168.0.0/16"))
                && r.action() == Action.PERMIT && r.source().line() == 1), "Connect:192.168 is a prefix match");
        assertTrue(rules.stream().anyMatch(r -> r.recipient().domains().equals(List.of("customer.example"))));
        assertTrue(rules.stream().anyMatch(r -> r.recipient().domains().equals(List.of("partner.example"))));
        assertTrue(rules.stream().noneMatch(r -> r.text().contains("10.0.0.1")), "REJECT grants nothing");
        assertEquals(Action.REJECT, rules.get(rules.size() - 1).action());
        assertTrue(f.unresolved().isEmpty());
    }

    @Test
    void promiscuousRelayIsAPermitForEveryoneFirst() {
        CollectedFacts f = collect(new ConfigFile("sendmail.mc", "FEATURE(`promiscuous_relay')dnl\nMAILER(smtp)dnl\n"));
        RelayRule first = f.relay().get("MTA").rules().get(0);
        assertTrue(first.client().any());
        assertEquals(Action.PERMIT, first.action());
        assertEquals(1, first.source().line());
        assertEquals(List.of("MTA", "MSA"), f.listeners().stream().map(Listener::name).toList(), "default MSA is kept");
    }

    @Test
    void missingAccessMapIsUnresolvedNotIgnored() {
        CollectedFacts f = collect(new ConfigFile("sendmail.mc", "FEATURE(`access_db')dnl\n"));
        assertEquals("/etc/mail/access", f.unresolved().get(0).reference());
        assertTrue(f.relay().get("MTA").rules().stream().anyMatch(RelayRule::unresolved));
    }

    @Test
    void generatedCfIsReadForOptionsClassesMapsAndFeatureHeaders() {
        String cf = """
                #####  $Id: cfhead.m4,v 8.122 2013-11-22 20:51:13 ca Exp $  #####
                #####  $Id: relay_mail_from.m4,v 8.11 2013-11-22 20:51:11 ca Exp $  #####
                O DaemonPortOptions=Name=MTA
                O DaemonPortOptions=Port=587, Name=MSA, M=E
                O PrivacyOptions=goaway
                C{R}example.net
                FR-o /etc/mail/relay-domains
                Kaccess hash -T<TMPF> -o /etc/mail/access
                Kmxserved bestmx -T.TMP
                Scheck_rcpt
                R$*			$: $1
                """;
        CollectedFacts f = collect(new ConfigFile("/etc/mail/sendmail.cf", cf),
                new ConfigFile("/etc/mail/relay-domains", "lan.example\n"),
                new ConfigFile("/etc/mail/access", "From:boss@example.org RELAY\n"));
        assertEquals("goaway", f.settings().get("PrivacyOptions").value());
        assertEquals(List.of("Name=MTA", "Port=587, Name=MSA, M=E"), f.settings().get("DaemonPortOptions").value());
        assertEquals(List.of("relay_mail_from", "relay_based_on_MX"), f.relay().get("MTA").features());
        List<RelayRule> rules = f.relay().get("MTA").rules();
        assertTrue(rules.stream().anyMatch(r -> r.recipient().domains().containsAll(List.of("example.net", "lan.example"))));
        assertTrue(rules.stream().anyMatch(r -> Boolean.TRUE.equals(r.attackerControlled()) && r.condition().contains("boss@example.org")),
                "From: RELAY with relay_mail_from trusts a forgeable sender");
        assertFalse(f.listeners().get(0).loopbackOnly());
    }

    @Test
    void aliasFileNamedByTheMcIsReadIntoAliasSettings() {
        CollectedFacts f = collect(new ConfigFile("/etc/mail/sendmail.mc",
                        "define(`ALIAS_FILE', `hash:/etc/mail/aliases,ldap:-k uid=%0')dnl\nMAILER(smtp)dnl\n"),
                new ConfigFile("/etc/mail/aliases", "# aliases\nPostmaster: root\nroot: ops@example.org\n"));
        assertEquals(List.of("ops@example.org"), f.settings().get("alias:root").value());
        assertEquals(3, f.settings().get("alias:root").source().line());
        assertEquals(List.of("root"), f.settings().get("alias:postmaster").value());
        assertEquals("aliases", f.sources().stream().filter(s -> s.name().equals("/etc/mail/aliases")).findFirst()
                .orElseThrow().role());
        assertEquals(List.of("ldap:-k uid=%0"), f.unresolved().stream().map(u -> u.reference()).toList());
    }

    @Test
    void defaultAliasFileIsEtcMailAliases() {
        CollectedFacts f = collect(new ConfigFile("sendmail.cf", "O AliasWait=10\nO QueueDirectory=/var/spool/mqueue\n"
                        + "O PrivacyOptions=goaway\nKaccess hash /etc/mail/access\n"),
                new ConfigFile("aliases", "root: admin@example.org\n"));
        assertEquals(List.of("admin@example.org"), f.settings().get("alias:root").value());
        assertTrue(collect(new ConfigFile("sendmail.mc", "MAILER(smtp)dnl\n")).unresolved().isEmpty());
    }
}
