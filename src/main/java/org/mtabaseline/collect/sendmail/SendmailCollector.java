package org.mtabaseline.collect.sendmail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtabaseline.collect.AddressScope;
import org.mtabaseline.collect.AliasesFile;
import org.mtabaseline.collect.Clients;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.ConfigParseException;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.LookupTable;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.Recipients;
import org.mtabaseline.collect.RelayPolicy;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;
import org.mtabaseline.collect.Setting;
import org.mtabaseline.collect.Source;
import org.mtabaseline.collect.SuppliedFiles;
import org.mtabaseline.collect.Unresolved;

/**
 * Sendmail: sendmail.mc (m4 FEATURE/define/DAEMON_OPTIONS/RELAY_DOMAIN..., dnl, `quotes'), sendmail.cf (O options,
 * C/F classes, K maps, VERSIONID feature headers), the access file and relay-domains, when supplied as text.
 */
public final class SendmailCollector implements MtaCollector {
    static final Set<String> RELAY_FEATURES = Set.of("promiscuous_relay", "relay_entire_domain", "relay_based_on_mx",
            "relay_local_from", "relay_mail_from", "loose_relay_check", "accept_unresolvable_domains",
            "relay_hosts_only", "accept_unqualified_senders");
    private static final Pattern MACRO = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\(");
    private static final Pattern FEATURE_HEADER = Pattern.compile("^#+\\s+\\$Id: ([A-Za-z0-9_]+)\\.m4.*");
    private static final Map<String, String> OPTION_OF_DEFINE = Map.ofEntries(
            Map.entry("confPRIVACY_FLAGS", "PrivacyOptions"), Map.entry("confSMTP_LOGIN_MSG", "SmtpGreetingMessage"),
            Map.entry("confAUTH_OPTIONS", "AuthOptions"), Map.entry("confMAX_MESSAGE_SIZE", "MaxMessageSize"),
            Map.entry("confAUTH_MECHANISMS", "AuthMechanisms"), Map.entry("confSERVER_CERT", "ServerCertFile"),
            Map.entry("confSERVER_KEY", "ServerKeyFile"), Map.entry("confMAX_RCPTS_PER_MESSAGE", "MaxRecipientsPerMessage"),
            Map.entry("confCONNECTION_RATE_THROTTLE", "ConnectionRateThrottle"), Map.entry("confMAX_DAEMON_CHILDREN", "MaxDaemonChildren"),
            Map.entry("confDONT_PROBE_INTERFACES", "DontProbeInterfaces"), Map.entry("ALIAS_FILE", "AliasFile"), Map.entry("confTLS_SRV_OPTIONS", "TLSSrvOptions"));
    private static final Map<String, Integer> PORTS = Map.of("smtp", 25, "submission", 587, "smtps", 465, "465", 465);

    /** What the files say, MTA-neutral enough to build listeners and rules from. */
    private static final class Model {
        final Set<String> features = new LinkedHashSet<>();
        final Map<String, Source> featureSource = new LinkedHashMap<>();
        final List<String[]> daemons = new ArrayList<>(); // text, file, line
        final List<Source> daemonSources = new ArrayList<>();
        final List<String> relayDomains = new ArrayList<>();
        final List<Source> relayDomainSources = new ArrayList<>();
        final List<String> relayDomainFiles = new ArrayList<>();
        final List<Source> relayDomainFileSources = new ArrayList<>();
        String accessMap;
        Source accessSource;
        String trustAuth;
        Source trustAuthSource;
        boolean sawConfig;
    }

    @Override
    public MtaKind kind() {
        return MtaKind.SENDMAIL;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        FactsBuilder facts = new FactsBuilder(MtaKind.SENDMAIL);
        Model m = new Model();
        List<ConfigFile> extra = new ArrayList<>();
        for (ConfigFile f : files) {
            String b = f.baseName().toLowerCase(Locale.ROOT);
            if (b.endsWith(".mc") || b.endsWith(".m4")) {
                facts.source(f, "sendmail.mc");
                mc(f, m, facts);
            } else if (b.endsWith(".cf") || looksLikeCf(f)) {
                facts.source(f, "sendmail.cf");
                cf(f, m, facts);
            } else if (looksLikeMc(f)) {
                facts.source(f, "sendmail.mc");
                mc(f, m, facts);
            } else {
                facts.source(f, b.contains("access") ? "access" : b.contains("relay") ? "relay-domains" : "table");
                extra.add(f);
            }
        }
        if (!m.sawConfig) {
            throw new ConfigParseException(files.get(0).name(), null,
                    "no sendmail.mc or sendmail.cf among the supplied files (only tables)");
        }
        build(m, new SuppliedFiles(extra), extra, facts);
        return facts.build();
    }

    static boolean looksLikeCf(ConfigFile f) {
        int o = 0;
        for (String l : f.content().split("\n", 2000)) {
            if (l.startsWith("O ") && l.contains("=") || l.startsWith("Kaccess") || l.startsWith("C{") || l.startsWith("S")
                    && l.matches("S\\d+.*")) {
                o++;
            }
        }
        return o >= 3;
    }

    static boolean looksLikeMc(ConfigFile f) {
        return f.content().contains("FEATURE(") || f.content().contains("DAEMON_OPTIONS(") || f.content().contains("OSTYPE(");
    }

    // ---------- .mc ----------

    private static void mc(ConfigFile f, Model m, FactsBuilder facts) {
        m.sawConfig = true;
        String[] lines = f.content().split("\n", -1);
        StringBuilder text = new StringBuilder();
        int[] lineOf = new int[f.content().length() + lines.length + 1];
        int pos = 0;
        boolean rawCf = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replace("\r", "");
            String t = l.strip();
            if (t.startsWith("LOCAL_CONFIG") || t.startsWith("LOCAL_RULESETS") || t.startsWith("LOCAL_RULE_")
                    || t.startsWith("LOCAL_NET_CONFIG")) {
                if (!t.startsWith("LOCAL_CONFIG")) {
                    facts.warning("raw sendmail.cf rulesets in the .mc are not evaluated", Source.of(f.name(), i + 1), t);
                }
                rawCf = true;
                l = "";
            } else if (rawCf && l.matches("^[A-Z][^(]*$") && !l.startsWith("FEATURE") && !l.startsWith("MAILER")) {
                // a literal sendmail.cf line inside LOCAL_CONFIG (m4 keeps expanding macros around it)
                cfLine(f, l, i + 1, m, facts);
                l = "";
            }
            int dnl = indexOfDnl(l);
            if (dnl >= 0) {
                l = l.substring(0, dnl);
            }
            if (l.stripLeading().startsWith("#")) {
                l = "";
            }
            for (int k = 0; k < l.length(); k++) {
                lineOf[pos++] = i + 1;
            }
            text.append(l);
            lineOf[pos++] = i + 1;
            text.append('\n');
        }
        String s = text.toString();
        Matcher mm = MACRO.matcher(s);
        int from = 0;
        while (mm.find(from)) {
            int open = mm.end() - 1;
            int close = closing(s, open);
            int line = lineOf[Math.min(mm.start(), Math.max(0, pos - 1))];
            Source at = Source.of(f.name(), line);
            if (close < 0) {
                facts.warning("unbalanced parentheses in m4 macro call", at, mm.group(1));
                break;
            }
            macro(mm.group(1), args(s.substring(open + 1, close)), at, m, facts, s.substring(mm.start(), close + 1));
            from = close + 1;
        }
    }

