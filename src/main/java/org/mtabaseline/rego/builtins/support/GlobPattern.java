package org.mtabaseline.rego.builtins.support;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A glob pattern with gobwas/glob semantics (the library behind OPA's {@code glob.match}), compiled
 * to an anchored {@link Pattern}. {@code *} matches any run of non-separator characters, {@code **}
 * any run at all, {@code ?} one non-separator character, {@code [a-z]}, {@code [!abc]} character
 * classes, {@code {a,b}} alternatives and {@code \} escapes the next character.
 */
public final class GlobPattern {

    private static final String SPECIALS = "*?\\[]{}";

    private final Pattern regex;

    private GlobPattern(Pattern regex) {
        this.regex = regex;
    }

    /** Compiles {@code pattern}; separators may be empty (then {@code *} crosses everything). */
    public static GlobPattern compile(String pattern, List<Integer> separators) {
        return new GlobPattern(Pattern.compile(new Translator(pattern, separators).translate(), Pattern.DOTALL));
    }

    public boolean matches(String text) {
        return regex.matcher(text).matches();
    }

    /** gobwas {@code QuoteMeta}: escapes the glob metacharacters. */
    public static String quoteMeta(String text) {
        StringBuilder out = new StringBuilder(text.length() * 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SPECIALS.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Raised for a malformed glob, with gobwas' message. */
    public static final class GlobSyntaxException extends IllegalArgumentException {
        public GlobSyntaxException(String message) {
            super(message);
        }
    }

    private static final class Translator {
        private final int[] cps;
        private final String notSeparator;
        private int pos;

        Translator(String pattern, List<Integer> separators) {
            this.cps = pattern.codePoints().toArray();
            if (separators.isEmpty()) {
                notSeparator = ".";
            } else {
                StringBuilder sb = new StringBuilder("[^");
                for (int sep : separators) {
                    sb.append(literal(sep));
                }
                notSeparator = sb.append(']').toString();
            }
        }

        String translate() {
            StringBuilder out = new StringBuilder();
            sequence(out, 0);
            if (pos < cps.length) {
                throw new GlobSyntaxException("unexpected end of input");
            }
            return out.toString();
        }

        /** Parses terms until end of input or, inside {@code {}} (depth > 0), a ',' or '}'. */
        private void sequence(StringBuilder out, int depth) {
            while (pos < cps.length) {
                int c = cps[pos];
                if (depth > 0 && (c == ',' || c == '}')) {
                    return;
                }
                pos++;
                switch (c) {
                    case '*' -> {
                        if (pos < cps.length && cps[pos] == '*') {
                            pos++;
                            out.append(".*");
                        } else {
                            out.append(notSeparator).append('*');
                        }
                    }
                    case '?' -> out.append(notSeparator);
                    case '[' -> charClass(out);
                    case '{' -> alternatives(out, depth + 1);
                    case '\\' -> {
                        if (pos < cps.length) {
                            out.append(literal(cps[pos++]));
                        }
                    }
                    default -> out.append(literal(c));
                }
            }
        }

        private void alternatives(StringBuilder out, int depth) {
            out.append("(?:");
            while (true) {
                sequence(out, depth);
                if (pos >= cps.length) {
                    throw new GlobSyntaxException("unexpected end of input");
                }
                int c = cps[pos++];
                if (c == '}') {
                    out.append(')');
                    return;
                }
                out.append('|');
            }
        }

        private void charClass(StringBuilder out) {
            boolean negated = false;
            if (pos < cps.length && cps[pos] == '!') {
                negated = true;
                pos++;
            }
            if (pos + 1 < cps.length && cps[pos + 1] == '-') {
                int lo = cps[pos];
                pos += 2;
                if (pos >= cps.length) {
                    throw new GlobSyntaxException("unexpected end of input");
                }
                int hi = cps[pos++];
                expectClose();
                out.append(negated ? "[^" : "[").append(literal(lo)).append('-').append(literal(hi)).append(']');
                return;
            }
            StringBuilder chars = new StringBuilder();
            boolean escaped = false;
            while (true) {
                if (pos >= cps.length) {
                    throw new GlobSyntaxException("unexpected end of input");
                }
                int c = cps[pos];
                if (!escaped && c == '\\') {
                    escaped = true;
                    pos++;
                    continue;
                }
                if (!escaped && c == ']') {
                    break;
                }
                escaped = false;
                chars.append(literal(c));
                pos++;
            }
            expectClose();
            if (chars.isEmpty()) {
                // gobwas requires a non-empty class; an empty one can never match.
                out.append(negated ? "(?s:.)" : "(?!)");
                return;
            }
            out.append(negated ? "[^" : "[").append(chars).append(']');
        }

        private void expectClose() {
            if (pos >= cps.length) {
                throw new GlobSyntaxException("unexpected end of input");
            }
            if (cps[pos] != ']') {
                throw new GlobSyntaxException("expected close range character");
            }
            pos++;
        }

        private static String literal(int cp) {
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                return Character.toString(cp);
            }
            return "\\x{" + Integer.toHexString(cp) + "}";
        }
    }
}
