package org.mtabaseline.collect.postfix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.RelayPolicy;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;
import org.mtabaseline.collect.Setting;

class PostfixCollectorTest {
    private static CollectedFacts collect(String main, String... more) {
        List<ConfigFile> files = new ArrayList<>();
        files.add(new ConfigFile("/etc/postfix/main.cf", main));
        for (int i = 0; i + 1 < more.length; i += 2) {
            files.add(new ConfigFile(more[i], more[i + 1]));
        }
        return Collectors.collect("postfix", files);
    }

    /** First rule that decides an anonymous client from anywhere sending to an outside domain. */
    private static RelayRule firstDecisive(RelayPolicy p) {
        for (RelayRule r : p.rules()) {
            boolean anywhere = r.client().any() || r.client().scope().equals("all");
            boolean anonymous = !Boolean.TRUE.equals(r.authenticated());
            boolean external = r.recipient().kind() == org.mtabaseline.collect.Recipients.Kind.ANY;
            if (anywhere && anonymous && external && r.action() != Action.CONTINUE && r.condition() == null
                    && !r.unresolved()) {
                return r;
            }
        }
        return null;
    }

    @Test
    void staticOkClientAccessBeforeRejectIsAPermitForEveryone() {
        CollectedFacts f = collect("compatibility_level = 3.6\n"
                + "smtpd_relay_restrictions = check_client_access static:OK, reject_unauth_destination\n");
        RelayRule r = firstDecisive(f.relay().get("smtp"));
        assertEquals(Action.PERMIT, r.action());
        assertEquals("check_client_access static:OK", r.text());
        assertEquals(2, r.source().line());
        assertNull(f.relay().get("smtp").broken());
    }

