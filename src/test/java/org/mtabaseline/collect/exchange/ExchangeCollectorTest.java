package org.mtabaseline.collect.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.Collectors;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.Recipients;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;

class ExchangeCollectorTest {
    private static final String CONNECTORS = """
            Identity         : EX01\\Anonymous Relay
            Name             : Anonymous Relay
            TransportRole    : FrontendTransport
            Bindings         : {0.0.0.0:25}
            RemoteIPRanges   : {0.0.0.0-255.255.255.255}
            PermissionGroups : AnonymousUsers
            AuthMechanism    : Tls
            Enabled          : True

            Identity         : EX01\\Client Frontend EX01
            Name             : Client Frontend EX01
            TransportRole    : FrontendTransport
            Bindings         : {[::]:587, 0.0.0.0:587}
            RemoteIPRanges   : {::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 0.0.0.0-255.255.255.255}
            PermissionGroups : ExchangeUsers
            AuthMechanism    : Tls, Integrated, BasicAuth, BasicAuthRequireTLS
            Enabled          : True
            """;
    private static final String PERMISSIONS = """
            Identity       : EX01\\Anonymous Relay
            User           : NT AUTHORITY\\ANONYMOUS LOGON
            Deny           : False
            IsInherited    : False
            ExtendedRights : {ms-Exch-SMTP-Accept-Any-Recipient}
            """;

    @Test
    void anonymousAcceptAnyRecipientGrantIsAnAnonymousRelayForTheConnectorRanges() {
        CollectedFacts f = Collectors.collect("exchange", List.of(new ConfigFile("Get-ReceiveConnector.txt", CONNECTORS),
                new ConfigFile("Get-ADPermission.txt", PERMISSIONS)));
        assertEquals(2, f.listeners().size());
        RelayRule first = f.relay().get("EX01\\Anonymous Relay").rules().get(0);
        assertEquals(Action.PERMIT, first.action());
        assertEquals(Boolean.FALSE, first.authenticated());
        assertEquals(Recipients.ANY, first.recipient());
        assertEquals(List.of("0.0.0.0/0"), first.client().patterns());
        assertEquals("all", first.client().scope());
        assertEquals("Get-ADPermission.txt", first.source().file());
        assertEquals(1, first.source().line());
        RelayRule client = f.relay().get("EX01\\Client Frontend EX01").rules().get(0);
        assertEquals(Boolean.TRUE, client.authenticated());
        assertEquals(List.of("::/0", "0.0.0.0/0").size(), client.client().patterns().size());
        assertTrue(f.listeners().get(1).auth());
        assertTrue(f.diagnostics().isEmpty());
    }

    @Test
    void withoutPermissionsAnonymousUsersOnlyReachAcceptedDomainsAndTheGapIsReported() {
        CollectedFacts f = Collectors.collect("exchange", List.of(new ConfigFile("Get-ReceiveConnector.txt", CONNECTORS)));
        List<RelayRule> rules = f.relay().get("EX01\\Anonymous Relay").rules();
        assertEquals(Recipients.LOCAL, rules.get(0).recipient());
        assertFalse(f.diagnostics().isEmpty());
    }

    @Test
    void convertToJsonWithNumericEnumsIsRead() {
        String json = """
                [{"Identity":"EX01\\\\Relay","Name":"Relay","Bindings":["0.0.0.0:25"],
                  "RemoteIPRanges":["10.1.0.0/16"],"PermissionGroups":36,"AuthMechanism":33,"Enabled":true}]
                """;
        CollectedFacts f = Collectors.collect("exchange", List.of(new ConfigFile("connectors.json", json)));
        assertEquals(List.of("ExchangeServers", "Custom"), f.listeners().get(0).settings().get("PermissionGroups").value());
        RelayRule first = f.relay().get("EX01\\Relay").rules().get(0);
        assertTrue(first.text().contains("ExternalAuthoritative"));
        assertEquals(null, first.authenticated());
        assertEquals(List.of("10.1.0.0/16"), first.client().patterns());
    }

    @Test
    void rangesBecomeExactCidrs() {
        assertEquals(List.of("10.0.0.0/31", "10.0.0.2/32"), org.mtabaseline.collect.Cidr.fromRange("10.0.0.0", "10.0.0.2"));
    }
}
