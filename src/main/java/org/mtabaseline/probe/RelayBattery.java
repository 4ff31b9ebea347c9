package org.mtabaseline.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The relay test superset R00-R24 (research/relay-probe-anchors.md section 8), built for one target. Placeholders:
 * F/T local parts, D the third-party test domain, H the target's host name (banner, else EHLO), [I] its address
 * literal ([IPv6:...] for IPv6 targets), M its mail domain (H without its first label).
 */
public final class RelayBattery {

    public static final Set<String> KNOWN_IDS;

    static {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (int i = 0; i <= 24; i++) {
            ids.add(String.format(Locale.ROOT, "R%02d", i));
        }
        ids.add("S01");
        KNOWN_IDS = Set.copyOf(ids);
    }

    private RelayBattery() {
    }

    /**
     * @param hostName H, may be null when neither banner nor EHLO named the host (then the literal stands in)
     */
    public static List<RelayTestCase> build(ProbeTarget target, String hostName, ProbeOptions o) {
        String f = o.fromLocalPart();
        String t = o.toLocalPart();
        String d = o.testDomain();
        String i = target.addressLiteral();
        String h = hostName == null || hostName.isBlank() ? i : hostName;
        String m = mailDomain(h);
        String td = t + "@" + d;
        String local = o.localRecipient().orElse("postmaster@" + h);
        List<RelayTestCase> all = new ArrayList<>();
        all.add(new RelayTestCase("R00", "positive control: local recipient", f + "@" + d, local, false, false, false));
        all.add(RelayTestCase.relay("R01", "plain third-party to third-party", f + "@" + d, td));
        all.add(RelayTestCase.relay("R02", "null sender", "", td));
        all.add(RelayTestCase.relay("R03", "spoofed target-host sender", f + "@" + h, td));
        all.add(RelayTestCase.relay("R04", "spoofed target-IP-literal sender", f + "@" + i, td));
        all.add(RelayTestCase.relay("R05", "localhost sender", f + "@localhost", td));
        all.add(RelayTestCase.relay("R06", "unqualified sender", f, td));
        all.add(RelayTestCase.relay("R07", "random subdomain sender", f + "@r" + Long.toHexString(
                Double.doubleToLongBits(Math.random())).substring(0, 8) + "." + d, td));
        all.add(RelayTestCase.relay("R08", "postmaster-of-target sender", "postmaster@" + h, td));
        all.add(RelayTestCase.relay("R09", "scanner's own name as sender", f + "@" + o.ehloName(), td));
        all.add(RelayTestCase.relay("R10", "percent hack via IP literal", f + "@" + i, t + "%" + d + "@" + i));
        all.add(RelayTestCase.relay("R11", "percent hack via host name", f + "@" + i, t + "%" + d + "@" + h));
        all.add(RelayTestCase.relay("R12", "quoted local part, no domain", f + "@" + i, "\"" + td + "\""));
        all.add(RelayTestCase.relay("R13", "quoted percent, no domain", f + "@" + i, "\"" + t + "%" + d + "\""));
        all.add(RelayTestCase.relay("R14", "double-@ via IP literal", f + "@" + i, td + "@" + i));
        all.add(RelayTestCase.relay("R15", "quoted address at IP literal", f + "@" + i, "\"" + td + "\"@" + i));
        all.add(RelayTestCase.relay("R16", "double-@ via host name", f + "@" + i, td + "@" + h));
        all.add(RelayTestCase.relay("R17", "source route via IP literal", f + "@" + i, "@" + i + ":" + td));
        all.add(RelayTestCase.relay("R18", "source route via host name", f + "@" + i, "@" + h + ":" + td));
        all.add(RelayTestCase.relay("R19", "bang path, no domain", f + "@" + i, d + "!" + t));
        all.add(RelayTestCase.relay("R20", "bang path at IP literal", f + "@" + i, d + "!" + t + "@" + i));
        all.add(RelayTestCase.relay("R21", "bang path at host name", f + "@" + i, d + "!" + t + "@" + h));
        all.add(new RelayTestCase("R22", "control: IP-literal local recipient (not a relay)", f + "@" + i,
                t + "@" + i, false, false, false));
        all.add(RelayTestCase.relay("R24", "sender in the target's own mail domain", f + "@" + m, td));
        // R23 last: a failed AUTH can leave session state behind on some servers.
        all.add(new RelayTestCase("R23", "relay after a bogus AUTH CRAM-MD5", f + "@" + d, td, true, true, false));
        if (o.mode() == ProbeOptions.Mode.SINK) {
            all.add(new RelayTestCase("S01", "delivery to the operator's sink mailbox", f + "@" + d,
                    o.sinkMailbox().orElseThrow(), true, false, true));
        }
        if (o.onlyTests().isEmpty()) {
            return all;
        }
        return all.stream().filter(c -> o.onlyTests().contains(c.id())).toList();
    }

    /** H without its first label when that leaves a registrable-looking name (mx.example.com -> example.com). */
    static String mailDomain(String host) {
        if (host.startsWith("[")) {
            return host;
        }
        int dot = host.indexOf('.');
        String rest = dot < 0 ? "" : host.substring(dot + 1);
        return rest.contains(".") ? rest : host;
    }
}