    private static int indexOfDnl(String l) {
        int i = l.indexOf("dnl");
        while (i >= 0) {
            boolean startOk = i == 0 || !Character.isLetterOrDigit(l.charAt(i - 1)) && l.charAt(i - 1) != '_';
            boolean endOk = i + 3 >= l.length() || !Character.isLetterOrDigit(l.charAt(i + 3));
            if (startOk && endOk && !insideQuotes(l, i)) {
                return i;
            }
            i = l.indexOf("dnl", i + 3);
        }
        return -1;
    }

    private static boolean insideQuotes(String l, int idx) {
        int depth = 0;
        for (int k = 0; k < idx; k++) {
            if (l.charAt(k) == '`') {
                depth++;
            } else if (l.charAt(k) == '\'' && depth > 0) {
                depth--;
            }
        }
        return depth > 0;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        int quote = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '`') {
                quote++;
            } else if (c == '\'' && quote > 0) {
                quote--;
            } else if (quote == 0 && c == '(') {
                depth++;
            } else if (quote == 0 && c == ')') {
                if (--depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** m4 arguments: top-level commas, one level of `quotes' removed, leading blanks dropped. */
    static List<String> args(String inner) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int quote = 0;
        int paren = 0;
        for (int k = 0; k < inner.length(); k++) {
            char c = inner.charAt(k);
            if (c == '`') {
                if (quote++ == 0) {
                    continue;
                }
            } else if (c == '\'' && quote > 0) {
                if (--quote == 0) {
                    continue;
                }
            } else if (quote == 0 && c == '(') {
                paren++;
            } else if (quote == 0 && c == ')') {
                paren--;
            } else if (quote == 0 && paren == 0 && c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        out.add(cur.toString().strip());
        return out;
    }

    private static void macro(String name, List<String> a, Source at, Model m, FactsBuilder facts, String text) {
        String first = a.isEmpty() ? "" : a.get(0);
        switch (name) {
            case "FEATURE" -> {
                String feat = first.toLowerCase(Locale.ROOT);
                m.features.add(feat);
                m.featureSource.putIfAbsent(feat, at);
                if (feat.equals("access_db")) {
                    m.accessMap = a.size() > 1 && !a.get(1).isBlank() ? a.get(1) : "hash /etc/mail/access";
                    m.accessSource = at;
                }
                facts.setting("FEATURE(" + first + ")", Setting.of(a.size() > 1 ? a.subList(1, a.size()) : List.of(), at));
            }
            case "define" -> {
                String key = first;
                String value = a.size() > 1 ? a.get(1) : "";
                facts.setting(key, Setting.of(value, at));
                String opt = OPTION_OF_DEFINE.get(key);
                if (opt != null) {
                    facts.setting(opt, Setting.of(value, at));
                }
            }
            case "undefine" -> facts.settings().remove(first);
            case "DAEMON_OPTIONS" -> {
                m.daemons.add(new String[] {first});
                m.daemonSources.add(at);
            }
            case "RELAY_DOMAIN" -> {
                for (String d : first.split("[\\s,]+")) {
                    if (!d.isBlank()) {
                        m.relayDomains.add(d);
                        m.relayDomainSources.add(at);
                    }
                }
            }
            case "RELAY_DOMAIN_FILE" -> {
                m.relayDomainFiles.add(first.replaceFirst("^-o\\s+", ""));
                m.relayDomainFileSources.add(at);
            }
            case "TRUST_AUTH_MECH" -> {
                m.trustAuth = first;
                m.trustAuthSource = at;
                facts.setting("TRUST_AUTH_MECH", Setting.of(first, at));
            }
            case "include" -> {
                if (!first.endsWith("/cf.m4")) {
                    facts.unresolved(new Unresolved("include", first, "included m4 file not supplied; it may add"
                            + " FEATUREs or relay classes", at, null));
                }
            }
            case "OSTYPE", "DOMAIN", "MAILER", "VERSIONID", "divert", "MASQUERADE_AS", "MASQUERADE_DOMAIN",
                    "LOCAL_DOMAIN", "SMART_HOST", "EXPOSED_USER", "MAILER_DEFINITIONS", "GENERICS_DOMAIN",
                    "LOCAL_USER", "CANONIFY_DOMAIN", "MODIFY_MAILER_FLAGS", "CLIENT_OPTIONS", "INPUT_MAIL_FILTER",
                    "MAIL_FILTER", "SITECONFIG", "ifdef", "ifelse", "dnl", "LUSER_RELAY", "ALIAS_FILE",
                    "EXPOSED_USER_FILE", "MASQUERADE_EXCEPTION", "GENERICS_DOMAIN_FILE", "VIRTUSER_DOMAIN",
                    "LDAPROUTE_DOMAIN", "SITE", "CF_DIR", "HACK" ->
                    facts.setting(name + "(" + first + ")", Setting.of(a.size() > 1 ? a.subList(1, a.size()) : List.of(), at));
            default -> {
                if (Character.isUpperCase(name.charAt(0)) && name.equals(name.toUpperCase(Locale.ROOT))) {
                    facts.warning("unsupported m4 macro " + name + " (not evaluated)", at, text);
                }
            }
        }
    }

    // ---------- .cf ----------

    private static void cf(ConfigFile f, Model m, FactsBuilder facts) {
        m.sawConfig = true;
        String[] lines = f.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            cfLine(f, lines[i].replace("\r", ""), i + 1, m, facts);
        }
    }

