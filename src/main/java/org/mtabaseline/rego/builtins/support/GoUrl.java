package org.mtabaseline.rego.builtins.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Go's {@code net/url.Parse}: the parts of a URL, or an error with Go's message. */
public record GoUrl(String scheme, String opaque, String userinfo, String host, String path, String rawPath,
                    String rawQuery, String fragment) {

    /** Raised for a URL Go's net/url refuses; the message is Go's ({@code parse "...": ...}). */
    public static final class GoUrlException extends IllegalArgumentException {
        public GoUrlException(String message) {
            super(message);
        }
    }

    private enum Mode { PATH, HOST, ZONE, USERINFO, QUERY, FRAGMENT }

    public static GoUrl parse(String raw) {
        try {
            return doParse(raw);
        } catch (IllegalStateException e) {
            throw new GoUrlException("parse " + GoFormat.quote(raw, false) + ": " + e.getMessage());
        }
    }

    /** Host without port and brackets. */
    public String hostname() {
        String h = host;
        int colon = portColon(h);
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    public String port() {
        int colon = portColon(host);
        return colon >= 0 ? host.substring(colon + 1) : "";
    }

    private static int portColon(String h) {
        int colon = h.lastIndexOf(':');
        if (colon < 0 || (h.startsWith("[") && colon < h.indexOf(']'))) {
            return -1;
        }
        String p = h.substring(colon + 1);
        return p.chars().allMatch(c -> c >= '0' && c <= '9') ? colon : -1;
    }

    private static GoUrl doParse(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalStateException("net/url: invalid control character in URL");
            }
        }
        String rest = raw;
        String fragment = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = unescape(rest.substring(hash + 1), Mode.FRAGMENT);
            rest = rest.substring(0, hash);
        }
        if (raw.isEmpty()) {
            return new GoUrl("", "", "", "", "", "", "", "");
        }
        String scheme = "";
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isLetter(c) && c < 128) {
                continue;
            }
            if (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new IllegalStateException("missing protocol scheme");
                }
                scheme = rest.substring(0, i).toLowerCase(java.util.Locale.ROOT);
                rest = rest.substring(i + 1);
            }
            break;
        }
        String rawQuery = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                rawQuery = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, rest, "", "", "", "", rawQuery, fragment);
            }
            int colon = rest.indexOf(':');
            int slash = rest.indexOf('/');
            if (colon >= 0 && (slash < 0 || colon < slash)) {
                throw new IllegalStateException("first path segment in URL cannot contain colon");
            }
        }
        String userinfo = "";
        String host = "";
        if (rest.startsWith("//") && !(scheme.isEmpty() && rest.startsWith("///"))) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash >= 0 ? authority.substring(slash) : "";
            authority = slash >= 0 ? authority.substring(0, slash) : authority;
            int at = authority.lastIndexOf('@');
            String hostPart = authority;
            if (at >= 0) {
                String ui = authority.substring(0, at);
                if (!validUserinfo(ui)) {
                    throw new IllegalStateException("net/url: invalid userinfo");
                }
                userinfo = unescape(ui, Mode.USERINFO);
                hostPart = authority.substring(at + 1);
            }
            host = parseHost(hostPart);
        }
        String path = unescape(rest, Mode.PATH);
        return new GoUrl(scheme, "", userinfo, host, path, escapedPath(rest), rawQuery, fragment);
    }

    private static String parseHost(String host) {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0) {
                throw new IllegalStateException("missing ']' in host");
            }
            String colonPort = host.substring(close + 1);
            if (!validOptionalPort(colonPort)) {
                throw new IllegalStateException("invalid port " + GoFormat.quote(colonPort, false) + " after host");
            }
            return "[" + unescape(host.substring(1, close), Mode.HOST) + "]" + colonPort;
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String colonPort = host.substring(colon);
            if (!validOptionalPort(colonPort)) {
                throw new IllegalStateException("invalid port " + GoFormat.quote(colonPort, false) + " after host");
            }
        }
        return unescape(host, Mode.HOST);
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        if (port.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean validUserinfo(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                continue;
            }
            if ("-._:~!$&'()*+,;=%@".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The path as Go's EscapedPath shows it: escapes kept only where the character needs them. */
    private static String escapedPath(String rawPath) {
        StringBuilder b = new StringBuilder();
        byte[] src = rawPath.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < src.length; i++) {
            int c = src[i] & 0xff;
            if (c == '%' && i + 2 < src.length) {
                int decoded = Integer.parseInt("" + (char) src[i + 1] + (char) src[i + 2], 16);
                boolean subDelim = "!$&'()*+,;=:@".indexOf(decoded) >= 0;
                if (decoded == '/' || decoded >= 0x80 || (!subDelim && shouldEscape(decoded, Mode.PATH))) {
                    out.write(src, i, 3);
                } else {
                    out.write(decoded);
                }
                i += 2;
            } else if (c < 0x80 && "!$&'()*+,;=:@[]".indexOf(c) < 0 && shouldEscape(c, Mode.PATH)) {
                out.writeBytes(String.format("%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(c);
            }
        }
        b.append(out.toString(StandardCharsets.UTF_8));
        return b.toString();
    }

    private static boolean shouldEscape(int c, Mode mode) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return false;
        }
        if (mode == Mode.HOST || mode == Mode.ZONE) {
            return "!$&'()*+,;=:[]<>\"".indexOf(c) < 0 && c != '-' && c != '_' && c != '.' && c != '~';
        }
        switch (c) {
            case '-', '_', '.', '~':
                return false;
            case '$', '&', '+', ',', '/', ':', ';', '=', '?', '@':
                return switch (mode) {
                    case PATH -> c == '?';
                    case USERINFO -> c == '@' || c == '/' || c == '?' || c == ':';
                    case QUERY -> true;
                    case FRAGMENT -> false;
                    default -> true;
                };
            default:
                break;
        }
        if (mode == Mode.FRAGMENT) {
            return "!()*".indexOf(c) < 0;
        }
        return true;
    }

    /** Go's unescape: %XX decoding with host-specific restrictions. */
    private static String unescape(String s, Mode mode) {
        byte[] src = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < src.length; i++) {
            int c = src[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= src.length || Character.digit(src[i + 1], 16) < 0 || Character.digit(src[i + 2], 16) < 0) {
                    String bad = new String(src, i, Math.min(3, src.length - i), StandardCharsets.UTF_8);
                    throw new IllegalStateException("invalid URL escape " + GoFormat.quote(bad, false));
                }
                int hi = Character.digit(src[i + 1], 16);
                if (mode == Mode.HOST && hi < 8 && !(src[i + 1] == '2' && src[i + 2] == '5')) {
                    throw new IllegalStateException("invalid URL escape "
                            + GoFormat.quote(new String(src, i, 3, StandardCharsets.UTF_8), false));
                }
                out.write(hi << 4 | Character.digit(src[i + 2], 16));
                i += 2;
            } else {
                if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
                    throw new IllegalStateException("invalid character " + GoFormat.quote(String.valueOf((char) c), false)
                            + " in host name");
                }
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
