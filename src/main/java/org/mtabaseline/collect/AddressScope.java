package org.mtabaseline.collect;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Classifies a list of client patterns by the address space it covers, so that a policy need not do CIDR
 * arithmetic: "all" also catches splits such as 0.0.0.0/1 + 128.0.0.0/1.
 */
public final class AddressScope {
    private static final List<Cidr> LOOPBACK = nets("127.0.0.0/8", "::1/128", "::ffff:127.0.0.0/104");
    private static final List<Cidr> PRIVATE = nets("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
            "100.64.0.0/10", "fc00::/7", "fe80::/10", "::ffff:10.0.0.0/104", "::ffff:172.16.0.0/108",
            "::ffff:192.168.0.0/112");

    private AddressScope() {
    }

    private static List<Cidr> nets(String... s) {
        List<Cidr> out = new ArrayList<>();
        for (String x : s) {
            out.add(Cidr.parse(x).orElseThrow());
        }
        return out;
    }

    public static String classify(List<String> patterns) {
        if (patterns.isEmpty()) {
            return "none";
        }
        List<Cidr> cidrs = new ArrayList<>();
        boolean unknown = false;
        for (String p : patterns) {
            String t = p.strip();
            if (t.equals("*") || t.equalsIgnoreCase("any") || t.equalsIgnoreCase("all")) {
                return "all";
            }
            if (t.equalsIgnoreCase("localhost") || t.equalsIgnoreCase("lo") || t.equalsIgnoreCase("local")) {
                cidrs.add(LOOPBACK.get(0));
                continue;
            }
            var c = Cidr.parse(t);
            if (c.isPresent()) {
                cidrs.add(c.get());
            } else if (!t.startsWith("!")) {
                unknown = true;
            }
        }
        if (coversAll(cidrs, false) || coversAll(cidrs, true)) {
            return "all";
        }
        boolean anyPublic = cidrs.stream().anyMatch(c -> !within(c, PRIVATE) && !within(c, LOOPBACK));
        if (anyPublic) {
            return "public";
        }
        if (unknown) {
            return "unknown";
        }
        boolean allLoopback = cidrs.stream().allMatch(c -> within(c, LOOPBACK));
        return allLoopback ? "loopback" : "private";
    }

    private static boolean within(Cidr c, List<Cidr> space) {
        return space.stream().anyMatch(s -> s.contains(c));
    }

    static boolean coversAll(List<Cidr> cidrs, boolean v6) {
        List<Cidr> fam = new ArrayList<>(cidrs.stream().filter(c -> c.v6() == v6).toList());
        if (fam.isEmpty()) {
            return false;
        }
        fam.sort(Comparator.comparing(Cidr::first));
        BigInteger next = BigInteger.ZERO;
        for (Cidr c : fam) {
            if (c.first().compareTo(next) > 0) {
                return false;
            }
            BigInteger after = c.last().add(BigInteger.ONE);
            if (after.compareTo(next) > 0) {
                next = after;
            }
        }
        BigInteger end = BigInteger.ONE.shiftLeft(v6 ? 128 : 32);
        return next.compareTo(end) >= 0;
    }

    /** True when every pattern is a loopback address or name. */
    public static boolean isLoopback(String addr) {
        String t = addr.strip();
        if (t.equalsIgnoreCase("localhost") || t.equalsIgnoreCase("lo") || t.equalsIgnoreCase("lo0")
                || t.equalsIgnoreCase("loopback-only") || t.equalsIgnoreCase("ip6-localhost")) {
            return true;
        }
        return Cidr.parse(t).map(c -> within(c, LOOPBACK)).orElse(false);
    }
}