    private static void cfLine(ConfigFile f, String l, int line, Model m, FactsBuilder facts) {
        Source at = Source.of(f.name(), line);
        Matcher fh = FEATURE_HEADER.matcher(l);
        if (fh.matches()) {
            String feat = fh.group(1).toLowerCase(Locale.ROOT);
            if (!feat.equals("cfhead") && !feat.equals("proto") && !feat.equals("cf") && !feat.equals("version")) {
                m.features.add(feat);
                m.featureSource.putIfAbsent(feat, at);
            }
            return;
        }
        if (l.isEmpty() || l.startsWith("#")) {
            return;
        }
        char type = l.charAt(0);
        switch (type) {
            case 'O' -> {
                String body = l.substring(1).strip();
                int eq = body.indexOf('=');
                if (l.length() > 1 && l.charAt(1) != ' ') {
                    // Old one-letter option form; `Op` is PrivacyOptions.
                    if (l.charAt(1) == 'p') {
                        facts.setting("PrivacyOptions", Setting.of(l.substring(2).strip(), at));
                    }
                    return;
                }
                if (eq < 0) {
                    facts.setting(body, Setting.of("True", at));
                    return;
                }
                String key = body.substring(0, eq).strip();
                String value = body.substring(eq + 1).strip();
                if (key.equals("DaemonPortOptions")) {
                    m.daemons.add(new String[] {value});
                    m.daemonSources.add(at);
                    Setting old = facts.settings().get(key);
                    List<String> all = new ArrayList<>();
                    if (old != null && old.value() instanceof List<?> lst) {
                        lst.forEach(x -> all.add(String.valueOf(x)));
                    }
                    all.add(value);
                    facts.setting(key, Setting.of(all, old == null ? at : old.source()));
                } else {
                    facts.setting(key, Setting.of(value, at));
                }
            }
            case 'C' -> {
                String[] nv = className(l.substring(1));
                if (nv[0].equals("R")) {
                    for (String d : nv[1].strip().split("\\s+")) {
                        if (!d.isBlank()) {
                            m.relayDomains.add(d);
                            m.relayDomainSources.add(at);
                        }
                    }
                }
            }
            case 'F' -> {
                String[] nv = className(l.substring(1));
                if (nv[0].equals("R")) {
                    String path = nv[1].strip().replaceFirst("^-o\\s*", "");
                    m.relayDomainFiles.add(path.split("\\s+")[0]);
                    m.relayDomainFileSources.add(at);
                }
            }
            case 'K' -> {
                String[] parts = l.substring(1).strip().split("\\s+", 3);
                if (parts.length >= 1 && parts[0].equals("access")) {
                    String spec = parts.length == 3 ? parts[1] + " " + parts[2] : l.substring(1);
                    m.accessMap = spec;
                    m.accessSource = at;
                    m.features.add("access_db");
                } else if (parts.length >= 2 && parts[0].equals("mxserved") && parts[1].equals("bestmx")) {
                    m.features.add("relay_based_on_mx");
                    m.featureSource.putIfAbsent("relay_based_on_mx", at);
                }
            }
            case 'S', 'R', 'D', 'H', 'M', 'P', 'V', 'T', 'E', 'L', 'Q', 'X', ' ', '\t' -> {
                // rulesets, macros, headers, mailers: not needed for the relay facts
            }
            default -> facts.warning("unknown sendmail.cf line type '" + type + "'", at, l);
        }
    }

