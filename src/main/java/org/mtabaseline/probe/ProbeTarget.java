package org.mtabaseline.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint to probe: the name the operator gave, the single address it resolved to when it was admitted
 * (the probe never resolves again) and the port.
 */
public record ProbeTarget(String host, InetAddress address, int port) {

    /** "host:port" as the operator wrote it, IPv6 in brackets. */
    public String label() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean ipv6() {
        return address instanceof Inet6Address;
    }

    /** The SMTP address literal of the target (RFC 5321 4.1.3): [192.0.2.1] or [IPv6:2001:db8::1]. */
    public String addressLiteral() {
        String a = address.getHostAddress();
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        return ipv6() ? "[IPv6:" + a + "]" : "[" + a + "]";
    }

    /** A target as written in a request: host, host:port, IPv4:port, [IPv6]:port or a bare IPv6 address. */
    public record Spec(String host, Integer port) {
        public static Spec parse(String raw) {
            if (raw == null || raw.isBlank()) {
                throw new InvalidProbeOptionException("targets", "empty target");
            }
            String s = raw.trim();
            if (s.matches(".*[\\s<>/@].*")) {
                throw new InvalidProbeOptionException("targets", "not a host[:port]: " + raw);
            }
            if (s.startsWith("[")) {
                int close = s.indexOf(']');
                if (close < 0) {
                    throw new InvalidProbeOptionException("targets", "unclosed [ in " + raw);
                }
                String host = s.substring(1, close);
                String rest = s.substring(close + 1);
                if (rest.isEmpty()) {
                    return new Spec(host, null);
                }
                if (!rest.startsWith(":")) {
                    throw new InvalidProbeOptionException("targets", "not a host[:port]: " + raw);
                }
                return new Spec(host, port(rest.substring(1), raw));
            }
            int colons = s.length() - s.replace(":", "").length();
            if (colons > 1) {
                return new Spec(s, null); // bare IPv6 address
            }
            if (colons == 1) {
                int i = s.indexOf(':');
                return new Spec(s.substring(0, i), port(s.substring(i + 1), raw));
            }
            return new Spec(s, null);
        }

        private static int port(String p, String raw) {
            try {
                int n = Integer.parseInt(p);
                if (n >= 1 && n <= 65535) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
            throw new InvalidProbeOptionException("targets", "bad port in " + raw);
        }

        /** The ports this spec stands for: its own, or the run's default ports. */
        public List<Integer> ports(List<Integer> defaults) {
            return port != null ? List.of(port) : new ArrayList<>(defaults);
        }
    }
}
