package org.mtabaseline.collect.exim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;

class EximCollectorTest {
    private static final String CONF = """
            RELAYNETS = 192.0.2.0/24 ; 2001:db8::/32
            domainlist local_domains = @ : example.org
            domainlist relay_to_domains =
            hostlist   relay_from_hosts = <; 127.0.0.1 ; RELAYNETS
            acl_smtp_rcpt = acl_check_rcpt
            daemon_smtp_ports = 25 : 465 : 587
            tls_on_connect_ports = 465
            local_interfaces = <; 0.0.0.0 ; ::
            tls_certificate = /etc/ssl/cert.pem
            .include /etc/exim/local.conf

            begin acl
            acl_check_rcpt:
              accept  hosts = :
              deny    domains = !+local_domains
                      local_parts = ^[./|] : ^.*[@%!] : ^.*/\\\\.\\\\./
              accept  hosts = +relay_from_hosts
              accept  authenticated = *
              require message = relay not permitted
                      domains = +local_domains : +relay_to_domains
              require verify = recipient
              accept

            begin authenticators
            plain:
              driver = plaintext
              server_condition = ${if eq{$auth2}{x}}
            """;

    @Test
    void rcptAclBecomesOrderedRulesWithTheRelayRequireAsReject() {
        CollectedFacts f = Collectors.collect("exim", List.of(new ConfigFile("/etc/exim/exim.conf", CONF)));
        assertEquals(List.of("smtp:25", "smtp:465", "smtp:587"), f.listeners().stream().map(Listener::name).toList());
        assertEquals("implicit", f.listeners().get(1).tls());
        assertEquals("starttls", f.listeners().get(0).tls());
        assertTrue(f.listeners().get(0).auth());
        List<RelayRule> rules = f.relay().get("smtp:25").rules();
        assertEquals("none", rules.get(0).client().scope(), "hosts = : is local submission only");
        RelayRule trusted = rules.get(2);
        assertEquals(List.of("127.0.0.1", "192.0.2.0/24", "2001:db8::/32"), trusted.client().patterns());
        assertEquals(17, trusted.source().line());
        assertEquals(Boolean.TRUE, rules.get(3).authenticated());
        RelayRule require = rules.get(4);
        assertEquals(Action.REJECT, require.action());
        assertTrue(require.client().any());
        assertEquals(Action.CONTINUE, rules.get(5).action(), "verify = recipient is satisfied by any routable address");
        assertEquals(Action.PERMIT, rules.get(6).action());
        assertEquals(".include", f.unresolved().get(0).setting());
    }

    @Test
    void wildcardRelayHostsAreCollectedAsTheWholeAddressSpace() {
        String conf = "hostlist relay_from_hosts = 0.0.0.0/0\nacl_smtp_rcpt = r\nbegin acl\nr:\n  accept hosts = +relay_from_hosts\n  deny\n";
        CollectedFacts f = Collectors.collect("exim", List.of(new ConfigFile("exim.conf", conf)));
        assertEquals("all", f.relay().get("smtp:25").rules().get(0).client().scope());
    }

    @Test
    void unsetRcptAclRefusesEveryRecipient() {
        CollectedFacts f = Collectors.collect("exim", List.of(new ConfigFile("exim.conf", "primary_hostname = mx\nbegin acl\n")));
        assertEquals(Action.REJECT, f.relay().get("smtp:25").rules().get(0).action());
    }

    @Test
    void debianDcKeysMapOntoTheDebianAcl() {
        String dc = "dc_eximconfig_configtype='internet'\ndc_local_interfaces='127.0.0.1 ; ::1'\ndc_relay_nets='10.0.0.0/8'\ndc_relay_domains=''\n";
        CollectedFacts f = Collectors.collect(null, List.of(new ConfigFile("/etc/exim4/update-exim4.conf.conf", dc)));
        assertEquals("exim", f.kind().id());
        Listener l = f.listeners().get(0);
        assertTrue(l.loopbackOnly());
        assertEquals(List.of("127.0.0.1:25", "[::1]:25"), l.bind());
        assertTrue(f.relay().get("smtp:25").rules().stream()
                .anyMatch(r -> r.client().patterns().contains("10.0.0.0/8") && r.source().line() == 3));
        String open = "dc_eximconfig_configtype='internet'\ndc_relay_domains='*'\n";
        CollectedFacts g = Collectors.collect("exim", List.of(new ConfigFile("update-exim4.conf.conf", open)));
        List<RelayRule> rules = g.relay().get("smtp:25").rules();
        assertTrue(rules.stream().noneMatch(r -> r.action() == Action.REJECT), "relay_to_domains = * never rejects");
    }

