package org.mtabaseline.rego.builtins.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpNetTest {
    @Test
    void containsSubnetsAndAddressesInBothFamilies() {
        assertTrue(IpNet.cidrContains("10.0.0.0/8", "10.1.0.0/24"));
        assertFalse(IpNet.cidrContains("172.17.0.0/24", "172.17.0.0/16"));
        assertTrue(IpNet.cidrContains("10.0.0.0/8", "10.1.2.3"));
        assertTrue(IpNet.cidrContains("2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40"));
        assertFalse(IpNet.cidrContains("2001:4860::/96", "2001:4860::/32"));
    }

    @Test
    void malformedInputsFailWithGoMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IpNet.cidrContains("192.168.1.0/28", "not-a-cidr"));
        assertEquals("not a valid textual representation of an IP address or CIDR: not-a-cidr", e.getMessage());
        assertEquals("invalid CIDR address: 192.168.1.1/33",
                assertThrows(IllegalArgumentException.class, () -> IpNet.parseCidr("192.168.1.1/33")).getMessage());
        assertNull(IpNet.parseIp("010.1.1.1"), "Go rejects leading zeros");
    }

    @Test
    void intersectsWhenEitherHoldsTheOthersStart() {
        assertTrue(IpNet.cidrIntersects("192.168.1.0/25", "192.168.1.64/25"));
        assertFalse(IpNet.cidrIntersects("192.168.1.0/24", "192.168.2.0/24"));
    }

    @Test
    void expandListsEveryAddressIncludingNetworkAndBroadcast() {
        assertEquals(List.of("192.168.1.0", "192.168.1.1", "192.168.1.2", "192.168.1.3"),
                IpNet.cidrExpand("192.168.1.1/30", 1000));
    }

    @Test
    void mergeCombinesAdjacentAndContainedNetworks() {
        assertEquals("[192.0.2.112/29]",
                IpNet.merge(List.of("192.0.2.112/30", "192.0.2.116/31", "192.0.2.118/31")).toString());
        assertEquals("[192.0.2.112/31, 192.0.2.116/30]",
                IpNet.merge(List.of("192.0.2.112/31", "192.0.2.116/31", "192.0.2.118/31")).toString());
        assertEquals("[192.0.2.0/24]", IpNet.merge(List.of("192.0.2.112", "192.0.2.116/31")).toString(),
                "a bare IPv4 address takes its classful mask");
        assertEquals("[::/0]", IpNet.merge(List.of("::/0", "fe80::1/128")).toString());
        assertEquals("[192.0.2.0/23, 192.0.4.0/24, fe80::/120]", IpNet.merge(List.of("fe80::/120", "192.0.2.0/24",
                "192.0.3.0/24", "192.0.4.0/25", "192.0.4.128/25")).toString());
        assertThrows(IllegalArgumentException.class, () -> IpNet.merge(List.of("2601:600::1")));
    }

    @Test
    void ipv6PrintsInCanonicalShortForm() {
        assertEquals("2601:600:8a80:207e::/64",
                IpNet.parseCidr("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64").toString());
        assertEquals("::1", IpNet.formatIp(IpNet.parseIp("0:0:0:0:0:0:0:1")));
        assertEquals("1.2.3.4", IpNet.formatIp(IpNet.parseIp("::ffff:1.2.3.4")));
    }
}
