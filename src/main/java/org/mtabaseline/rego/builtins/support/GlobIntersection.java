package org.mtabaseline.rego.builtins.support;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OPA's {@code regex.globs_match}: whether two simple patterns (literals, {@code .}, {@code [sets]},
 * each optionally followed by {@code *} or {@code +}, {@code \} escapes) match at least one common
 * string, as yashtewari/glob-intersection decides it. Decided exactly by reachability in the
 * product of the two patterns' automata (a step exists where both tokens accept a common char).
 */
public final class GlobIntersection {
    private GlobIntersection() {
    }

    /** Raised for a malformed pattern, with the library's message. */
    public static final class GlobIntersectionException extends IllegalArgumentException {
        public GlobIntersectionException(String message) {
            super(message);
        }
    }

    private enum Flag { NONE, PLUS, STAR }

    /** One token: dot (any char), or a set of code points (a literal is a one-element set). */
    private record Token(boolean dot, Set<Integer> chars, Flag flag) {
        Token withFlag(Flag f) {
            return new Token(dot, chars, f);
        }

        boolean intersects(Token o) {
            if (dot || o.dot) {
                return (dot || !chars.isEmpty()) && (o.dot || !o.chars.isEmpty());
            }
            for (int c : chars) {
                if (o.chars.contains(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    public static boolean nonEmpty(String lhs, String rhs) {
        List<Token> a = expand(tokenize(lhs));
        List<Token> b = expand(tokenize(rhs));
        Set<Long> seen = new HashSet<>();
        Deque<int[]> work = new ArrayDeque<>();
        work.push(new int[]{0, 0});
        while (!work.isEmpty()) {
            int[] s = work.pop();
            int i = s[0];
            int j = s[1];
            if (!seen.add(((long) i << 32) | j)) {
                continue;
            }
            if (i == a.size() && j == b.size()) {
                return true;
            }
            // epsilon: skip a starred token
            if (i < a.size() && a.get(i).flag == Flag.STAR) {
                work.push(new int[]{i + 1, j});
            }
            if (j < b.size() && b.get(j).flag == Flag.STAR) {
                work.push(new int[]{i, j + 1});
            }
            if (i < a.size() && j < b.size() && a.get(i).intersects(b.get(j))) {
                int ni = a.get(i).flag == Flag.STAR ? i : i + 1;
                int nj = b.get(j).flag == Flag.STAR ? j : j + 1;
                work.push(new int[]{ni, nj});
                // a starred token may also stop looping after this char
                if (a.get(i).flag == Flag.STAR) {
                    work.push(new int[]{i + 1, nj});
                }
                if (b.get(j).flag == Flag.STAR) {
                    work.push(new int[]{ni, j + 1});
                }
            }
        }
        return false;
    }

    /** X+ becomes X X*. */
    private static List<Token> expand(List<Token> tokens) {
        List<Token> out = new ArrayList<>();
        for (Token t : tokens) {
            if (t.flag == Flag.PLUS) {
                out.add(t.withFlag(Flag.NONE));
                out.add(t.withFlag(Flag.STAR));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    private static List<Token> tokenize(String input) {
        int[] runes = input.codePoints().toArray();
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < runes.length) {
            int r = runes[i];
            boolean escaped = false;
            if (r == '\\') {
                if (i == runes.length - 1) {
                    throw invalid(input, i, "input ends with a \\ (escape) character");
                }
                r = runes[i + 1];
                escaped = true;
                i += 2;
            } else {
                i++;
            }
            Token t;
            if (!escaped && r == '.') {
                t = new Token(true, Set.of(), Flag.NONE);
            } else if (!escaped && r == ']') {
                throw invalid(input, i, "set-close ']' with no preceding '['");
            } else if (!escaped && r == '[') {
                Set<Integer> set = new HashSet<>();
                boolean complete = false;
                boolean prevExists = false;
                int prev = 0;
                while (i < runes.length) {
                    int c = runes[i];
                    boolean esc = false;
                    if (c == '\\') {
                        if (i == runes.length - 1) {
                            throw invalid(input, i, "input ends with a \\ (escape) character");
                        }
                        c = runes[i + 1];
                        esc = true;
                        i += 2;
                    } else {
                        i++;
                    }
                    if (!esc && c == ']') {
                        complete = true;
                        break;
                    }
                    if (!esc && c == '-') {
                        if (!prevExists) {
                            throw invalid(input, i, "range character '-' must be preceded by a Unicode character");
                        }
                        if (i >= runes.length) {
                            throw invalid(input, i, "range character '-' must be followed by a Unicode character");
                        }
                        int hi = runes[i];
                        boolean hiEsc = false;
                        if (hi == '\\' && i + 1 < runes.length) {
                            hi = runes[i + 1];
                            hiEsc = true;
                            i += 2;
                        } else {
                            i++;
                        }
                        if (!hiEsc && (hi == ']' || hi == '-')) {
                            throw invalid(input, i, "range character '-' cannot be followed by a special symbol");
                        }
                        if (hi < prev) {
                            throw invalid(input, i, "range is out of order: '" + new String(Character.toChars(hi))
                                    + "' comes before '" + new String(Character.toChars(prev)) + "' in Unicode");
                        }
                        for (int x = prev; x <= hi; x++) {
                            set.add(x);
                        }
                        prevExists = false;
                        continue;
                    }
                    set.add(c);
                    prev = c;
                    prevExists = true;
                }
                if (!complete) {
                    throw invalid(input, i, "found [ without matching ]");
                }
                t = new Token(false, set, Flag.NONE);
            } else if (!escaped && (r == '+' || r == '*')) {
                throw invalid(input, i, "flag '" + (char) r + "' must be preceded by a non-flag");
            } else {
                t = new Token(false, Set.of(r), Flag.NONE);
            }
            if (i < runes.length && (runes[i] == '+' || runes[i] == '*')) {
                t = t.withFlag(runes[i] == '+' ? Flag.PLUS : Flag.STAR);
                i++;
            }
            tokens.add(t);
        }
        return tokens;
    }

    private static GlobIntersectionException invalid(String input, int pos, String message) {
        return new GlobIntersectionException("input:" + input + ", pos:" + pos + ", " + message
                + ": the input provided is invalid");
    }
}
