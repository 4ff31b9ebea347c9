package org.mtabaseline.rego.builtins.support;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An IP network as Go's {@code net.IPNet}: the masked address (4 bytes for IPv4, 16 for IPv6) and
 * a prefix length. Parsing, containment and printing follow Go's {@code net} package, which OPA's
 * {@code net.cidr_*} builtins use, so that odd inputs give the same answers.
 */
public record IpNet(byte[] address, int prefix) {

    /** Parsed networks by text: policies test the same few CIDRs over and over. Bounded; never mutated. */
    private static final Map<String, IpNet> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 4096;

    /** Go's {@code net.ParseCIDR}: the network of {@code text}, or an exception with Go's message. */
    public static IpNet parseCidr(String text) {
        IpNet n = PARSED.get(text);
        if (n == null) {
            n = parseCidrText(text);
            if (PARSED.size() >= PARSED_MAX) {
                PARSED.clear();
            }
            PARSED.put(text, n);
        }
        return n;
    }

    private static IpNet parseCidrText(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        byte[] ip = parseIp(text.substring(0, slash));
        String bitsText = text.substring(slash + 1);
        int bits = ip == null ? 0 : ip.length * 8;
        int prefix = parseDecimal(bitsText);
        if (ip == null || prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("invalid CIDR address: " + text);
        }
        return new IpNet(mask(ip, prefix), prefix);
    }

    /** Parsed addresses by text, for cidrContains only (the arrays are shared, so never handed out). */
    private static final Map<String, byte[]> PARSED_IPS = new ConcurrentHashMap<>();
    private static final byte[] NOT_AN_IP = new byte[0];

    private static byte[] parsedIp(String text) {
        byte[] ip = PARSED_IPS.get(text);
        if (ip == null) {
            ip = parseIp(text);
            if (PARSED_IPS.size() >= PARSED_MAX) {
                PARSED_IPS.clear();
            }
            PARSED_IPS.put(text, ip == null ? NOT_AN_IP : ip);
        }
        return ip == NOT_AN_IP ? null : ip;
    }

