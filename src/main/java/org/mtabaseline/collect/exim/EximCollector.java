package org.mtabaseline.collect.exim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtabaseline.collect.AddressScope;
import org.mtabaseline.collect.Clients;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.ConfigParseException;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.Recipients;
import org.mtabaseline.collect.RelayPolicy;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;
import org.mtabaseline.collect.Setting;
import org.mtabaseline.collect.Source;
import org.mtabaseline.collect.Unresolved;

/**
 * Exim: a monolithic exim.conf / exim4.conf / configure (macros, named lists, the RCPT ACL, daemon ports and
 * interfaces, .include noted) or Debian's update-exim4.conf.conf (dc_* keys, mapped onto the Debian template ACL).
 */
public final class EximCollector implements MtaCollector {
    private static final Pattern AUTH_ADVERTISE = Pattern.compile("^server_advertise_condition\\s*=\\s*(.*)$");
    private static final Pattern MACRO_DEF = Pattern.compile("^([A-Z][A-Z0-9_]*)\\s*=\\s*(.*)$");
    private static final Pattern LIST_DEF = Pattern.compile("^(hostlist|domainlist|addresslist|localpartlist)\\s+(\\w+)\\s*=\\s*(.*)$");
    private static final Pattern OPTION = Pattern.compile("^([a-z_0-9]+)\\s*=\\s*(.*)$");
    private static final Pattern DC = Pattern.compile("^(dc_[a-z_]+)\\s*=\\s*'?(.*?)'?\\s*$");
    private static final Pattern VERB = Pattern.compile("^(accept|deny|require|drop|defer|discard|warn)\\b\\s*(.*)$");

    /** One ACL statement: verb and its conditions (name, value, line). */
    record Statement(String verb, List<String[]> conditions, Source source, String text) {
    }

    @Override
    public MtaKind kind() {
        return MtaKind.EXIM;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        FactsBuilder facts = new FactsBuilder(MtaKind.EXIM);
        ConfigFile main = null;
        ConfigFile debian = null;
        for (ConfigFile f : files) {
            boolean dc = f.baseName().contains("update-exim4") || f.content().lines().anyMatch(l -> DC.matcher(l.strip()).matches());
            if (dc && f.content().lines().noneMatch(l -> l.strip().startsWith("begin "))) {
                facts.source(f, "update-exim4.conf.conf");
                debian = f;
            } else if (main == null) {
                facts.source(f, "exim.conf");
                main = f;
            } else {
                facts.source(f, "include");
                facts.warning("more than one Exim main configuration supplied; only the first is evaluated",
                        Source.of(f.name(), 1), f.name());
            }
        }
        if (main != null) {
            new Conf(main, facts).collect();
        } else if (debian != null) {
            debian(debian, facts);
        } else {
            throw new ConfigParseException(files.get(0).name(), null, "no Exim configuration among the supplied files");
        }
        return facts.build();
    }

    // ---------- monolithic configuration ----------

    private static final class Conf {
        final ConfigFile file;
        final FactsBuilder facts;
        final Map<String, String> macros = new LinkedHashMap<>();
        final Map<String, String[]> lists = new LinkedHashMap<>(); // name -> [value, line]
        final Map<String, Map<String, Source>> optionSrc = new LinkedHashMap<>();
        final Map<String, List<Statement>> acls = new LinkedHashMap<>();
        boolean serverAuth;
        boolean sawBegin;

        Conf(ConfigFile file, FactsBuilder facts) {
            this.file = file;
            this.facts = facts;
        }

