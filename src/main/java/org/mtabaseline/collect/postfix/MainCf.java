package org.mtabaseline.collect.postfix;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import java.util.regex.Pattern;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.Source;

/**
 * main.cf / `postconf -n` / full `postconf` output: logical lines (leading whitespace continues), '#' comments,
 * the last definition of a name wins. Values are kept raw; {@link Expander} expands them.
 */
final class MainCf {
    record Param(String raw, Source source) {
    }

    private static final Pattern POSTCONF_WARNING = Pattern.compile("^(postconf|postfix/[a-z]+): (warning|fatal|error): .*");

    private MainCf() {
    }

    /** Parses one file into params (later lines override earlier ones already in {@code into}). */
    static void parse(ConfigFile f, Map<String, Param> into, FactsBuilder facts) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        logicalLines(f, "continuation line without a preceding parameter", facts,
                (text, line) -> define(f, text, line, into, seen, facts));
    }

    /**
     * Postfix's logical lines, shared by main.cf and master.cf: a line that starts with white space continues
     * the previous one; blank and '#' lines end nothing and are skipped. Hands each joined line with its first
     * line number to {@code each}; a continuation with nothing to continue is a warning named {@code orphan}.
     */
    static void logicalLines(ConfigFile f, String orphan, FactsBuilder facts, ObjIntConsumer<String> each) {
        String[] lines = f.content().split("\n", -1);
        StringBuilder logical = null;
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? stripCr(lines[i]) : null;
            boolean continuation = line != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))
                    && !line.stripLeading().startsWith("#");
            if (continuation && logical != null) {
                logical.append(' ').append(line.strip());
                continue;
            }
            if (logical != null) {
                each.accept(logical.toString(), start);
                logical = null;
            }
            if (line == null) {
                break;
            }
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (continuation) {
                facts.warning(orphan, Source.of(f.name(), i + 1), t);
                continue;
            }
            logical = new StringBuilder(t);
            start = i + 1;
        }
    }

    private static void define(ConfigFile f, String text, int line, Map<String, Param> into, Map<String, Integer> seen,
            FactsBuilder facts) {
        Source at = Source.of(f.name(), line);
        if (text.startsWith("post") && POSTCONF_WARNING.matcher(text).matches()) {
            facts.warning("postconf reported: " + text, at, text);
            return;
        }
        int eq = text.indexOf('=');
        String name = eq <= 0 ? "" : text.substring(0, eq).strip();
        if (eq <= 0 || !isName(name)) {
            facts.warning("not a Postfix 'name = value' line; ignored", at, text);
            return;
        }
        String value = text.substring(eq + 1).strip();
        Integer earlier = seen.put(name, line);
        if (earlier != null) {
            facts.warning("parameter " + name + " defined again (line " + earlier + "); the later definition wins",
                    at, name);
        }
        into.put(name, new Param(value, at));
    }

    private static boolean isName(String n) {
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return !n.isEmpty();
    }

    static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