    /** Go's {@code net.ParseIP} reduced to 4 bytes for IPv4 text, 16 for IPv6 text; null if invalid. */
    public static byte[] parseIp(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                return parseIpv4(text);
            }
            if (c == ':') {
                return parseIpv6(text);
            }
        }
        return null;
    }

    public boolean isIpv4() {
        return address.length == 4;
    }

    public int bits() {
        return address.length * 8;
    }

    /** Go's {@code IPNet.Contains}; an IPv4-mapped IPv6 address counts as IPv4. */
    public boolean contains(byte[] ip) {
        byte[] candidate = ip;
        byte[] net = address;
        int prefixBits = prefix;
        byte[] as4 = to4(candidate);
        if (as4 != null) {
            candidate = as4;
        }
        byte[] net4 = to4(net);
        if (net4 != null && net.length == 16) {
            // A v4-mapped IPv6 network: Go compares its last four bytes under the mask's tail.
            net = net4;
            prefixBits = Math.max(0, prefix - 96);
        }
        if (candidate.length != net.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixBits), net);
    }

    /** The last address of the network (all host bits set). */
    public byte[] lastAddress() {
        byte[] last = address.clone();
        for (int bit = prefix; bit < last.length * 8; bit++) {
            last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return last;
    }

    /** Go's {@code IPNet.String}. */
    @Override
    public String toString() {
        return formatIp(address) + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpNet other && prefix == other.prefix && Arrays.equals(address, other.address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address) * 31 + prefix;
    }

    /** OPA's {@code net.cidr_contains} for a CIDR or an address on the right. */
    public static boolean cidrContains(String cidr, String cidrOrIp) {
        IpNet outer = parseCidr(cidr);
        byte[] ip = parsedIp(cidrOrIp);
        if (ip != null) {
            return outer.contains(ip);
        }
        IpNet inner;
        try {
            inner = parseCidr(cidrOrIp);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "not a valid textual representation of an IP address or CIDR: " + cidrOrIp);
        }
        return outer.contains(inner.address) && outer.contains(inner.lastAddress());
    }

    /** OPA's {@code net.cidr_intersects}. */
    public static boolean cidrIntersects(String a, String b) {
        IpNet na = parseCidr(a);
        IpNet nb = parseCidr(b);
        return na.contains(nb.address) || nb.contains(na.address);
    }

    /** OPA's {@code net.cidr_expand}: every address of the network, in order. */
    public static List<String> cidrExpand(String cidr, long limit) {
        IpNet net = parseCidr(cidr);
        BigInteger count = BigInteger.ONE.shiftLeft(net.bits() - net.prefix);
        if (count.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw new IllegalArgumentException("net.cidr_expand: network too large to expand: " + cidr);
        }
        List<String> out = new ArrayList<>(count.intValue());
        byte[] ip = net.address.clone();
        for (long i = 0; i < count.longValue(); i++) {
            out.add(formatIp(ip));
            increment(ip);
        }
        return out;
    }

    /**
     * OPA's {@code net.cidr_merge}: the smallest list of networks covering the inputs, which are
     * CIDRs or bare IPv4 addresses (those take their classful default mask, as Go's DefaultMask).
     */
    public static List<IpNet> merge(List<String> cidrsOrIps) {
        List<IpNet> networks = new ArrayList<>();
        for (String s : cidrsOrIps) {
            byte[] ip = parseIp(s);
            if (ip == null) {
                networks.add(parseCidr(s));
            } else if (ip.length == 4 || to4(ip) != null) {
                byte[] v4 = ip.length == 4 ? ip : to4(ip);
                int first = v4[0] & 0xff;
                int prefix = first < 0x80 ? 8 : first < 0xC0 ? 16 : 24;
                networks.add(new IpNet(mask(v4, prefix), prefix));
            } else {
                throw new IllegalArgumentException("IPv6 invalid: needs prefix length");
            }
        }
        record Range(BigInteger first, BigInteger last, IpNet network) {
        }
        List<Range> ranges = new ArrayList<>();
        for (IpNet n : networks) {
            BigInteger first = n.mapped(n.address);
            BigInteger last = n.mapped(n.lastAddress());
            ranges.add(new Range(first, last, n));
        }
        ranges.sort(Comparator.comparing(Range::last).thenComparing(Range::first));
        for (int i = ranges.size() - 1; i > 0; i--) {
            Range cur = ranges.get(i);
            Range prev = ranges.get(i - 1);
            BigInteger previousIp = cur.first.signum() == 0 ? cur.first : cur.first.subtract(BigInteger.ONE);
            if (previousIp.compareTo(prev.last) <= 0) {
                BigInteger first = prev.first.min(cur.first);
                ranges.set(i - 1, new Range(first, cur.last, null));
                ranges.remove(i);
            }
        }
        List<IpNet> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.network != null) {
                out.add(r.network);
            } else {
                out.addAll(rangeToCidrs(r.first, r.last));
            }
        }
        return out;
    }

    private static final BigInteger V4_MAPPED_BASE = BigInteger.valueOf(0xffffL).shiftLeft(32);
    private static final BigInteger V4_MAPPED_END = V4_MAPPED_BASE.add(BigInteger.ONE.shiftLeft(32));

    /** The address as a number in the IPv6 space (IPv4 mapped into ::ffff:0:0/96, as Go does). */
    private BigInteger mapped(byte[] ip) {
        BigInteger value = new BigInteger(1, ip);
        return ip.length == 4 ? V4_MAPPED_BASE.add(value) : value;
    }

    private static List<IpNet> rangeToCidrs(BigInteger first, BigInteger last) {
        boolean v4 = first.compareTo(V4_MAPPED_BASE) >= 0 && last.compareTo(V4_MAPPED_END) < 0;
        int bits = v4 ? 32 : 128;
        BigInteger offset = v4 ? V4_MAPPED_BASE : BigInteger.ZERO;
        BigInteger lo = first.subtract(offset);
        BigInteger hi = last.subtract(offset);
        List<IpNet> out = new ArrayList<>();
        while (lo.compareTo(hi) <= 0) {
            int hostBits = lo.signum() == 0 ? bits : lo.getLowestSetBit();
            while (hostBits > 0
                    && lo.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE).compareTo(hi) > 0) {
                hostBits--;
            }
            out.add(new IpNet(toBytes(lo, bits / 8), bits - hostBits));
            lo = lo.add(BigInteger.ONE.shiftLeft(hostBits));
        }
        return out;
    }

    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static void increment(byte[] ip) {
        for (int j = ip.length - 1; j >= 0; j--) {
            ip[j]++;
            if (ip[j] != 0) {
                break;
            }
        }
    }

    static byte[] mask(byte[] ip, int prefix) {
        byte[] out = ip.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    /** Go's {@code IP.To4}: the IPv4 form of a 4-byte or v4-mapped 16-byte address, else null. */
    static byte[] to4(byte[] ip) {
        if (ip.length == 4) {
            return ip;
        }
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return null;
            }
        }
        if (ip[10] != (byte) 0xff || ip[11] != (byte) 0xff) {
            return null;
        }
        return Arrays.copyOfRange(ip, 12, 16);
    }

    private static int parseDecimal(String s) {
        if (s.isEmpty() || s.length() > 3) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int n = parseDecimal(p);
            if (n < 0 || n > 255) {
                return null;
            }
            out[i] = (byte) n;
        }
        return out;
    }

    private static byte[] parseIpv6(String s) {
        byte[] ip = new byte[16];
        int ellipsis = -1;
        int i = 0;
        if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            ellipsis = 0;
            i = 2;
            if (i == s.length()) {
                return ip;
            }
        }
        int j = 0;
        while (j < 16) {
            int n = 0;
            int digits = 0;
            int k = i;
            while (k < s.length() && digits < 5) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0) {
                    break;
                }
                n = n * 16 + d;
                digits++;
                k++;
            }
            if (digits == 0 || digits > 4) {
                return null;
            }
            if (k < s.length() && s.charAt(k) == '.') {
                if (ellipsis < 0 && j != 12) {
                    return null;
                }
                if (j + 4 > 16) {
                    return null;
                }
                byte[] v4 = parseIpv4(s.substring(i));
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, ip, j, 4);
                j += 4;
                i = s.length();
                break;
            }
            ip[j] = (byte) (n >> 8);
            ip[j + 1] = (byte) n;
            j += 2;
            i = k;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != ':' || i + 1 == s.length()) {
                return null;
            }
            i++;
            if (s.charAt(i) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = j;
                i++;
                if (i == s.length()) {
                    break;
                }
            }
        }
        if (i != s.length()) {
            return null;
        }
        if (j < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - j;
            for (int k = j - 1; k >= ellipsis; k--) {
                ip[k + n] = ip[k];
            }
            for (int k = ellipsis + n - 1; k >= ellipsis; k--) {
                ip[k] = 0;
            }
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }

    /** Go's {@code IP.String}: dotted IPv4 (also for v4-mapped), RFC 5952 IPv6. */
    public static String formatIp(byte[] ip) {
        byte[] v4 = to4(ip);
        if (v4 != null) {
            return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 16; i += 2) {
            int j = i;
            while (j < 16 && ip[j] == 0 && ip[j + 1] == 0) {
                j += 2;
            }
            if (j > i && j - i > bestLen && j - i >= 4) {
                bestStart = i;
                bestLen = j - i;
            }
            if (j > i) {
                i = j - 2;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 2;
                continue;
            }
            if (i > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(((ip[i] & 0xff) << 8) | (ip[i + 1] & 0xff)));
        }
        return sb.toString();
    }
}