    private static String[] className(String rest) {
        if (rest.startsWith("{")) {
            int close = rest.indexOf('}');
            if (close > 0) {
                return new String[] {rest.substring(1, close), rest.substring(close + 1)};
            }
        }
        return rest.isEmpty() ? new String[] {"", ""} : new String[] {rest.substring(0, 1), rest.substring(1)};
    }

    // ---------- facts ----------

    private static void build(Model m, SuppliedFiles supplied, List<ConfigFile> extra, FactsBuilder facts) {
        if (!facts.settings().containsKey("PrivacyOptions")) {
            facts.setting("PrivacyOptions", Setting.builtIn("authwarnings"));
        }
        if (!facts.settings().containsKey("SmtpGreetingMessage")) {
            facts.setting("SmtpGreetingMessage", Setting.builtIn("$j Sendmail $v/$Z; $b"));
        }
        // The aliases file(s): define(`ALIAS_FILE') / O AliasFile, default /etc/mail/aliases.
        Setting aliasFile = facts.settings().get("AliasFile");
        AliasesFile.collect("AliasFile", aliasFile == null ? List.of("/etc/mail/aliases")
                        : List.of(String.valueOf(aliasFile.value()).split("\\s*,\\s*")),
                aliasFile == null ? Source.BUILT_IN : aliasFile.source(), aliasFile != null, supplied, facts);
        // Listeners.
        List<String[]> daemons = new ArrayList<>(m.daemons);
        List<Source> dsrc = new ArrayList<>(m.daemonSources);
        if (daemons.isEmpty()) {
            daemons.add(new String[] {"Name=MTA"});
            dsrc.add(Source.BUILT_IN);
            if (!m.features.contains("no_default_msa")) {
                daemons.add(new String[] {"Port=587, Name=MSA, M=E"});
                dsrc.add(Source.BUILT_IN);
            }
        }
        if (!facts.settings().containsKey("DaemonPortOptions")) {
            facts.setting("DaemonPortOptions", new Setting(daemons.stream().map(d -> d[0]).toList(),
                    m.daemons.isEmpty() ? Source.BUILT_IN : dsrc.get(0), m.daemons.isEmpty(), null));
        }
        boolean auth = facts.settings().containsKey("confAUTH_MECHANISMS") || facts.settings().containsKey("AuthMechanisms");
        boolean tls = facts.settings().containsKey("confSERVER_CERT") || facts.settings().containsKey("ServerCertFile");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < daemons.size(); i++) {
            Map<String, String> opts = new LinkedHashMap<>();
            for (String kv : daemons.get(i)[0].split(",")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    opts.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                }
            }
            String name = opts.getOrDefault("Name", "MTA" + (i == 0 ? "" : "-" + i));
            while (names.contains(name)) {
                name = name + "'";
            }
            names.add(name);
            String portText = opts.getOrDefault("Port", "smtp");
            Integer port = portText.matches("\\d+") ? Integer.valueOf(portText) : PORTS.get(portText);
            String addr = opts.getOrDefault("Addr", opts.getOrDefault("Address", "*"));
            String family = opts.getOrDefault("Family", "inet");
            String bind = (addr.contains(":") ? "[" + addr + "]" : addr) + ":" + (port == null ? portText : port);
            String modifiers = opts.getOrDefault("M", opts.getOrDefault("Modifiers", ""));
            String ltls = modifiers.contains("s") || Integer.valueOf(465).equals(port) ? "implicit" : tls ? "starttls" : "none";
            Map<String, Setting> ls = new LinkedHashMap<>();
            ls.put("DaemonPortOptions", new Setting(daemons.get(i)[0], dsrc.get(i), dsrc.get(i).isBuiltIn(), null));
            ls.put("Family", Setting.of(family, dsrc.get(i)));
            facts.listener(new Listener(name, List.of(bind), port, ltls, auth && !modifiers.contains("A"), false,
                    AddressScope.isLoopback(addr), true, name.startsWith("MSA") || name.startsWith("MSP") ? "MSA" : "MTA",
                    dsrc.get(i), ls));
        }
        // Relay rules, the same for every daemon (check_rcpt / Rrelay rulesets are global).
        List<RelayRule> rules = new ArrayList<>();
        List<String> features = new ArrayList<>();
        for (String f : m.features) {
            if (RELAY_FEATURES.contains(f)) {
                features.add(f.equals("relay_based_on_mx") ? "relay_based_on_MX" : f);
            }
        }
        Source promiscuous = m.featureSource.get("promiscuous_relay");
        if (m.features.contains("promiscuous_relay")) {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, null, null, false,
                    "FEATURE", src(promiscuous), "FEATURE(`promiscuous_relay')"));
        }
        rules.add(new RelayRule(Clients.of(List.of("127.0.0.0/8", "::1/128")), null, Recipients.ANY, null,
                Action.PERMIT, null, null, false, "class {w}/{R}", Source.BUILT_IN,
                "connections from the local host ($=w) are allowed to relay"));
        // Class {R}: relay to and from these domains.
        List<String> relayDomains = new ArrayList<>(m.relayDomains);
        Source rdSource = m.relayDomainSources.isEmpty() ? null : m.relayDomainSources.get(0);
        List<String> rdFiles = new ArrayList<>(m.relayDomainFiles);
        List<Source> rdFileSources = new ArrayList<>(m.relayDomainFileSources);
        if (rdFiles.isEmpty()) {
            rdFiles.add("/etc/mail/relay-domains");
            rdFileSources.add(Source.BUILT_IN);
        }
        for (int i = 0; i < rdFiles.size(); i++) {
            String path = rdFiles.get(i);
            var file = supplied.find(path);
            if (file.isPresent()) {
                String[] lines = file.get().content().split("\n");
                for (int k = 0; k < lines.length; k++) {
                    String t = lines[k].strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        relayDomains.add(t.split("\\s+")[0]);
                        if (rdSource == null) {
                            rdSource = Source.of(file.get().name(), k + 1);
                        }
                    }
                }
            } else if (!rdFileSources.get(i).isBuiltIn()) {
                facts.unresolved(new Unresolved("RELAY_DOMAIN_FILE", path, "relay-domains file not supplied", rdFileSources.get(i), null));
                relayDomains.add("unresolved:" + path);
            }
        }
        if (!relayDomains.isEmpty()) {
            facts.setting("class R", Setting.of(relayDomains, rdSource == null ? Source.BUILT_IN : rdSource));
            rules.add(new RelayRule(Clients.of(relayDomains), null, Recipients.ANY, null, Action.PERMIT, null, null,
                    relayDomains.stream().anyMatch(d -> d.startsWith("unresolved:")), "class {R}", src(rdSource),
                    "relay from hosts in class {R}: " + String.join(" ", relayDomains)));
            rules.add(new RelayRule(Clients.ANY, null, Recipients.of(relayDomains), null, Action.PERMIT, null, null,
                    relayDomains.stream().anyMatch(d -> d.startsWith("unresolved:")), "class {R}", src(rdSource),
                    "relay to domains in class {R}: " + String.join(" ", relayDomains)));
        }
        // Access map.
        if (m.accessMap != null) {
            String[] spec = m.accessMap.strip().split("\\s+");
            String path = spec[spec.length - 1];
            var file = supplied.find(path);
            if (file.isEmpty()) {
                file = extra.stream().filter(SendmailCollector::looksLikeAccess).findFirst();
            }
            facts.setting("access", Setting.of(m.accessMap, m.accessSource));
            if (file.isPresent()) {
                access(LookupTable.parse(file.get()), m, rules);
            } else {
                facts.unresolved(new Unresolved("access", path, "access map content not supplied; Connect:/To:"
                        + " RELAY entries may grant relaying", m.accessSource, null));
                rules.add(new RelayRule(Clients.of(List.of("unresolved:" + path)), null, Recipients.ANY, null,
                        Action.PERMIT, null, null, true, "access", m.accessSource, "Connect: RELAY entries of " + path));
                rules.add(new RelayRule(Clients.ANY, null, Recipients.of(List.of("unresolved:" + path)), null,
                        Action.PERMIT, null, null, true, "access", m.accessSource, "To: RELAY entries of " + path));
            }
        }
        if (m.features.contains("relay_entire_domain")) {
            rules.add(new RelayRule(Clients.of(List.of("domain:$m")), null, Recipients.ANY, null, Action.PERMIT, null,
                    null, false, "FEATURE", src(m.featureSource.get("relay_entire_domain")),
                    "FEATURE(`relay_entire_domain'): any host in the local domain ($m)"));
        }
        if (m.features.contains("relay_based_on_mx")) {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.of(List.of("mx:domains whose MX points to this host")),
                    null, Action.PERMIT, null, null, false, "FEATURE", src(m.featureSource.get("relay_based_on_mx")),
                    "FEATURE(`relay_based_on_MX')"));
        }
        if (m.features.contains("relay_local_from")) {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT,
                    "sender domain in class {w} (MAIL FROM chosen by the client)", true, false, "FEATURE",
                    src(m.featureSource.get("relay_local_from")), "FEATURE(`relay_local_from')"));
        }
        if (m.features.contains("relay_mail_from")) {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT,
                    "sender listed From: RELAY in the access map (MAIL FROM chosen by the client)", true,
                    m.accessMap == null, "FEATURE", src(m.featureSource.get("relay_mail_from")), "FEATURE(`relay_mail_from')"));
        }
        if (m.trustAuth != null && !m.trustAuth.isBlank()) {
            rules.add(new RelayRule(Clients.ANY, true, Recipients.ANY, null, Action.PERMIT, null, null, false,
                    "TRUST_AUTH_MECH", m.trustAuthSource, "TRUST_AUTH_MECH(`" + m.trustAuth + "')"));
        }
        rules.add(new RelayRule(Clients.ANY, null, Recipients.LOCAL, null, Action.PERMIT, null, null, false,
                "class {w}", Source.BUILT_IN, "local recipients (class {w})"));
        rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, Recipients.LOCAL, Action.REJECT, null, null, false,
                "check_rcpt", Source.BUILT_IN, "550 5.7.1 Relaying denied"));
        for (Listener l : facts.listeners()) {
            facts.relay(l.name(), new RelayPolicy(rules, Action.REJECT, null, features));
        }
    }

    static boolean looksLikeAccess(ConfigFile f) {
        return f.content().lines().anyMatch(l -> l.matches("(?i)^(Connect|To|From):\\S+\\s+.*"));
    }

    /** access entries: Connect:/To:/From:/untagged with RELAY/OK/REJECT/DISCARD/ERROR; IP keys match by prefix. */
    private static void access(LookupTable table, Model m, List<RelayRule> rules) {
        for (LookupTable.Entry e : table.entries()) {
            String key = e.key();
            String tag = "";
            int c = key.indexOf(':');
            if (c > 0 && key.substring(0, c).matches("(?i)connect|to|from|spam|gretting|greet|srv_features|clt_features|tls_srv|tls_clt|try_tls|auth")) {
                tag = key.substring(0, c).toLowerCase(Locale.ROOT);
                key = key.substring(c + 1);
            }
            String action = e.action();
            if (!action.equals("RELAY")) {
                continue; // OK/REJECT/DISCARD/ERROR do not grant relaying
            }
            String text = e.key() + " " + e.value();
            if (tag.equals("connect") || tag.isEmpty()) {
                rules.add(new RelayRule(Clients.of(List.of(prefix(key))), null, Recipients.ANY, null, Action.PERMIT,
                        null, null, false, "access", e.source(), text));
            }
            if (tag.equals("to") || tag.isEmpty() && !key.matches("[0-9.:]+")) {
                rules.add(new RelayRule(Clients.ANY, null, Recipients.of(List.of(key)), null, Action.PERMIT, null,
                        null, false, "access", e.source(), text));
            }
            if (tag.equals("from") && m.features.contains("relay_mail_from")) {
                rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, "sender " + key,
                        true, false, "access", e.source(), text));
            }
        }
    }

    /** Sendmail matches IP keys by leading octets: 192.168 covers 192.168.0.0/16. */
    static String prefix(String key) {
        if (key.matches("\\d{1,3}(\\.\\d{1,3}){0,3}")) {
            String[] p = key.split("\\.");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                sb.append(i < p.length ? p[i] : "0").append(i < 3 ? "." : "");
            }
            return sb + "/" + (p.length * 8);
        }
        if (key.toLowerCase(Locale.ROOT).startsWith("ipv6:")) {
            return key.substring(5);
        }
        return key;
    }

    private static Source src(Source s) {
        return s == null ? Source.BUILT_IN : s;
    }
}
