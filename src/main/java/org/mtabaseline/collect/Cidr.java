package org.mtabaseline.collect;

import java.math.BigInteger;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network parsed without DNS (InetAddress would resolve names). Accepts {@code a.b.c.d},
 * {@code a.b.c.d/n}, {@code [v6]/n}, {@code v6/n}, {@code [v6]}; IPv4-mapped IPv6 is kept as IPv6.
 */
public record Cidr(boolean v6, BigInteger first, BigInteger last, int prefix, String text) {
    private static final BigInteger V4_MAX = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    private static final BigInteger V6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public static Optional<Cidr> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        String len = slash < 0 ? null : s.substring(slash + 1);
        if (addr.startsWith("[") && addr.endsWith("]")) {
            addr = addr.substring(1, addr.length() - 1);
        }
        BigInteger value;
        boolean v6;
        if (addr.contains(":")) {
            value = parseV6(addr);
            v6 = true;
        } else {
            value = parseV4(addr);
            v6 = false;
        }
        if (value == null) {
            return Optional.empty();
        }
        int bits = v6 ? 128 : 32;
        int p = bits;
        if (len != null) {
            if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            p = Integer.parseInt(len);
            if (p > bits) {
                return Optional.empty();
            }
        }
        BigInteger max = v6 ? V6_MAX : V4_MAX;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - p).subtract(BigInteger.ONE);
        BigInteger first = value.and(max.xor(hostMask));
        return Optional.of(new Cidr(v6, first, first.or(hostMask), p, s));
    }

    static BigInteger parseV4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int o = Integer.parseInt(p);
            if (o > 255) {
                return null;
            }
            v = (v << 8) | o;
        }
        return BigInteger.valueOf(v);
    }

    static BigInteger parseV6(String a) {
        int pct = a.indexOf('%');
        if (pct >= 0) {
            a = a.substring(0, pct);
        }
        BigInteger tailV4 = null;
        int lastColon = a.lastIndexOf(':');
        if (a.indexOf('.', lastColon) > 0) {
            tailV4 = parseV4(a.substring(lastColon + 1));
            if (tailV4 == null) {
                return null;
            }
            a = a.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = a.indexOf("::");
        if (dbl != a.lastIndexOf("::")) {
            return null;
        }
        String[] head;
        String[] tail;
        if (dbl >= 0) {
            String h = a.substring(0, dbl);
            String t = a.substring(dbl + 2);
            head = h.isEmpty() ? new String[0] : h.split(":", -1);
            tail = t.isEmpty() ? new String[0] : t.split(":", -1);
            if (head.length + tail.length > 7) {
                return null;
            }
        } else {
            head = a.split(":", -1);
            tail = new String[0];
            if (head.length != 8) {
                return null;
            }
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length; i++) {
            Integer g = group(head[i]);
            if (g == null) {
                return null;
            }
            groups[i] = g;
        }
        for (int i = 0; i < tail.length; i++) {
            Integer g = group(tail[i]);
            if (g == null) {
                return null;
            }
            groups[8 - tail.length + i] = g;
        }
        BigInteger v = BigInteger.ZERO;
        for (int g : groups) {
            v = v.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        if (tailV4 != null) {
            v = v.andNot(V4_MAX).or(tailV4);
        }
        return v;
    }

    private static Integer group(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return null;
        }
        try {
            return Integer.parseInt(g, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The CIDR blocks exactly covering the address range a-b (Exchange RemoteIPRanges), or empty if not a range. */
    public static java.util.List<String> fromRange(String a, String b) {
        var x = parse(a);
        var y = parse(b);
        java.util.List<String> out = new java.util.ArrayList<>();
        if (x.isEmpty() || y.isEmpty() || x.get().v6() != y.get().v6() || x.get().prefix() != y.get().prefix()) {
            return out;
        }
        boolean v6 = x.get().v6();
        int bits = v6 ? 128 : 32;
        BigInteger lo = x.get().first();
        BigInteger hi = y.get().first();
        while (lo.compareTo(hi) <= 0 && out.size() < 256) {
            int size = lo.signum() == 0 ? bits : lo.getLowestSetBit();
            size = Math.min(size, bits);
            while (size > 0 && lo.add(BigInteger.ONE.shiftLeft(size)).subtract(BigInteger.ONE).compareTo(hi) > 0) {
                size--;
            }
            BigInteger max = v6 ? V6_MAX : V4_MAX;
            BigInteger hostMask = BigInteger.ONE.shiftLeft(size).subtract(BigInteger.ONE);
            out.add(new Cidr(v6, lo, lo.or(hostMask), bits - size, null).canonical());
            lo = lo.add(BigInteger.ONE.shiftLeft(size));
            if (lo.compareTo(max) > 0) {
                break;
            }
        }
        return out;
    }

    public boolean contains(Cidr o) {
        return v6 == o.v6 && first.compareTo(o.first) <= 0 && last.compareTo(o.last) >= 0;
    }

    /** Normal text form: address/prefix (IPv6 without brackets). */
    public String canonical() {
        if (!v6) {
            long v = first.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255) + "/" + prefix;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            sb.append(Integer.toHexString(first.shiftRight(i * 16).intValue() & 0xffff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.append('/').append(prefix).toString();
    }
}
