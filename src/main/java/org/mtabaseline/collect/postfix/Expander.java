package org.mtabaseline.collect.postfix;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.Source;

/**
 * Postfix parameter expansion: $name, ${name}, $(name), ${name?value}, ${name:value}, ${name?{a}:{b}}, $$.
 * Unknown names expand to the empty string, as Postfix does, with a diagnostic.
 */
final class Expander {
    private static final int MAX_DEPTH = 30;
    private static final int MAX_LENGTH = 1 << 20;

    private final Function<String, String> lookup;
    private final FactsBuilder facts;

    /** @param lookup raw value of a parameter (explicit or built-in default), or null when undefined */
    Expander(Function<String, String> lookup, FactsBuilder facts) {
        this.lookup = lookup;
        this.facts = facts;
    }

    String expand(String raw, Source at) {
        return expand(raw, at, 0, new ArrayDeque<>());
    }

    private String expand(String s, Source at, int depth, Deque<String> stack) {
        if (s == null || s.indexOf('$') < 0) {
            return s;
        }
        if (depth > MAX_DEPTH) {
            facts.warning("parameter expansion nested more than " + MAX_DEPTH + " levels; stopped", at, s);
            return s;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char d = s.charAt(i + 1);
            if (d == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            if (d == '{' || d == '(') {
                char close = d == '{' ? '}' : ')';
                int end = matching(s, i + 1, d, close);
                if (end < 0) {
                    facts.warning("unbalanced '" + d + "' in parameter expansion", at, s);
                    out.append(s, i, n);
                    break;
                }
                String inner = s.substring(i + 2, end);
                out.append(braced(inner, at, depth, stack));
                i = end + 1;
                continue;
            }
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            if (j == i + 1) {
                out.append(c);
                i++;
                continue;
            }
            out.append(value(s.substring(i + 1, j), at, depth, stack));
            i = j;
            if (out.length() > MAX_LENGTH) {
                facts.warning("parameter expansion grows beyond 1 MiB; stopped", at, s);
                break;
            }
        }
        return out.toString();
    }

    private String braced(String inner, Source at, int depth, Deque<String> stack) {
        int q = -1;
        for (int k = 0; k < inner.length(); k++) {
            char ch = inner.charAt(k);
            if (ch == '?' || ch == ':') {
                q = k;
                break;
            }
            if (!(Character.isLetterOrDigit(ch) || ch == '_')) {
                break;
            }
        }
        if (q < 0) {
            if (inner.startsWith("{")) {
                // ${{$x} == {y} ? {a} : {b}} (Postfix 3.0 relational form): evaluate only what we need.
                return relational(inner, at, depth, stack);
            }
            return value(inner, at, depth, stack);
        }
        String name = inner.substring(0, q);
        String rest = inner.substring(q + 1);
        String v = lookup.apply(name);
        String expanded = v == null ? "" : expand(v, at, depth + 1, stack);
        boolean set = !expanded.isBlank();
        String whenSet;
        String whenUnset;
        if (inner.charAt(q) == '?') {
            String[] alt = alternatives(rest);
            whenSet = alt[0];
            whenUnset = alt[1] == null ? "" : alt[1];
        } else {
            whenSet = "";
            whenUnset = unbrace(rest);
        }
        return expand(set ? whenSet : whenUnset, at, depth + 1, stack);
    }

    /** ${{A} op {B} ? {X} : {Y}} with op ==, !=, <, <=, >, >=, or a "level" comparison (compatibility levels). */
    private String relational(String inner, Source at, int depth, Deque<String> stack) {
        String s = inner.strip();
        int aEnd = matching(s, 0, '{', '}');
        if (aEnd < 0) {
            return unsupported(inner, at);
        }
        String a = expand(s.substring(1, aEnd), at, depth + 1, stack).strip();
        String rest = s.substring(aEnd + 1).strip();
        int bStart = rest.indexOf('{');
        if (bStart < 0) {
            return unsupported(inner, at);
        }
        String op = rest.substring(0, bStart).strip();
        int bEnd = matching(rest, bStart, '{', '}');
        if (bEnd < 0) {
            return unsupported(inner, at);
        }
        String b = expand(rest.substring(bStart + 1, bEnd), at, depth + 1, stack).strip();
        String tail = rest.substring(bEnd + 1).strip();
        if (!tail.startsWith("?")) {
            return unsupported(inner, at);
        }
        String[] alt = alternatives(tail.substring(1));
        boolean truth;
        try {
            truth = switch (op) {
                case "==" -> a.equals(b);
                case "!=" -> !a.equals(b);
                case "<", "<=", ">", ">=" -> compare(Double.parseDouble(a), Double.parseDouble(b), op);
                case "<level", "<=level", ">level", ">=level", "==level", "!=level" -> {
                    double[] x = PostfixDefaults.level(a);
                    double[] y = PostfixDefaults.level(b);
                    int c = x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]);
                    yield compare(c, 0, op.substring(0, op.length() - "level".length()));
                }
                default -> throw new NumberFormatException(op);
            };
        } catch (NumberFormatException e) {
            return unsupported(inner, at);
        }
        String chosen = truth ? alt[0] : (alt[1] == null ? "" : alt[1]);
        return expand(chosen, at, depth + 1, stack);
    }

    private static boolean compare(double x, double y, String op) {
        return switch (op) {
            case "<" -> x < y;
            case "<=" -> x <= y;
            case ">" -> x > y;
            case ">=" -> x >= y;
            case "==" -> x == y;
            default -> x != y;
        };
    }

    private String unsupported(String inner, Source at) {
        facts.warning("relational parameter expression not understood; kept unexpanded", at, "${" + inner + "}");
        return "${" + inner + "}";
    }

    /** "{a}:{b}" -> [a, b]; "a" -> [a, null]. */
    private static String[] alternatives(String rest) {
        String r = rest.strip();
        if (r.startsWith("{")) {
            int end = matching(r, 0, '{', '}');
            if (end > 0) {
                String a = r.substring(1, end);
                String tail = r.substring(end + 1).strip();
                if (tail.startsWith(":")) {
                    return new String[] {a, unbrace(tail.substring(1))};
                }
                return new String[] {a, null};
            }
        }
        return new String[] {rest, null};
    }

    private static String unbrace(String s) {
        String t = s.strip();
        if (t.startsWith("{") && t.endsWith("}") && matching(t, 0, '{', '}') == t.length() - 1) {
            return t.substring(1, t.length() - 1);
        }
        return s;
    }

    private String value(String name, Source at, int depth, Deque<String> stack) {
        if (stack.contains(name)) {
            facts.warning("parameter $" + name + " refers to itself", at, name);
            return "";
        }
        String v = lookup.apply(name);
        if (v == null) {
            facts.warning("undefined parameter $" + name + " expands to the empty string", at, "$" + name);
            return "";
        }
        stack.push(name);
        try {
            return expand(v, at, depth + 1, stack);
        } finally {
            stack.pop();
        }
    }

    private static int matching(String s, int open, char o, char c) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == o) {
                depth++;
            } else if (ch == c) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }
}
