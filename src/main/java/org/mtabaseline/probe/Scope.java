package org.mtabaseline.probe;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Default-deny allow list of what may be probed. Entries are CIDRs, single addresses and host names. Host names are
 * resolved once, when the scope is built; a target is admitted only if the one address it resolves to lies in a
 * CIDR or among the addresses of a listed name, so a name that later points elsewhere (DNS rebinding) is refused.
 */
public final class Scope {

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Cidr(byte[] network, int prefix, String text) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int bits = b.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, b).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Cidr> cidrs;
    private final Map<String, List<InetAddress>> names;
    private final Resolver resolver;

    private Scope(List<Cidr> cidrs, Map<String, List<InetAddress>> names, Resolver resolver) {
        this.cidrs = cidrs;
        this.names = names;
        this.resolver = resolver;
    }

    public static Scope of(List<String> entries) {
        return of(entries, InetAddress::getAllByName);
    }

    public static Scope of(List<String> entries, Resolver resolver) {
        List<Cidr> cidrs = new ArrayList<>();
        Map<String, List<InetAddress>> names = new LinkedHashMap<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String e = raw.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (isLiteral(e.contains("/") ? e.substring(0, e.indexOf('/')) : e)) {
                cidrs.add(cidr(e));
            } else {
                try {
                    names.put(e.toLowerCase(Locale.ROOT), List.of(resolver.resolve(e)));
                } catch (UnknownHostException ex) {
                    // A listed name that does not resolve admits nothing; it is kept so the error can say why.
                    names.put(e.toLowerCase(Locale.ROOT), List.of());
                }
            }
        }
        return new Scope(List.copyOf(cidrs), Map.copyOf(names), resolver);
    }

    public boolean isEmpty() {
        return cidrs.isEmpty() && names.isEmpty();
    }

    /** The entries as configured (CIDRs, then names), for error messages and the API. */
    public List<String> entries() {
        List<String> out = new ArrayList<>();
        cidrs.forEach(c -> out.add(c.text()));
        out.addAll(names.keySet());
        return out;
    }

    /**
     * Admits one host and port or throws {@link OutOfScopeException}; no packet is sent to the target here (name
     * resolution goes to the resolver only).
     */
    public ProbeTarget admit(String host, int port) {
        if (isEmpty()) {
            throw new OutOfScopeException(List.of(host + ":" + port), "probe scope is empty, so every target is refused");
        }
        InetAddress address;
        try {
            address = isLiteral(host) ? InetAddress.getByName(host) : resolver.resolve(host)[0];
        } catch (UnknownHostException | ArrayIndexOutOfBoundsException e) {
            throw new OutOfScopeException(List.of(host + ":" + port), "target " + host + " does not resolve");
        }
        if (!contains(address)) {
            throw new OutOfScopeException(List.of(host + ":" + port), "target " + host + " ("
                    + address.getHostAddress() + ") is outside the probe scope " + entries());
        }
        return new ProbeTarget(host, address, port);
    }

    public boolean contains(InetAddress a) {
        for (Cidr c : cidrs) {
            if (c.contains(a)) {
                return true;
            }
        }
        for (List<InetAddress> as : names.values()) {
            if (as.contains(a)) {
                return true;
            }
        }
        return false;
    }

    static boolean isLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9a-fA-F:.]+"));
    }

    private static Cidr cidr(String e) {
        String addr = e;
        Integer prefix = null;
        int slash = e.indexOf('/');
        if (slash >= 0) {
            addr = e.substring(0, slash);
            try {
                prefix = Integer.parseInt(e.substring(slash + 1));
            } catch (NumberFormatException ex) {
                throw new InvalidProbeOptionException(OutOfScopeException.SETTING, "bad prefix length in " + e);
            }
        }
        try {
            byte[] b = InetAddress.getByName(addr).getAddress();
            int max = b.length * 8;
            int p = prefix == null ? max : prefix;
            if (p < 0 || p > max) {
                throw new InvalidProbeOptionException(OutOfScopeException.SETTING, "bad prefix length in " + e);
            }
            return new Cidr(b, p, e);
        } catch (UnknownHostException ex) {
            throw new InvalidProbeOptionException(OutOfScopeException.SETTING, "not an address: " + e);
        }
    }
}