    @Test
    void colonListsHonourDoubledColonsAndSeparatorChange() {
        assertEquals(List.of("::1", "127.0.0.1"), EximCollector.splitList("::::1 : 127.0.0.1"));
        assertEquals(List.of("::1", "10.0.0.0/8"), EximCollector.splitList("<; ::1 ; 10.0.0.0/8"));
    }

    @Test
    void conditionalSkipsAreDecidedByTheMacrosDefinedSoFar() {
        CollectedFacts f = Collectors.collect("exim", List.of(new ConfigFile("/etc/exim/exim.conf", """
                MAIN_TLS_ENABLE = yes
                .ifdef MAIN_TLS_ENABLE
                tls_advertise_hosts = *
                .else
                tls_advertise_hosts =
                .endif
                .ifndef EXTRA_LIMITS
                message_size_limit = 50M
                .elifdef NOT_DEFINED
                message_size_limit = 1M
                .endif
                .ifdef NOPE
                smtp_banner = skipped
                  .ifdef MAIN_TLS_ENABLE
                  smtp_banner = still skipped (outer branch not taken)
                  .endif
                .elifndef OTHER
                smtp_banner = mail
                .endif
                .ifdef MAIN_TLS_ENABLEMENT
                helo_try_verify_hosts = *
                .endif
                acl_smtp_rcpt = acl_check_rcpt
                begin acl
                acl_check_rcpt:
                  require domains = example.org
                  accept
                """)));
        assertEquals("*", f.settings().get("tls_advertise_hosts").value());
        // Exim substitutes a defined macro where it starts a word, so MAIN_TLS_ENABLE makes this one true too
        assertEquals("*", f.settings().get("helo_try_verify_hosts").value());
        assertEquals(3, f.settings().get("tls_advertise_hosts").source().line());
        assertEquals("50M", f.settings().get("message_size_limit").value());
        assertEquals("mail", f.settings().get("smtp_banner").value());
        assertTrue(f.diagnostics().stream().noneMatch(d -> d.message().contains("conditional")), f.diagnostics().toString());
    }

    @Test
    void conditionsOnTheBinaryOrOnMissingIncludesReadEveryBranchAndSaySo() {
        CollectedFacts f = Collectors.collect("exim", List.of(new ConfigFile("/etc/exim/exim.conf", """
                .ifdef _HAVE_TLS
                tls_advertise_hosts = *
                .endif
                .include /etc/exim/macros.conf
                .ifdef LOCAL_RELAY
                message_size_limit = 1M
                .else
                message_size_limit = 2M
                .endif
                .endif
                """)));
        assertEquals("*", f.settings().get("tls_advertise_hosts").value());
        assertEquals("2M", f.settings().get("message_size_limit").value(), "both branches read, the later wins");
        assertEquals(2, f.diagnostics().stream().filter(d -> d.message().contains("every branch is read")).count(),
                f.diagnostics().toString());
        assertTrue(f.diagnostics().stream().anyMatch(d -> d.message().contains(".endif without")
                && Integer.valueOf(10).equals(d.line())), f.diagnostics().toString());
    }

    @Test
    void authenticatorAdvertiseConditionIsASettingAndItsSecretsAreNot() {
        CollectedFacts f = Collectors.collect("exim", List.of(new ConfigFile("/etc/exim/exim.conf", """
                acl_smtp_rcpt = acl_check_rcpt
                begin acl
                acl_check_rcpt:
                  accept
                begin authenticators
                PLAIN:
                  driver = plaintext
                  server_advertise_condition = ${if def:tls_in_cipher }
                  server_condition = ${if eq{$auth3}{hunter2}}
                """)));
        assertEquals("${if def:tls_in_cipher }", f.settings().get("PLAIN server_advertise_condition").value());
        assertEquals(8, f.settings().get("PLAIN server_advertise_condition").source().line());
        assertTrue(f.settings().values().stream().noneMatch(s -> String.valueOf(s.value()).contains("hunter2")));
    }
}
