package org.mtabaseline.collect.postfix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.Source;

/**
 * master.cf (or `postconf -M` / `postconf -P` output): one service per logical line, `-o name=value` and
 * `-o { name = value }` overrides.
 */
final class MasterCf {
    record Service(String name, String type, String command, List<String> args, Map<String, MainCf.Param> overrides,
            Source source) {
        String key() {
            return name + "/" + type;
        }
    }

    private static final Pattern P_LINE = Pattern.compile("^([^/\\s]+)/([a-z-]+)/([A-Za-z0-9_]+)\\s*=\\s?(.*)$");

    private MasterCf() {
    }

    /** True when the file is `postconf -P` output (service/type/parameter = value lines). */
    static boolean isPostconfP(ConfigFile f) {
        int hits = 0;
        for (String l : f.content().split("\n", 5000)) {
            String t = l.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.indexOf('/') < 0 || !P_LINE.matcher(t).matches()) {
                return false; // every line of `postconf -P` output is service/type/parameter = value
            }
            hits++;
        }
        return hits > 0;
    }

    static void parsePostconfP(ConfigFile f, Map<String, Service> services, FactsBuilder facts) {
        String[] lines = f.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = MainCf.stripCr(lines[i]).strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            Matcher m = P_LINE.matcher(t);
            if (!m.matches()) {
                continue;
            }
            Source at = Source.of(f.name(), i + 1);
            String key = m.group(1) + "/" + m.group(2);
            Service s = services.computeIfAbsent(key, k -> new Service(m.group(1), m.group(2),
                    m.group(2).equals("inet") ? "smtpd" : "", new ArrayList<>(), new LinkedHashMap<>(), at));
            s.overrides().put(m.group(3), new MainCf.Param(m.group(4).strip(), at));
        }
    }

    static void parse(ConfigFile f, Map<String, Service> services, FactsBuilder facts) {
        MainCf.logicalLines(f, "master.cf continuation line without a service", facts,
                (text, line) -> service(f, text, line, services, facts));
    }

    private static void service(ConfigFile f, String text, int line, Map<String, Service> services, FactsBuilder facts) {
        Source at = Source.of(f.name(), line);
        List<String> tokens = tokens(text);
        if (tokens.size() < 8) {
            facts.warning("master.cf entry needs 8 fields (service type private unpriv chroot wakeup maxproc command);"
                    + " ignored", at, text);
            return;
        }
        String name = tokens.get(0);
        String type = tokens.get(1);
        String command = tokens.get(7);
        List<String> args = new ArrayList<>();
        Map<String, MainCf.Param> overrides = new LinkedHashMap<>();
        for (int k = 8; k < tokens.size(); k++) {
            String tok = tokens.get(k);
            if (tok.equals("-o") && k + 1 < tokens.size()) {
                String kv = tokens.get(++k);
                if (kv.startsWith("{") && kv.endsWith("}")) {
                    kv = kv.substring(1, kv.length() - 1).strip();
                }
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    facts.warning("-o without name=value", at, kv);
                    continue;
                }
                overrides.put(kv.substring(0, eq).strip(), new MainCf.Param(kv.substring(eq + 1).strip(), at));
            } else if (tok.startsWith("-o") && tok.length() > 2 && tok.indexOf('=') > 2) {
                String kv = tok.substring(2);
                int eq = kv.indexOf('=');
                overrides.put(kv.substring(0, eq).strip(), new MainCf.Param(kv.substring(eq + 1).strip(), at));
            } else {
                args.add(tok);
            }
        }
        Service s = new Service(name, type, command, args, overrides, at);
        Service old = services.put(s.key(), s);
        if (old != null) {
            facts.warning("service " + s.key() + " defined again (line " + old.source().line()
                    + "); the later entry wins", at, name + " " + type);
        }
    }

    /** Whitespace-separated fields where `{ ... }` groups (Postfix 3.0+) form one field. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (s.charAt(i) == '{') {
                int depth = 0;
                int j = i;
                for (; j < n; j++) {
                    if (s.charAt(j) == '{') {
                        depth++;
                    } else if (s.charAt(j) == '}' && --depth == 0) {
                        break;
                    }
                }
                out.add(s.substring(i, Math.min(j + 1, n)));
                i = j + 1;
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
