package org.mtabaseline.collect.postfix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import org.mtabaseline.collect.RelayPolicy;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RuleAlgebra;
import org.mtabaseline.collect.Setting;
import org.mtabaseline.collect.Source;
import org.mtabaseline.collect.SuppliedFiles;
import org.mtabaseline.collect.Unresolved;

/**
 * Postfix: main.cf (or `postconf -n` / full `postconf` output), master.cf (or `postconf -M`), `postconf -P`, and
 * lookup tables supplied as text. One listener per inet smtpd/postscreen service.
 */
public final class PostfixCollector implements MtaCollector {
    private static final Pattern ASSIGN_LINE = Pattern.compile("^[A-Za-z0-9_.\\-]+\\s*=.*");
    private static final Pattern MASTER_LINE = Pattern.compile(
            "^\\S+\\s+(inet|unix|unix-dgram|fifo|pass)\\s+[-yn]\\s+[-yn]\\s+[-yn]\\s+\\S+\\s+\\S+\\s+\\S+.*");
    private static final List<String> RCPT_TIME_LISTS = List.of("smtpd_client_restrictions", "smtpd_helo_restrictions",
            "smtpd_sender_restrictions", "smtpd_relay_restrictions", "smtpd_recipient_restrictions");
    private static final Pattern QUIET_EMPTY = Pattern.compile(
            ".*(_maps|_directory|_restrictions|_domains|_checks|_networks|_classes|_lookup|_path|_file|_list)|mynetworks");
    private static final Map<String, Integer> PORTS = Map.of("smtp", 25, "submission", 587, "smtps", 465,
            "submissions", 465, "lmtp", 24, "urd", 465);

    @Override
    public MtaKind kind() {
        return MtaKind.POSTFIX;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        FactsBuilder facts = new FactsBuilder(MtaKind.POSTFIX);
        List<ConfigFile> mains = new ArrayList<>();
        List<ConfigFile> masters = new ArrayList<>();
        List<ConfigFile> pOutputs = new ArrayList<>();
        List<ConfigFile> tables = new ArrayList<>();
        for (ConfigFile f : files) {
            String role = role(f);
            facts.source(f, role);
            switch (role) {
                case "main.cf" -> mains.add(f);
                case "master.cf" -> masters.add(f);
                case "postconf-P" -> pOutputs.add(f);
                default -> tables.add(f);
            }
        }
        if (mains.isEmpty() && masters.isEmpty() && pOutputs.isEmpty()) {
            throw new ConfigParseException(files.get(0).name(), null,
                    "no Postfix main.cf, master.cf or postconf output among the supplied files");
        }
        Map<String, MainCf.Param> params = new LinkedHashMap<>();
        for (ConfigFile f : mains) {
            MainCf.parse(f, params, facts);
        }
        Map<String, MasterCf.Service> services = new LinkedHashMap<>();
        for (ConfigFile f : masters) {
            MasterCf.parse(f, services, facts);
        }
        for (ConfigFile f : pOutputs) {
            MasterCf.parsePostconfP(f, services, facts);
        }
        new Run(params, services, new SuppliedFiles(tables), facts, !mains.isEmpty(), !masters.isEmpty()).go();
        return facts.build();
    }

    /** What a file is to Postfix, from its name and then its lines. */
    static String role(ConfigFile f) {
        String b = f.baseName().toLowerCase(Locale.ROOT);
        if (MasterCf.isPostconfP(f)) {
            return "postconf-P";
        }
        int assign = 0;
        int master = 0;
        int other = 0;
        int seen = 0;
        for (String l : f.content().split("\n", 20_000)) {
            if (l.isBlank() || l.stripLeading().startsWith("#") || Character.isWhitespace(l.charAt(0))) {
                continue;
            }
            if (++seen > 500) {
                break; // enough lines to tell main.cf from master.cf
            }
            if (MASTER_LINE.matcher(l).matches()) {
                master++;
            } else if (ASSIGN_LINE.matcher(l).matches()) {
                assign++;
            } else {
                other++;
            }
        }
        if (b.contains("master") || master > 0 && master >= assign) {
            return "master.cf"; // also `postconf -M` output, whatever its file name
        }
        if (b.contains("main") || b.startsWith("postconf")) {
            if (assign == 0 && other > 3) {
                throw new ConfigParseException(f.name(), null, "no 'name = value' line: not Postfix main.cf syntax");
            }
            if (other > 10 && other > 2 * assign) {
                throw new ConfigParseException(f.name(), firstOther(f), "mostly not 'name = value' lines ("
                        + other + " of " + (other + assign) + "): not Postfix main.cf syntax");
            }
            return "main.cf";
        }
        if (master > 0 && master >= assign) {
            return "master.cf";
        }
        if (assign > 0 && assign > other) {
            return "main.cf";
        }
        return "table";
    }