        void collect() {
            List<String[]> logical = logicalLines(file); // [text, line]
            String section = "main";
            String acl = null;
            Statement current = null;
            String driverBlock = null;
            boolean blockHasServer = false;
            Conditionals conditionals = new Conditionals();
            boolean includesMissing = false;
            for (String[] ll : logical) {
                String text = ll[0];
                int line = Integer.parseInt(ll[1]);
                Source at = Source.of(file.name(), line);
                String t = text.strip();
                Conditionals.Outcome skip = t.startsWith(".") ? conditionals.directive(t, macros, includesMissing)
                        : Conditionals.Outcome.NOT_A_DIRECTIVE;
                if (skip == Conditionals.Outcome.UNKNOWN) {
                    facts.warning("conditional configuration (" + t.split("\\s")[0] + ") depends on macros this"
                            + " configuration does not define (Exim's build, -D or an unsupplied .include):"
                            + " every branch is read", at, t);
                }
                if (skip == Conditionals.Outcome.UNBALANCED) {
                    facts.warning(t.split("\\s")[0] + " without .ifdef/.ifndef before it ignored", at, t);
                }
                if (skip != Conditionals.Outcome.NOT_A_DIRECTIVE || !conditionals.reading()) {
                    continue;
                }
                if (t.startsWith(".include")) {
                    String path = t.replaceFirst("^\\.include(_if_exists)?\\s+", "");
                    facts.unresolved(new Unresolved(".include", path, "included file not supplied", at, null));
                    includesMissing = true;
                    continue;
                }
                if (t.startsWith("begin ")) {
                    sawBegin = true;
                    section = t.substring(6).strip();
                    if (driverBlock != null && blockHasServer) {
                        serverAuth = true;
                    }
                    driverBlock = null;
                    continue;
                }
                t = expandMacros(t);
                if (section.equals("main")) {
                    Matcher md = MACRO_DEF.matcher(t);
                    Matcher ld = LIST_DEF.matcher(t);
                    Matcher od = OPTION.matcher(t);
                    if (md.matches()) {
                        macros.put(md.group(1), md.group(2).strip());
                        facts.setting("macro " + md.group(1), Setting.of(md.group(2).strip(), at));
                    } else if (ld.matches()) {
                        lists.put(ld.group(2), new String[] {ld.group(3).strip(), String.valueOf(line), ld.group(1)});
                        facts.setting(ld.group(1) + " " + ld.group(2), Setting.of(ld.group(3).strip(), at));
                    } else if (od.matches()) {
                        facts.setting(od.group(1), Setting.of(od.group(2).strip(), at));
                    } else if (t.matches("^(no_)?[a-z_0-9]+$")) {
                        boolean no = t.startsWith("no_");
                        facts.setting(no ? t.substring(3) : t, Setting.of(!no, at));
                    } else {
                        facts.warning("unrecognised line in the Exim main section", at, t);
                    }
                } else if (section.equals("acl")) {
                    if (t.matches("^[A-Za-z0-9_]+:\\s*$")) {
                        acl = t.substring(0, t.indexOf(':'));
                        acls.put(acl, new ArrayList<>());
                        current = null;
                        continue;
                    }
                    Matcher v = VERB.matcher(t);
                    if (acl != null && v.matches()) {
                        current = new Statement(v.group(1), new ArrayList<>(), at, t);
                        acls.get(acl).add(current);
                        String rest = v.group(2).strip();
                        if (!rest.isEmpty()) {
                            condition(current, rest, at);
                        }
                    } else if (current != null && t.contains("=") || current != null && t.startsWith("!")) {
                        condition(current, t, at);
                    } else if (current != null && (t.equals("endpass") || t.matches("^[a-z_]+$"))) {
                        current.conditions().add(new String[] {t, "", String.valueOf(line)});
                    } else {
                        facts.warning("unrecognised line in the ACL section", at, t);
                    }
                } else if (section.equals("authenticators")) {
                    if (t.matches("^[A-Za-z0-9_\\-]+:.*")) {
                        if (driverBlock != null && blockHasServer) {
                            serverAuth = true;
                        }
                        driverBlock = t;
                        blockHasServer = false;
                    } else if (t.startsWith("server_")) {
                        blockHasServer = true;
                        // Which sessions see AUTH; server_condition and the like may hold secrets and stay out.
                        Matcher adv = AUTH_ADVERTISE.matcher(t);
                        if (driverBlock != null && adv.matches()) {
                            String name = driverBlock.substring(0, driverBlock.indexOf(':')).strip();
                            facts.setting(name + " server_advertise_condition", Setting.of(adv.group(1).strip(), at));
                        }
                    }
                }
            }
            if (driverBlock != null && blockHasServer) {
                serverAuth = true;
            }
            if (!conditionals.balanced()) {
                facts.warning(".ifdef/.ifndef without .endif at the end of the file", Source.of(file.name(),
                        logical.isEmpty() ? 1 : Integer.parseInt(logical.get(logical.size() - 1)[1])), null);
            }
            if (!sawBegin && facts.settings().isEmpty()) {
                throw new ConfigParseException(file.name(), null, "no Exim options or sections found");
            }
            build();
        }