    @Test
    void barePermitWithoutWorkingRejectMakesTheListenerBrokenNotOpen() {
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit, reject_unauth_destination\n"
                + "smtpd_recipient_restrictions = permit_mynetworks\n");
        RelayPolicy p = f.relay().get("smtp");
        assertNotNull(p.broken(), "Postfix refuses to run without a working reject");
        assertTrue(p.broken().reason().contains("bare 'permit'"));
    }

    @Test
    void barePermitInOneListIsHarmlessWhenTheOtherRejects() {
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit\n"
                + "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination\n");
        RelayPolicy p = f.relay().get("smtp");
        assertNull(p.broken());
        assertEquals(Action.REJECT, firstDecisive(p).action());
    }

    @Test
    void emptyRelayRestrictionsWithPermissiveRecipientRestrictionsIsOpen() {
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_relay_restrictions =\n"
                + "smtpd_recipient_restrictions = permit_mynetworks, check_client_access static:OK, reject_unauth_destination\n");
        assertEquals(Action.PERMIT, firstDecisive(f.relay().get("smtp")).action());
    }

    @Test
    void relayDomainsStaticAllDisarmsRejectUnauthDestination() {
        CollectedFacts f = collect("compatibility_level = 3.6\nrelay_domains = static:ALL\n"
                + "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n");
        RelayPolicy p = f.relay().get("smtp");
        assertNull(firstDecisive(p), "nothing rejects an outside domain, the lists end in permit");
        assertTrue(p.rules().stream().anyMatch(r -> r.text().contains("never fires")));
        assertEquals(Action.PERMIT, p.defaultAction());
    }

    @Test
    void splitHalvesOfTheAddressSpaceCoverEveryClient() {
        CollectedFacts f = collect("compatibility_level = 3.6\nmynetworks = 0.0.0.0/1 128.0.0.0/1\n"
                + "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n");
        RelayRule first = f.relay().get("smtp").rules().get(0);
        assertEquals(List.of("0.0.0.0/1", "128.0.0.0/1"), first.client().patterns());
        assertEquals("all", first.client().scope());
    }

    @Test
    void defaultsDependOnCompatibilityLevel() {
        CollectedFacts old = collect("myhostname = mx\n");
        assertEquals("subnet", old.settings().get("mynetworks_style").value());
        assertEquals("", old.settings().get("smtpd_relay_restrictions").value());
        assertTrue(old.settings().get("mynetworks_style").isDefault());
        CollectedFacts modern = collect("compatibility_level = 3.6\n");
        assertEquals("host", modern.settings().get("mynetworks_style").value());
        assertEquals("permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination",
                modern.settings().get("smtpd_relay_restrictions").value());
        assertEquals("", modern.settings().get("relay_domains").value());
        assertEquals("all", modern.settings().get("inet_interfaces").value());
    }

    @Test
    void continuationLinesJoinAndLaterDefinitionsWin() {
        CollectedFacts f = collect("mynetworks = 10.0.0.0/8\n# comment\nmynetworks = 127.0.0.0/8,\n    192.168.0.0/16\n");
        Setting s = f.settings().get("mynetworks");
        assertEquals("127.0.0.0/8, 192.168.0.0/16", s.value());
        assertEquals(3, s.source().line());
        assertTrue(f.diagnostics().stream().anyMatch(d -> d.message().contains("defined again") && d.line() == 3));
    }

    @Test
    void parameterExpansionFormsAreEvaluated() {
        CollectedFacts f = collect("a = one\nempty =\nb = $a ${a} $(a)\nc = ${a?yes} ${empty?no} ${empty:fallback} ${a:unused}\n"
                + "d = ${a?{x y}:{z}} ${empty?{x}:{z w}} $$literal\n");
        assertEquals("one one one", f.settings().get("b").value());
        assertEquals("yes  fallback ", f.settings().get("c").value());
        assertEquals("x y z w $literal", f.settings().get("d").value());
        assertEquals("$a ${a} $(a)", f.settings().get("b").raw());
    }

    @Test
    void fullPostconfOutputRelationalDefaultsAreEvaluated() {
        String postconf = "compatibility_level = 0\n"
                + "smtpd_relay_restrictions = ${{$compatibility_level} <level {1} ? {} : {permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination}}\n"
                + "mynetworks_style = ${{$compatibility_level} <level {2} ? {subnet} : {host}}\n"
                + "smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination\n";
        CollectedFacts f = Collectors.collect("postfix", List.of(new ConfigFile("postconf.txt", postconf)));
        assertEquals("", f.settings().get("smtpd_relay_restrictions").value());
        assertEquals("subnet", f.settings().get("mynetworks_style").value());
        CollectedFacts g = Collectors.collect("postfix", List.of(new ConfigFile("postconf.txt",
                postconf.replace("compatibility_level = 0", "compatibility_level = 3.6"))));
        assertEquals("permit_mynetworks, permit_sasl_authenticated, defer_unauth_destination",
                g.settings().get("smtpd_relay_restrictions").value());
        assertEquals("host", g.settings().get("mynetworks_style").value());
    }

    @Test
    void masterCfOverridesWithBracesMakeOneListenerPerService() {
        String master = "smtp inet n - y - - smtpd\n"
                + "submission inet n - y - - smtpd\n"
                + "  -o smtpd_tls_security_level=encrypt\n"
                + "  -o smtpd_sasl_auth_enable=yes\n"
                + "  -o { smtpd_relay_restrictions = permit_sasl_authenticated, reject }\n"
                + "127.0.0.1:10025 inet n - n - - smtpd -o smtpd_relay_restrictions=permit\n"
                + "pickup unix n - y 60 1 pickup\n";
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_relay_restrictions = reject_unauth_destination\n",
                "/etc/postfix/master.cf", master);
        assertEquals(List.of("smtp", "submission", "127.0.0.1:10025"), f.listeners().stream().map(Listener::name).toList());
        Listener sub = f.listeners().get(1);
        assertEquals(587, sub.port());
        assertEquals("required", sub.tls());
        assertTrue(sub.auth());
        assertEquals("permit_sasl_authenticated, reject", sub.settings().get("smtpd_relay_restrictions").value());
        RelayRule first = f.relay().get("submission").rules().get(0);
        assertEquals(Boolean.TRUE, first.authenticated());
        assertEquals(Action.PERMIT, first.action());
        Listener local = f.listeners().get(2);
        assertTrue(local.loopbackOnly());
        assertEquals(List.of("127.0.0.1:10025"), local.bind());
        assertNotNull(f.relay().get("127.0.0.1:10025").broken(), "permit alone: no working reject");
    }

    @Test
    void postconfMOutputIsReadAsMasterCf() {
        CollectedFacts f = collect("compatibility_level = 3.6\n", "postconf-M.txt",
                "smtp       inet  n       -       y       -       -       smtpd\n"
                        + "submission inet  n       -       y       -       -       smtpd -o smtpd_sasl_auth_enable=yes\n");
        assertEquals(List.of("smtp", "submission"), f.listeners().stream().map(Listener::name).toList());
        assertTrue(f.listeners().get(1).auth());
    }

    @Test
    void postconfPOutputActsAsMasterOverrides() {
        CollectedFacts f = collect("compatibility_level = 3.6\n", "postconf-P.txt",
                "submission/inet/smtpd_relay_restrictions = permit_sasl_authenticated,reject\n"
                        + "submission/inet/smtpd_sasl_auth_enable = yes\n");
        assertTrue(f.relay().containsKey("submission"));
        assertEquals(Boolean.TRUE, f.relay().get("submission").rules().get(0).authenticated());
    }

    @Test
    void mynetworksEntriesResolveFromSuppliedFilesOrBecomeUnresolved() {
        CollectedFacts f = collect("compatibility_level = 3.6\n"
                + "mynetworks = 127.0.0.0/8 [::1]/128 mail.example.org /etc/postfix/trusted cidr:/etc/postfix/nets hash:/etc/postfix/missing\n"
                + "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n",
                "/etc/postfix/trusted", "# office\n192.0.2.0/24\n",
                "/etc/postfix/nets", "198.51.100.0/24 OK\n");
        List<String> clients = f.relay().get("smtp").rules().get(0).client().patterns();
        assertEquals(List.of("127.0.0.0/8", "[::1]/128", "mail.example.org", "192.0.2.0/24", "198.51.100.0/24",
                "unresolved:hash:/etc/postfix/missing"), clients);
        assertEquals(1, f.unresolved().size());
        assertEquals("hash:/etc/postfix/missing", f.unresolved().get(0).reference());
        assertEquals(2, f.unresolved().get(0).source().line());
        assertTrue(f.relay().get("smtp").rules().get(0).unresolved());
    }

    @Test
    void suppliedAccessTablesDecideClientAndSenderChecks() {
        CollectedFacts f = collect("compatibility_level = 3.6\n"
                + "smtpd_relay_restrictions = check_client_access hash:/etc/postfix/access, check_sender_access hash:/etc/postfix/sender_access, reject_unauth_destination\n",
                "/etc/postfix/access", "192.168 OK\n10.1.2.3 REJECT\n",
                "/etc/postfix/sender_access", "boss@example.org OK\n");
        List<RelayRule> rules = f.relay().get("smtp").rules();
        assertEquals(List.of("192.168.0.0/16"), rules.get(0).client().patterns());
        RelayRule sender = rules.stream().filter(r -> r.condition() != null && r.condition().contains("boss@example.org")
                && r.action() == Action.PERMIT).findFirst().orElseThrow();
        assertTrue(sender.attackerControlled(), "the sender address is chosen by the client");
        assertTrue(f.unresolved().isEmpty());
    }

    @Test
    void saslPermitIsInactiveWhenSaslIsDisabled() {
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit_sasl_authenticated, reject\n");
        RelayRule first = f.relay().get("smtp").rules().get(0);
        assertEquals(Action.CONTINUE, first.action());
        assertFalse(f.listeners().get(0).auth());
    }

    @Test
    void loopbackOnlyInterfacesMakeLoopbackListeners() {
        CollectedFacts f = collect("inet_interfaces = loopback-only\n");
        Listener l = f.listeners().get(0);
        assertEquals(List.of("127.0.0.1:25", "[::1]:25"), l.bind());
        assertTrue(l.loopbackOnly());
    }

    @Test
    void factsCarryFileAndLineAndDigest() {
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_banner = $myhostname ESMTP $mail_name\n");
        JsonNode in = f.toInput();
        assertEquals("/etc/postfix/main.cf", in.at("/settings/smtpd_banner/source/file").asText());
        assertEquals(2, in.at("/settings/smtpd_banner/source/line").asInt());
        assertEquals("<myhostname> ESMTP Postfix", in.at("/settings/smtpd_banner/value").asText());
        assertEquals(64, in.at("/sources/0/sha256").asText().length());
        assertTrue(in.at("/settings/disable_vrfy_command/default").asBoolean());
    }

    @Test
    void aliasMapsFilesBecomeAliasSettingsWithTheirLines() {
        CollectedFacts f = collect("alias_maps = hash:/etc/aliases, hash:/etc/postfix/more_aliases, ldap:/etc/postfix/ldap-aliases.cf\n",
                "/etc/aliases", "# See man 5 aliases\npostmaster:    root\nRoot: \"security team\"@example.org,\n"
                        + "\t/var/log/root.mbox\nnobody:\nbroken line without colon\nroot: ignored@example.org\n",
                "/etc/postfix/more_aliases", "abuse: root\npostmaster: other@example.org\n");
        Setting root = f.settings().get("alias:root");
        assertEquals(List.of("\"security team\"@example.org", "/var/log/root.mbox"), root.value());
        assertEquals(3, root.source().line());
        assertEquals("/etc/aliases", root.source().file());
        assertEquals(List.of("root"), f.settings().get("alias:postmaster").value(), "the first table wins");
        assertEquals(List.of("root"), f.settings().get("alias:abuse").value());
        assertEquals(List.of(), f.settings().get("alias:nobody").value());
        assertEquals("aliases", f.sources().stream().filter(s -> s.name().equals("/etc/aliases")).findFirst().orElseThrow().role());
        assertTrue(f.diagnostics().stream().anyMatch(d -> d.message().contains("without 'name:'")
                && Integer.valueOf(6).equals(d.line())), f.diagnostics().toString());
        assertEquals(List.of("ldap:/etc/postfix/ldap-aliases.cf"), f.unresolved().stream().map(u -> u.reference()).toList());
    }

    @Test
    void defaultAliasMapsFindsEtcAliasesAndAnUnsuppliedOneIsNotAGap() {
        CollectedFacts with = collect("myhostname = mx.example.org\n", "aliases", "root: admin@example.org\n");
        assertEquals(List.of("admin@example.org"), with.settings().get("alias:root").value());
        CollectedFacts without = collect("myhostname = mx.example.org\n");
        assertNull(without.settings().get("alias:root"));
        assertTrue(without.unresolved().isEmpty(), without.unresolved().toString());
        CollectedFacts missing = collect("alias_maps = hash:/etc/aliases\n");
        assertEquals("hash:/etc/aliases", missing.unresolved().get(0).reference());
    }

    @Test
    void unsuppliedSenderTableInTheRelayListIsAPossiblePermitForTheSendersItMayList() {
        CollectedFacts f = collect("compatibility_level = 3.6\nsmtpd_recipient_restrictions =\n"
                + "smtpd_relay_restrictions = check_sender_access hash:/etc/postfix/senders, reject_unauth_destination\n");
        RelayRule maybe = f.relay().get("smtp").rules().stream()
                .filter(r -> r.action() == Action.PERMIT && r.unresolved()).findFirst().orElseThrow();
        assertEquals("sender matches hash:/etc/postfix/senders", maybe.condition());
        assertTrue(maybe.attackerControlled());
        assertEquals(org.mtabaseline.collect.Recipients.Kind.ANY, maybe.recipient().kind());
    }

    @Test
    void unsuppliedSenderTableInAnEarlierListCannotOpenWhatTheRelayListRejects() {
        CollectedFacts f = collect("compatibility_level = 3.6\n"
                + "smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/senders\n"
                + "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination\n");
        // The attacker's sender may be OK in the table; the relay list still rejects outside recipients.
        RelayRule narrowed = f.relay().get("smtp").rules().stream()
                .filter(r -> "sender matches hash:/etc/postfix/senders".equals(r.condition()) && r.action() == Action.REJECT)
                .findFirst().orElseThrow();
        assertFalse(narrowed.unresolved(), "a reject reached after the table said OK is certain");
        assertEquals(1, f.unresolved().size());
    }
}
