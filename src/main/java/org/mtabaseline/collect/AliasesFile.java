package org.mtabaseline.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The local aliases file as aliases(5) defines it for Postfix and Sendmail: {@code name: value, value}, '#' comments,
 * a line starting with whitespace continues the previous entry. Names are case-insensitive; the first entry for a
 * name wins, as newaliases keeps it. Lines without a colon are reported, not guessed at.
 */
public record AliasesFile(String name, Map<String, Entry> entries) {
    /** One alias: its targets (addresses, /files, |commands, :include:lists) in file order, where it was written. */
    public record Entry(String alias, List<String> targets, Source source) {
    }

    /** Map types whose source is the aliases(5) text file (newaliases/postalias build the indexed ones from it). */
    private static final Set<String> FILE_TYPES = Set.of("", "hash", "btree", "lmdb", "cdb", "dbm", "sdbm", "texthash",
            "implicit");

    /**
     * Reads the aliases files a setting names ({@code type:path} or a bare path, as Postfix's alias_maps and
     * Sendmail's AliasFile write them) into {@code alias:<name>} settings; the first file with a name wins, as the
     * delivery agent looks them up. A file not supplied, or a network lookup (ldap:, nis:), is recorded as
     * unresolved only when the administrator configured it ({@code explicit}): the built-in default is reported by
     * the aliases control, not as a gap in every run.
     */
    public static void collect(String setting, List<String> references, Source at, boolean explicit,
            SuppliedFiles supplied, FactsBuilder facts) {
        Map<String, Entry> found = new LinkedHashMap<>();
        for (String ref : references) {
            String table = ref.startsWith("proxy:") ? ref.substring("proxy:".length()) : ref;
            int colon = table.indexOf(':');
            boolean typed = colon > 0 && !table.startsWith("/");
            String type = typed ? table.substring(0, colon).toLowerCase(Locale.ROOT) : "";
            String path = typed ? table.substring(colon + 1) : table;
            if (!FILE_TYPES.contains(type)) {
                if (explicit) {
                    facts.unresolved(new Unresolved(setting, ref, "lookup type '" + type + "' is not evaluated", at, null));
                }
                continue;
            }
            var file = supplied.find(path);
            if (file.isEmpty()) {
                if (explicit) {
                    facts.unresolved(new Unresolved(setting, ref, "aliases file content not supplied", at, null));
                }
                continue;
            }
            facts.role(file.get().name(), "aliases");
            parse(file.get(), facts).entries().forEach(found::putIfAbsent);
        }
        found.forEach((name, e) -> facts.setting("alias:" + name, Setting.of(e.targets(), e.source())));
    }

    public static AliasesFile parse(ConfigFile f, FactsBuilder facts) {
        Map<String, Entry> out = new LinkedHashMap<>();
        String[] lines = f.content().split("\n", -1);
        StringBuilder logical = null;
        int start = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].replace("\r", "") : null;
            boolean continuation = line != null && !line.isEmpty() && Character.isWhitespace(line.charAt(0))
                    && !line.isBlank() && !line.stripLeading().startsWith("#");
            if (continuation && logical != null) {
                logical.append(' ').append(line.strip());
                continue;
            }
            if (logical != null) {
                entry(f, logical.toString(), start, out, facts);
                logical = null;
            }
            if (line == null || line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (continuation) {
                facts.warning("continuation line without an alias before it", Source.of(f.name(), i + 1), line.strip());
                continue;
            }
            logical = new StringBuilder(line.strip());
            start = i + 1;
        }
        return new AliasesFile(f.name(), out);
    }

    private static void entry(ConfigFile f, String text, int line, Map<String, Entry> out, FactsBuilder facts) {
        Source at = Source.of(f.name(), line);
        int colon = nameEnd(text);
        if (colon <= 0) {
            facts.warning("aliases entry without 'name:' ignored", at, abbreviate(text));
            return;
        }
        String alias = unquote(text.substring(0, colon).strip()).toLowerCase(Locale.ROOT);
        List<String> targets = new ArrayList<>();
        for (String t : splitTargets(text.substring(colon + 1))) {
            targets.add(t);
        }
        if (targets.isEmpty()) {
            facts.warning("alias '" + alias + "' has no target", at, abbreviate(text));
        }
        out.putIfAbsent(alias, new Entry(alias, List.copyOf(targets), at));
    }

    /** Index of the colon that ends the name; a quoted name may contain colons. */
    private static int nameEnd(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            } else if (Character.isWhitespace(c) && !quoted) {
                return -1; // 'name value' is access-table syntax, not an alias
            }
        }
        return -1;
    }

    /** Comma-separated targets; commas inside double quotes ("|/usr/bin/prog a,b") do not split. */
    static List<String> splitTargets(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                add(out, cur);
                continue;
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String t = unquote(cur.toString().strip());
        if (!t.isEmpty()) {
            out.add(t);
        }
        cur.setLength(0);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