    private static Integer firstOther(ConfigFile f) {
        String[] lines = f.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank() || l.stripLeading().startsWith("#") || Character.isWhitespace(l.charAt(0))) {
                continue;
            }
            if (!ASSIGN_LINE.matcher(l).matches()) {
                return i + 1;
            }
        }
        return null;
    }

    /** One collection run: effective parameters, listeners and relay rules. */
    private static final class Run {
        private final Map<String, MainCf.Param> params;
        private final Map<String, MasterCf.Service> services;
        private final SuppliedFiles supplied;
        private final FactsBuilder facts;
        private final boolean haveMain;
        private final boolean haveMaster;
        private final double[] compat;
        private final Expander mainExpander;

        Run(Map<String, MainCf.Param> params, Map<String, MasterCf.Service> services, SuppliedFiles supplied,
                FactsBuilder facts, boolean haveMain, boolean haveMaster) {
            this.params = params;
            this.services = services;
            this.supplied = supplied;
            this.facts = facts;
            this.haveMain = haveMain;
            this.haveMaster = haveMaster;
            MainCf.Param c = params.get("compatibility_level");
            this.compat = PostfixDefaults.level(c == null ? null : c.raw());
            this.mainExpander = new Expander(this::rawMain, facts);
        }

        private String rawMain(String name) {
            MainCf.Param p = params.get(name);
            if (p != null) {
                return p.raw();
            }
            String d = PostfixDefaults.get(name, compat);
            if (d == null && QUIET_EMPTY.matcher(name).matches()) {
                return ""; // lookup tables, directories and lists whose defaults do not matter here
            }
            return d;
        }

        void go() {
            MainCf.Param mv = params.get("mail_version");
            if (mv != null) {
                facts.version(mv.raw());
            }
            for (var e : params.entrySet()) {
                String raw = e.getValue().raw();
                String value = mainExpander.expand(raw, e.getValue().source());
                facts.setting(e.getKey(), new Setting(value, e.getValue().source(), false, raw.equals(value) ? null : raw));
            }
            for (String d : PostfixDefaults.REPORTED) {
                if (!params.containsKey(d)) {
                    String raw = PostfixDefaults.get(d, compat);
                    String v = mainExpander.expand(raw, Source.BUILT_IN);
                    facts.setting(d, new Setting(v, Source.BUILT_IN, true, raw.equals(v) ? null : raw));
                }
            }
            aliases();
            if (!haveMain) {
                facts.warning("main.cf not supplied: built-in defaults assumed for every main.cf parameter",
                        Source.BUILT_IN, null);
            }
            boolean legacyDefaults = !params.containsKey("compatibility_level")
                    && !params.containsKey("smtpd_relay_restrictions") && !params.containsKey("smtpd_recipient_restrictions")
                    && services.values().stream().noneMatch(s -> s.overrides().containsKey("smtpd_relay_restrictions")
                            || s.overrides().containsKey("smtpd_recipient_restrictions"));
            if (legacyDefaults && haveMain) {
                facts.warning("compatibility_level not set and no relay/recipient restrictions: using the pre-2.10"
                        + " default smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination",
                        Source.BUILT_IN, null);
            }
            List<MasterCf.Service> inet = services.values().stream()
                    .filter(s -> s.type().equals("inet") && (s.command().equals("smtpd") || s.command().equals("postscreen")))
                    .toList();
            if (!haveMaster && services.isEmpty()) {
                facts.warning("master.cf not supplied: assuming the stock 'smtp inet ... smtpd' service on port 25",
                        Source.BUILT_IN, null);
                inet = List.of(new MasterCf.Service("smtp", "inet", "smtpd", List.of(), Map.of(), Source.BUILT_IN));
            }
            MasterCf.Service pass = services.get("smtpd/pass");
            Set<String> names = new HashSet<>();
            for (MasterCf.Service s : inet) {
                Map<String, MainCf.Param> overrides = new LinkedHashMap<>();
                if (s.command().equals("postscreen") && pass != null) {
                    overrides.putAll(pass.overrides());
                }
                overrides.putAll(s.overrides());
                String name = s.name();
                if (!names.add(name)) {
                    name = s.name() + "/" + s.source().line();
                    names.add(name);
                }
                listener(name, s, overrides, legacyDefaults);
            }
        }

        /**
         * alias_maps: the local aliases files it names, read as aliases(5), become alias:&lt;name&gt; settings (first
         * table with the name wins, as the local delivery agent looks them up). Network lookups are not evaluated.
         */
        private void aliases() {
            MainCf.Param p = params.get("alias_maps");
            Source at = p == null ? Source.BUILT_IN : p.source();
            String raw = rawMain("alias_maps");
            AliasesFile.collect("alias_maps", LookupTable.splitTopLevel(raw == null ? "" : mainExpander.expand(raw, at)),
                    at, p != null, supplied, facts);
        }

        private void listener(String name, MasterCf.Service s, Map<String, MainCf.Param> overrides, boolean legacy) {
            Expander ex = new Expander(n -> {
                MainCf.Param p = overrides.get(n);
                return p != null ? p.raw() : rawMain(n);
            }, facts);
            java.util.function.Function<String, String> value = n -> {
                MainCf.Param p = overrides.get(n);
                if (p != null) {
                    return ex.expand(p.raw(), p.source());
                }
                if (legacy && n.equals("smtpd_recipient_restrictions")) {
                    return "permit_mynetworks, reject_unauth_destination";
                }
                String raw = rawMain(n);
                return raw == null ? null : mainExpander.expand(raw, sourceOf(n, overrides));
            };
            Map<String, Setting> ls = new LinkedHashMap<>();
            overrides.forEach((k, p) -> {
                String v = ex.expand(p.raw(), p.source());
                ls.put(k, new Setting(v, p.source(), false, v.equals(p.raw()) ? null : p.raw()));
            });
            // Port and bind addresses.
            String svc = s.name();
            String host = null;
            String portText = svc;
            int colon = svc.lastIndexOf(':');
            if (colon > 0) {
                host = svc.substring(0, colon);
                portText = svc.substring(colon + 1);
            }
            Integer port = portText.matches("\\d+") ? Integer.valueOf(portText) : PORTS.get(portText);
            if (port == null) {
                facts.warning("service name '" + portText + "' is not a known port; port left unknown", s.source(), svc);
            }
            String portStr = port == null ? portText : String.valueOf(port);
            List<String> bind = new ArrayList<>();
            if (host != null) {
                bind.add(host + ":" + portStr);
            } else {
                String ifaces = value.apply("inet_interfaces");
                for (String i : LookupTable.splitTopLevel(ifaces == null ? "all" : ifaces)) {
                    switch (i.toLowerCase(Locale.ROOT)) {
                        case "all" -> bind.add("*:" + portStr);
                        case "loopback-only" -> {
                            bind.add("127.0.0.1:" + portStr);
                            bind.add("[::1]:" + portStr);
                        }
                        default -> bind.add((i.contains(":") && !i.startsWith("[") ? "[" + i + "]" : i) + ":" + portStr);
                    }
                }
            }
            boolean loopback = !bind.isEmpty() && bind.stream().allMatch(b -> AddressScope.isLoopback(
                    b.substring(0, b.lastIndexOf(':')).replace("[", "").replace("]", "")));
            boolean sasl = yes(value.apply("smtpd_sasl_auth_enable"));
            String level = value.apply("smtpd_tls_security_level");
            String tls;
            if (yes(value.apply("smtpd_tls_wrappermode"))) {
                tls = "implicit";
            } else if ("encrypt".equalsIgnoreCase(strip(level)) || (isBlank(level) && yes(value.apply("smtpd_enforce_tls")))) {
                tls = "required";
            } else if ("may".equalsIgnoreCase(strip(level)) || (isBlank(level) && yes(value.apply("smtpd_use_tls")))) {
                tls = "starttls";
            } else {
                tls = "none";
            }
            facts.listener(new Listener(name, bind, port, tls, sasl, false, loopback, true,
                    s.command(), s.source(), ls));

            // Relay rules.
            Restrictions.Env env = env(name, value, overrides, sasl);
            List<RuleAlgebra.NamedList> lists = new ArrayList<>();
            RelayPolicy.Broken broken = null;
            boolean working = false;
            for (String list : RCPT_TIME_LISTS) {
                String v = value.apply(list);
                Source at = sourceOf(list, overrides);
                List<RelayRule> rules = Restrictions.normalize(list, v, at, env, 0);
                lists.add(new RuleAlgebra.NamedList(list, rules));
                if (list.equals("smtpd_relay_restrictions") || list.equals("smtpd_recipient_restrictions")) {
                    for (String[] e : Restrictions.entries(v)) {
                        if (e[0].equals("permit")) {
                            break;
                        }
                        if (Restrictions.WORKING_REJECTS.contains(e[0])) {
                            working = true;
                        }
                    }
                }
            }
            if (!working) {
                broken = new RelayPolicy.Broken("no working reject_unauth_destination, defer_unauth_destination, reject,"
                        + " defer or defer_if_permit in smtpd_relay_restrictions or smtpd_recipient_restrictions"
                        + " (entries after a bare 'permit' do not count): smtpd refuses every connection",
                        sourceOf("smtpd_relay_restrictions", overrides));
            }
            List<RelayRule> combined = RuleAlgebra.distinct(RuleAlgebra.allMustPermit(lists, facts, s.source()));
            facts.relay(name, new RelayPolicy(combined, RelayRule.Action.PERMIT, broken, List.of()));
        }

        private Source sourceOf(String name, Map<String, MainCf.Param> overrides) {
            MainCf.Param p = overrides.get(name);
            if (p != null) {
                return p.source();
            }
            p = params.get(name);
            return p != null ? p.source() : Source.BUILT_IN;
        }

        private Restrictions.Env env(String listener, java.util.function.Function<String, String> value,
                Map<String, MainCf.Param> overrides, boolean sasl) {
            Source myNetSource = sourceOf("mynetworks", overrides);
            String mynetworks = value.apply("mynetworks");
            boolean explicit = overrides.containsKey("mynetworks") || params.containsKey("mynetworks");
            Clients clients;
            if (explicit) {
                List<String> patterns = new ArrayList<>();
                networks(mynetworks, myNetSource, patterns, listener, 0);
                clients = Clients.of(patterns);
            } else {
                String style = strip(value.apply("mynetworks_style")).toLowerCase(Locale.ROOT);
                clients = Clients.of(List.of("127.0.0.0/8", "::1/128", "style:" + (style.isEmpty() ? "host" : style)));
            }
            String relayDomains = value.apply("relay_domains");
            boolean matchAll = false;
            for (String d : LookupTable.splitTopLevel(relayDomains == null ? "" : relayDomains)) {
                if (d.toLowerCase(Locale.ROOT).startsWith("static:")) {
                    matchAll = true;
                } else if (d.equals("*")) {
                    facts.warning("'*' in relay_domains is not a wildcard in Postfix (it names a domain literally)",
                            sourceOf("relay_domains", overrides), d);
                } else if (d.contains(":") && table(d) == null && !d.startsWith("/")) {
                    facts.unresolved(new Unresolved("relay_domains", d, "lookup table content not supplied",
                            sourceOf("relay_domains", overrides), null));
                } else if (d.startsWith("/") && supplied.find(d).isEmpty()) {
                    facts.unresolved(new Unresolved("relay_domains", d, "file content not supplied",
                            sourceOf("relay_domains", overrides), null));
                }
            }
            boolean all = matchAll;
            String classesText = value.apply("smtpd_restriction_classes");
            Set<String> classes = new HashSet<>(LookupTable.splitTopLevel(classesText == null ? "" : classesText));
            return new Restrictions.Env() {
                public Clients mynetworks() {
                    return clients;
                }

                public boolean saslEnabled() {
                    return sasl;
                }

                public boolean relayDomainsMatchAll() {
                    return all;
                }

                public Restrictions.Table table(String reference) {
                    return Run.this.table(reference);
                }

                public String param(String name) {
                    return value.apply(name);
                }

                public Set<String> restrictionClasses() {
                    return classes;
                }

                public FactsBuilder facts() {
                    return facts;
                }

                public String listener() {
                    return listener;
                }
            };
        }

        /** mynetworks entries: CIDRs, hosts, [ipv6]/len, /file, type:table, !negation. */
        private void networks(String text, Source at, List<String> out, String listener, int depth) {
            for (String e : LookupTable.splitTopLevel(text == null ? "" : text)) {
                if (e.startsWith("/") && !e.contains(":")) {
                    var f = supplied.find(e);
                    if (f.isPresent() && depth < 5) {
                        StringBuilder sb = new StringBuilder();
                        for (String l : f.get().content().split("\n")) {
                            String t = l.strip();
                            if (!t.isEmpty() && !t.startsWith("#")) {
                                sb.append(t).append(' ');
                            }
                        }
                        networks(sb.toString(), Source.of(f.get().name(), 1), out, listener, depth + 1);
                    } else {
                        out.add("unresolved:" + e);
                        facts.unresolved(new Unresolved("mynetworks", e, "file content not supplied", at, null));
                    }
                } else if (e.contains(":") && !e.startsWith("[") && !e.startsWith("!") && e.matches("^[a-z_]+:.*")
                        && !e.matches("^[0-9a-fA-F:]+(/\\d+)?$")) {
                    Restrictions.Table t = table(e);
                    if (t == null) {
                        out.add("unresolved:" + e);
                        facts.unresolved(new Unresolved("mynetworks", e, "lookup table content not supplied", at, null));
                    } else if (t.staticResult() != null) {
                        out.add("0.0.0.0/0");
                        out.add("::/0");
                    } else if (t.regexp()) {
                        out.add("unresolved:" + e);
                        facts.unresolved(new Unresolved("mynetworks", e, "regular-expression tables are not evaluated", at, null));
                    } else {
                        for (LookupTable.Entry x : t.entries().entries()) {
                            out.add(Restrictions.clientKey(x.key()));
                        }
                    }
                } else {
                    out.add(e);
                }
            }
        }

        Restrictions.Table table(String reference) {
            String ref = reference.strip();
            if (ref.startsWith("proxy:")) {
                ref = ref.substring("proxy:".length());
            }
            int c = ref.indexOf(':');
            if (c < 0) {
                return null;
            }
            String type = ref.substring(0, c).toLowerCase(Locale.ROOT);
            String name = ref.substring(c + 1);
            switch (type) {
                case "static":
                    return new Restrictions.Table(name.startsWith("{") ? name.substring(1, Math.max(1, name.length() - 1)) : name, null, false);
                case "inline":
                    return new Restrictions.Table(null, LookupTable.inline(name, Source.BUILT_IN), false);
                case "hash", "texthash", "btree", "lmdb", "cdb", "dbm", "sdbm", "cidr":
                    return supplied.find(name).map(f -> new Restrictions.Table(null, LookupTable.parse(f), false)).orElse(null);
                case "pcre", "regexp":
                    return supplied.find(name).map(f -> new Restrictions.Table(null, LookupTable.parse(f), true)).orElse(null);
                default:
                    return null;
            }
        }
    }

    private static boolean yes(String v) {
        return v != null && (v.strip().equalsIgnoreCase("yes") || v.strip().equalsIgnoreCase("true"));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