        private void condition(Statement st, String text, Source at) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                st.conditions().add(new String[] {text.strip(), "", String.valueOf(at.line())});
                return;
            }
            st.conditions().add(new String[] {text.substring(0, eq).strip(), text.substring(eq + 1).strip(),
                String.valueOf(at.line())});
        }

        private String expandMacros(String t) {
            if (macros.isEmpty()) {
                return t;
            }
            String out = t;
            for (var e : macros.entrySet()) {
                if (out.contains(e.getKey())) {
                    out = out.replaceAll("\\b" + Pattern.quote(e.getKey()) + "\\b", Matcher.quoteReplacement(e.getValue()));
                }
            }
            return out;
        }

        private void build() {
            // Listeners: daemon_smtp_ports x local_interfaces.
            Setting portsSetting = facts.settings().get("daemon_smtp_ports");
            if (portsSetting == null) {
                portsSetting = facts.settings().get("daemon_smtp_port");
            }
            String ports = portsSetting == null ? "smtp" : String.valueOf(portsSetting.value());
            if (portsSetting == null) {
                facts.setting("daemon_smtp_ports", Setting.builtIn("smtp"));
            }
            Setting ifs = facts.settings().get("local_interfaces");
            if (ifs == null) {
                facts.setting("local_interfaces", Setting.builtIn("<; ::0 ; 0.0.0.0"));
            }
            String interfaces = ifs == null ? "<; ::0 ; 0.0.0.0" : String.valueOf(ifs.value());
            Setting tlsOnConnect = facts.settings().get("tls_on_connect_ports");
            List<String> implicit = tlsOnConnect == null ? List.of() : splitList(String.valueOf(tlsOnConnect.value()));
            Setting adv = facts.settings().get("tls_advertise_hosts");
            boolean tlsCert = facts.settings().containsKey("tls_certificate");
            boolean starttls = tlsCert && (adv == null || !String.valueOf(adv.value()).isBlank());
            if (!facts.settings().containsKey("smtp_banner")) {
                facts.setting("smtp_banner", Setting.builtIn("$smtp_active_hostname ESMTP Exim $version_number $tod_full"));
            }
            List<Integer> portList = new ArrayList<>();
            for (String p : splitList(ports)) {
                Integer n = port(p);
                if (n == null) {
                    facts.warning("unknown port name '" + p + "'", portsSetting == null ? Source.BUILT_IN : portsSetting.source(), p);
                } else {
                    portList.add(n);
                }
            }
            List<String> addrs = new ArrayList<>();
            for (String a : splitList(interfaces)) {
                addrs.add(a.equals("0.0.0.0") || a.equals("::0") || a.equals("::") ? "*" : a);
            }
            if (addrs.isEmpty()) {
                addrs.add("*");
            }
            List<String> unique = addrs.stream().distinct().toList();
            Source lsrc = portsSetting == null ? Source.BUILT_IN : portsSetting.source();
            List<RelayRule> rules = rcptRules();
            for (Integer p : portList) {
                List<String> bind = unique.stream().map(a -> (a.contains(":") ? "[" + a + "]" : a) + ":" + p).toList();
                String name = "smtp:" + p;
                boolean loop = unique.stream().allMatch(AddressScope::isLoopback);
                facts.listener(new Listener(name, bind, p, implicit.contains(String.valueOf(p)) ? "implicit"
                        : starttls ? "starttls" : "none", serverAuth, false, loop, true, "daemon", lsrc, Map.of()));
                facts.relay(name, new RelayPolicy(rules, Action.REJECT, null, List.of()));
            }
        }

        private List<RelayRule> rcptRules() {
            Setting rcpt = facts.settings().get("acl_smtp_rcpt");
            List<RelayRule> rules = new ArrayList<>();
            if (rcpt == null) {
                rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.REJECT, null, null, false,
                        "acl_smtp_rcpt", Source.BUILT_IN, "acl_smtp_rcpt unset: every recipient is refused"));
                return rules;
            }
            String name = String.valueOf(rcpt.value()).strip();
            List<Statement> statements = acls.get(name);
            if (statements == null) {
                if (name.equalsIgnoreCase("accept")) {
                    rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, null, null, false,
                            "acl_smtp_rcpt", rcpt.source(), "acl_smtp_rcpt = accept"));
                    return rules;
                }
                facts.unresolved(new Unresolved("acl_smtp_rcpt", name, "ACL not found in the supplied configuration",
                        rcpt.source(), null));
                rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, "ACL " + name + " unknown",
                        null, true, "acl_smtp_rcpt", rcpt.source(), "acl_smtp_rcpt = " + name));
                return rules;
            }
            for (Statement st : statements) {
                rules.add(statement(st, name));
            }
            return rules;
        }

        private RelayRule statement(Statement raw, String aclName) {
            StringBuilder full = new StringBuilder(raw.verb());
            for (String[] c : raw.conditions()) {
                full.append("  ").append(c[0]).append(c[1].isEmpty() ? "" : " = " + c[1]);
            }
            Statement st = new Statement(raw.verb(), raw.conditions(), raw.source(), full.toString());
            Clients client = Clients.ANY;
            Boolean auth = null;
            Recipients rcpt = Recipients.ANY;
            Recipients except = null;
            List<String> other = new ArrayList<>();
            boolean attacker = true;
            boolean unresolved = false;
            for (String[] c : st.conditions()) {
                String key = c[0];
                String value = c[1];
                Source at = Source.of(file.name(), Integer.parseInt(c[2]));
                switch (key) {
                    case "message", "log_message", "logwrite", "add_header", "remove_header", "control", "set", "delay",
                            "endpass", "continue", "udpsend" -> {
                    }
                    case "hosts" -> {
                        List<String> items = resolveList(value, "hostlist", at);
                        if (items.contains("*")) {
                            continue;
                        }
                        if (items.stream().anyMatch(i -> i.startsWith("!"))) {
                            other.add("hosts = " + value);
                            attacker = false;
                            continue;
                        }
                        client = Clients.of(items);
                        unresolved |= items.stream().anyMatch(i -> i.startsWith("unresolved:"));
                    }
                    case "authenticated" -> {
                        if (!serverAuth) {
                            other.add("authenticated (no server authenticator is configured, never true)");
                            attacker = false;
                        }
                        auth = true;
                    }
                    case "domains" -> {
                        String v = value.strip();
                        boolean negated = v.startsWith("!");
                        List<String> items = resolveList(negated ? v.substring(1) : v, "domainlist", at);
                        Recipients r = recipients(items);
                        if (negated) {
                            except = r;
                        } else {
                            rcpt = r;
                        }
                        unresolved |= items.stream().anyMatch(i -> i.startsWith("unresolved:"));
                    }
                    case "verify" -> {
                        if (!value.strip().startsWith("recipient")) {
                            other.add("verify = " + value);
                        }
                        // verify = recipient holds for every routable address an outsider can pick
                    }
                    case "senders", "local_parts", "sender_domains" -> other.add(key + " = " + value);
                    default -> {
                        other.add(key + (value.isEmpty() ? "" : " = " + value));
                        attacker = false;
                    }
                }
            }
            String cond = other.isEmpty() ? null : String.join("; ", other);
            boolean neverTrue = Boolean.TRUE.equals(auth) && !serverAuth;
            Action action;
            switch (st.verb()) {
                case "accept" -> action = neverTrue ? Action.CONTINUE : Action.PERMIT;
                case "deny", "drop" -> action = cond == null ? Action.REJECT : Action.CONTINUE;
                case "defer" -> action = cond == null ? Action.DEFER : Action.CONTINUE;
                case "discard" -> action = Action.CONTINUE;
                case "require" -> {
                    // require X = deny unless X: only a domains condition is expressible as a rule
                    boolean onlyDomains = st.conditions().stream().map(c -> c[0])
                            .filter(k -> !k.equals("message") && !k.equals("log_message"))
                            .allMatch(k -> k.equals("domains"));
                    boolean hasDomains = st.conditions().stream().anyMatch(c -> c[0].equals("domains"));
                    if (onlyDomains && hasDomains) {
                        if (rcpt.kind() == Recipients.Kind.ANY && except == null) {
                            return new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE,
                                    "domains match every domain", null, false, aclName, st.source(), st.text());
                        }
                        Recipients allowed = except != null ? null : rcpt;
                        return new RelayRule(Clients.ANY, null, Recipients.ANY,
                                allowed == null ? Recipients.LOCAL : allowed, Action.REJECT, null, null, unresolved,
                                aclName, st.source(), st.text());
                    }
                    return new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE, conditionText(st),
                            null, false, aclName, st.source(), st.text());
                }
                default -> action = Action.CONTINUE;
            }
            return new RelayRule(client, auth, rcpt, except, action, cond, cond == null ? null : attacker, unresolved,
                    aclName, st.source(), st.text());
        }

        private String conditionText(Statement st) {
            List<String> parts = new ArrayList<>();
            for (String[] c : st.conditions()) {
                if (!c[0].equals("message") && !c[0].equals("log_message")) {
                    parts.add(c[0] + (c[1].isEmpty() ? "" : " = " + c[1]));
                }
            }
            return parts.isEmpty() ? null : "require " + String.join("; ", parts) + " (an outsider can satisfy it)";
        }

        private Recipients recipients(List<String> items) {
            if (items.contains("*")) {
                return Recipients.ANY;
            }
            if (items.stream().allMatch(i -> i.equals("@") || i.equals("+local_domains") || i.equals("localhost")
                    || i.equals("@[]"))) {
                return Recipients.LOCAL;
            }
            List<String> out = new ArrayList<>();
            for (String i : items) {
                if (!i.equals("+local_domains") && !i.equals("@") && !i.equals("@[]")) {
                    out.add(i);
                }
            }
            return out.isEmpty() ? Recipients.LOCAL : Recipients.of(out);
        }

        /** Expands +named lists (recursively), ${env{...}} and other expansions become unresolved entries. */
        private List<String> resolveList(String value, String kind, Source at) {
            List<String> out = new ArrayList<>();
            resolveInto(value, kind, at, out, 0);
            return out;
        }

        private void resolveInto(String value, String kind, Source at, List<String> out, int depth) {
            for (String item : splitList(value)) {
                if (item.startsWith("+") && depth < 10) {
                    String name = item.substring(1);
                    String[] def = lists.get(name);
                    if (name.equals("local_domains") && kind.equals("domainlist")) {
                        out.add("+local_domains");
                    } else if (def == null) {
                        facts.unresolved(new Unresolved(kind, item, "named list not defined in the supplied"
                                + " configuration", at, null));
                        out.add("unresolved:" + item);
                    } else {
                        resolveInto(def[0], kind, Source.of(file.name(), Integer.parseInt(def[1])), out, depth + 1);
                    }
                } else if (item.contains("${") || item.contains("$ENV")) {
                    facts.unresolved(new Unresolved(kind, item, "run-time expansion (environment or lookup) not"
                            + " known from the configuration", at, null));
                    out.add("unresolved:" + item);
                } else if (item.matches("^[a-z0-9]+;.*") || item.startsWith("/")) {
                    facts.unresolved(new Unresolved(kind, item, "lookup/file content not supplied", at, null));
                    out.add("unresolved:" + item);
                } else if (item.equals("localhost")) {
                    out.add(kind.equals("hostlist") ? "127.0.0.1/32" : item);
                    if (kind.equals("hostlist")) {
                        out.add("::1/128");
                    }
                } else {
                    out.add(item);
                }
            }
        }
    }

    /** Exim list syntax: ':' separated, '::' is a literal colon, a leading '<x' changes the separator. */
    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return out;
        }
        if (v.startsWith("${")) {
            out.add(v); // a whole expansion is one item
            return out;
        }
        char sep = ':';
        if (v.startsWith("<") && v.length() > 1 && !Character.isLetterOrDigit(v.charAt(1))) {
            sep = v.charAt(1);
            v = v.substring(2);
        }
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (c == sep && depth == 0) {
                if (sep == ':' && i + 1 < v.length() && v.charAt(i + 1) == ':') {
                    cur.append(':');
                    i++;
                    continue;
                }
                add(out, cur);
                continue;
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    static Integer port(String p) {
        String t = p.strip();
        if (t.matches("\\d+")) {
            return Integer.valueOf(t);
        }
        return switch (t) {
            case "smtp" -> 25;
            case "submission" -> 587;
            case "smtps", "submissions", "ssmtp" -> 465;
            default -> null;
        };
    }

    /** Logical lines: '#' comments, trailing backslash continues (leading blanks of the next line dropped). */
    static List<String[]> logicalLines(ConfigFile f) {
        List<String[]> out = new ArrayList<>();
        String[] lines = f.content().split("\n", -1);
        StringBuilder cur = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replace("\r", "");
            if (cur == null && (l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            String piece = cur == null ? l : l.stripLeading();
            boolean cont = piece.endsWith("\\") && !piece.endsWith("\\\\");
            if (cur == null) {
                cur = new StringBuilder();
                start = i + 1;
            }
            cur.append(cont ? piece.substring(0, piece.length() - 1) : piece);
            if (!cont) {
                out.add(new String[] {cur.toString(), String.valueOf(start)});
                cur = null;
            }
        }
        if (cur != null) {
            out.add(new String[] {cur.toString(), String.valueOf(start)});
        }
        return out;
    }

    // ---------- Debian update-exim4.conf.conf ----------

    private static void debian(ConfigFile f, FactsBuilder facts) {
        Map<String, Setting> dc = new LinkedHashMap<>();
        String[] lines = f.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].replace("\r", "").strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            Matcher m = DC.matcher(t);
            if (m.matches()) {
                Setting s = Setting.of(m.group(2), Source.of(f.name(), i + 1));
                dc.put(m.group(1), s);
                facts.setting(m.group(1), s);
            } else if (t.matches("^[A-Za-z_][A-Za-z0-9_]*=.*")) {
                int eq = t.indexOf('=');
                facts.setting(t.substring(0, eq), Setting.of(t.substring(eq + 1).replaceAll("^'|'$", ""), Source.of(f.name(), i + 1)));
            } else {
                facts.warning("not a dc_*='value' line", Source.of(f.name(), i + 1), t);
            }
        }
        if (dc.isEmpty()) {
            throw new ConfigParseException(f.name(), null, "no dc_* settings: not an update-exim4.conf.conf");
        }
        String type = value(dc, "dc_eximconfig_configtype", "local");
        Source typeSrc = src(dc, "dc_eximconfig_configtype");
        String ifaces = value(dc, "dc_local_interfaces", "");
        Source ifSrc = src(dc, "dc_local_interfaces");
        List<String> addrs = new ArrayList<>();
        for (String a : splitList("<;" + ifaces)) {
            addrs.add(a);
        }
        if (addrs.isEmpty()) {
            addrs.add("*");
        }
        List<String> bind = addrs.stream().map(a -> (a.contains(":") ? "[" + a + "]" : a) + ":25").toList();
        boolean loop = addrs.stream().allMatch(AddressScope::isLoopback);
        facts.listener(new Listener("smtp:25", bind, 25, "none", false, false, loop, !type.equals("none"), "daemon",
                ifSrc, Map.of("dc_eximconfig_configtype", Setting.of(type, typeSrc))));
        List<String> nets = new ArrayList<>(splitList(value(dc, "dc_relay_nets", "")));
        nets.add("127.0.0.1/32");
        nets.add("::1/128");
        String relayDomains = value(dc, "dc_relay_domains", "");
        List<String> rd = splitList(relayDomains);
        List<RelayRule> rules = new ArrayList<>();
        Source deb = Source.BUILT_IN;
        rules.add(new RelayRule(Clients.NONE, null, Recipients.ANY, null, Action.PERMIT, null, null, false,
                "acl_check_rcpt", deb, "accept hosts = : (local submission, no network client)"));
        rules.add(new RelayRule(Clients.ANY, null, Recipients.LOCAL, null, Action.PERMIT,
                "local_parts = postmaster", true, false, "acl_check_rcpt", deb, "accept local_parts = postmaster domains = +local_domains"));
        rules.add(new RelayRule(Clients.of(nets), null, Recipients.ANY, null, Action.PERMIT, null, null, false,
                "dc_relay_nets", src(dc, "dc_relay_nets"), "accept hosts = +relay_from_hosts (dc_relay_nets + 127.0.0.1 : ::1)"));
        if (rd.contains("*")) {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.CONTINUE,
                    "relay_to_domains = * matches every domain", null, false, "dc_relay_domains", src(dc, "dc_relay_domains"),
                    "require domains = +local_domains : +relay_to_domains (dc_relay_domains='*': never fails)"));
        } else {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, rd.isEmpty() ? Recipients.LOCAL : Recipients.of(rd),
                    Action.REJECT, null, null, false, "dc_relay_domains", src(dc, "dc_relay_domains"),
                    "require domains = +local_domains : +relay_to_domains"));
        }
        rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, null, null, false,
                "acl_check_rcpt", deb, "accept (end of the Debian RCPT ACL, after require verify = recipient)"));
        if (type.equals("none")) {
            facts.warning("dc_eximconfig_configtype='none': Debian does not generate an Exim configuration",
                    typeSrc, type);
        }
        facts.relay("smtp:25", new RelayPolicy(rules, Action.REJECT, null, List.of()));
    }

    private static String value(Map<String, Setting> dc, String key, String dflt) {
        Setting s = dc.get(key);
        return s == null ? dflt : String.valueOf(s.value()).strip().toLowerCase(Locale.ROOT).equals("") ? "" : String.valueOf(s.value()).strip();
    }

    private static Source src(Map<String, Setting> dc, String key) {
        Setting s = dc.get(key);
        return s == null ? Source.BUILT_IN : s.source();
    }
}
