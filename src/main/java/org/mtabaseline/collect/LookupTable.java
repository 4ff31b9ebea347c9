package org.mtabaseline.collect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A key/value lookup table supplied as text (Postfix hash:/texthash:/cidr: source files, Sendmail access,
 * inline:{...}): one entry per line, key then value, '#' comments, leading whitespace continues the value.
 */
public record LookupTable(String name, List<Entry> entries) {
    public record Entry(String key, String value, Source source) {
        public String action() {
            String v = value.strip();
            int sp = v.indexOf(' ');
            return (sp < 0 ? v : v.substring(0, sp)).toUpperCase(Locale.ROOT);
        }
    }

    public static LookupTable parse(ConfigFile f) {
        List<Entry> out = new ArrayList<>();
        String[] lines = f.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && !out.isEmpty()) {
                Entry last = out.remove(out.size() - 1);
                out.add(new Entry(last.key(), last.value() + " " + t, last.source()));
                continue;
            }
            int sp = indexOfWhitespace(t);
            String key = sp < 0 ? t : t.substring(0, sp);
            String value = sp < 0 ? "" : t.substring(sp).strip();
            out.add(new Entry(key, value, Source.of(f.name(), i + 1)));
        }
        return new LookupTable(f.name(), out);
    }

    /** inline:{ key=value, { key = value with spaces } } as Postfix writes it. */
    public static LookupTable inline(String body, Source at) {
        List<Entry> out = new ArrayList<>();
        String b = body.strip();
        if (b.startsWith("{") && b.endsWith("}")) {
            b = b.substring(1, b.length() - 1);
        }
        for (String item : splitTopLevel(b)) {
            String it = item.strip();
            if (it.startsWith("{") && it.endsWith("}")) {
                it = it.substring(1, it.length() - 1).strip();
            }
            int eq = it.indexOf('=');
            if (eq < 0) {
                continue;
            }
            out.add(new Entry(it.substring(0, eq).strip(), it.substring(eq + 1).strip(), at));
        }
        return new LookupTable("inline", out);
    }

    /** Splits on commas/whitespace outside braces. */
    public static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
            }
            if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            cur.append(c);
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
