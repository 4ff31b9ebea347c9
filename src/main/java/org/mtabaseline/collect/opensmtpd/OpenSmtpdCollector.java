package org.mtabaseline.collect.opensmtpd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.collect.AddressScope;
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
 * OpenSMTPD smtpd.conf, both grammars: 6.4+ (`listen on`, `table`, `action`, `match ... action|reject`) and the
 * older one (`accept|reject from ... for ... relay|deliver`). Rules are evaluated top-down, first match wins.
 */
public final class OpenSmtpdCollector implements MtaCollector {
    private static final List<String> LOCAL_CLIENTS = List.of("127.0.0.0/8", "::1/128", "local:own addresses");

    /** A `listen on` line. */
    private record Listen(String name, String iface, Integer port, String tls, boolean auth, boolean authRequired,
            String tag, Source source, String text) {
    }

    @Override
    public MtaKind kind() {
        return MtaKind.OPENSMTPD;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        FactsBuilder facts = new FactsBuilder(MtaKind.OPENSMTPD);
        ConfigFile conf = null;
        List<ConfigFile> extra = new ArrayList<>();
        for (ConfigFile f : files) {
            if (conf == null && (f.baseName().endsWith("smtpd.conf") || f.content().contains("listen on"))) {
                facts.source(f, "smtpd.conf");
                conf = f;
            } else {
                facts.source(f, "table");
                extra.add(f);
            }
        }
        if (conf == null) {
            throw new ConfigParseException(files.get(0).name(), null, "no smtpd.conf among the supplied files");
        }
        new Parse(conf, new SuppliedFiles(extra), facts).run();
        return facts.build();
    }

    private static final class Parse {
        final ConfigFile file;
        final SuppliedFiles supplied;
        final FactsBuilder facts;
        final Map<String, String> macros = new LinkedHashMap<>();
        final Map<String, List<String>> tables = new LinkedHashMap<>();
        final Map<String, String> actions = new LinkedHashMap<>(); // name -> method
        final List<Listen> listens = new ArrayList<>();
        final List<Object[]> rules = new ArrayList<>(); // RelayRule, tag

        Parse(ConfigFile file, SuppliedFiles supplied, FactsBuilder facts) {
            this.file = file;
            this.supplied = supplied;
            this.facts = facts;
        }

        void run() {
            String[] lines = file.content().split("\n", -1);
            int understood = 0;
            int other = 0;
            for (int i = 0; i < lines.length; i++) {
                String raw = lines[i].replace("\r", "");
                String t = stripComment(raw).strip();
                while (t.endsWith("\\") && i + 1 < lines.length) {
                    t = t.substring(0, t.length() - 1) + " " + stripComment(lines[++i]).strip();
                }
                if (t.isEmpty()) {
                    continue;
                }
                Source at = Source.of(file.name(), i + 1);
                List<String> w = words(expand(t));
                if (w.isEmpty()) {
                    continue;
                }
                boolean ok = true;
                switch (w.get(0)) {
                    case "listen" -> listen(w, at, t);
                    case "table" -> table(w, at);
                    case "action" -> action(w, at);
                    case "match" -> match(w, at, t);
                    case "accept", "reject" -> {
                        if (w.size() > 1 && (w.get(1).equals("from") || w.get(1).equals("for") || w.get(1).equals("tagged")
                                || w.get(1).equals("sender") || w.get(1).equals("!"))) {
                            legacy(w, at, t);
                        } else {
                            ok = false;
                        }
                    }
                    case "pki", "ca", "limit", "queue", "smtp", "mta", "srs", "filter", "proc", "bounce", "expire",
                            "include", "maxsize", "hostname", "mda", "lmtp", "max-message-size", "ciphers", "admd" -> {
                        if (w.get(0).equals("include")) {
                            facts.unresolved(new Unresolved("include", w.size() > 1 ? w.get(1) : "", "included file"
                                    + " not supplied", at, null));
                        }
                        facts.setting(w.get(0) + (w.size() > 1 ? " " + w.get(1) : ""), Setting.of(t, at));
                    }
                    default -> {
                        if (w.size() >= 3 && w.get(1).equals("=")) {
                            macros.put(w.get(0), unquote(String.join(" ", w.subList(2, w.size()))));
                            facts.setting("macro " + w.get(0), Setting.of(macros.get(w.get(0)), at));
                        } else {
                            ok = false;
                        }
                    }
                }
                if (ok) {
                    understood++;
                } else {
                    other++;
                    facts.warning("unsupported smtpd.conf statement '" + w.get(0) + "'", at, t);
                }
            }
            if (understood == 0) {
                throw new ConfigParseException(file.name(), null, "no smtpd.conf statement recognised");
            }
            build();
        }

        private void listen(List<String> w, Source at, String text) {
            if (w.size() < 3 || !w.get(1).equals("on")) {
                facts.warning("listen without 'on'", at, text);
                return;
            }
            String iface = w.get(2);
            if (iface.equals("socket")) {
                facts.setting("listen on socket", Setting.of(text, at));
                return; // the local enqueuer, not a network listener
            }
            Integer port = null;
            String tls = "none";
            boolean auth = false;
            boolean authRequired = false;
            String tag = null;
            for (int k = 3; k < w.size(); k++) {
                switch (w.get(k)) {
                    case "port" -> {
                        if (k + 1 < w.size()) {
                            String p = w.get(++k);
                            port = p.matches("\\d+") ? Integer.valueOf(p) : p.equals("submission") ? 587 : p.equals("smtps") ? 465 : 25;
                        }
                    }
                    case "tls" -> tls = "starttls";
                    case "tls-require" -> tls = "required";
                    case "smtps" -> tls = "implicit";
                    case "auth" -> {
                        auth = true;
                        authRequired = true;
                    }
                    case "auth-optional" -> auth = true;
                    case "tag" -> tag = k + 1 < w.size() ? w.get(++k) : null;
                    default -> {
                    }
                }
            }
            if (port == null) {
                port = tls.equals("implicit") ? 465 : 25;
            }
            String name = "listen on " + iface + (port == 25 ? "" : " port " + port);
            String finalName = name;
            int n = 2;
            while (listens.stream().anyMatch(l -> l.name().equals(finalName))) {
                name = finalName + " #" + n++;
            }
            listens.add(new Listen(name, iface, port, tls, auth, authRequired, tag, at, text));
        }

        private void table(List<String> w, Source at) {
            if (w.size() < 3) {
                facts.warning("table without content", at, String.join(" ", w));
                return;
            }
            String name = w.get(1);
            String rest = String.join(" ", w.subList(2, w.size()));
            List<String> values = new ArrayList<>();
            if (rest.startsWith("{")) {
                for (String item : LookupTable.splitTopLevel(rest.replace("{", " ").replace("}", " "))) {
                    String it = unquote(item);
                    int eq = it.indexOf('=');
                    values.add(eq > 0 ? unquote(it.substring(0, eq).strip()) : it);
                }
            } else {
                String spec = unquote(rest);
                String path = spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : spec;
                var f = supplied.find(path);
                if (f.isPresent()) {
                    for (LookupTable.Entry e : LookupTable.parse(f.get()).entries()) {
                        values.add(e.key());
                    }
                } else {
                    facts.unresolved(new Unresolved("table " + name, spec, "table content not supplied", at, null));
                    values.add("unresolved:" + spec);
                }
            }
            tables.put(name, values);
            facts.setting("table " + name, Setting.of(values, at));
        }

        private void action(List<String> w, Source at) {
            if (w.size() < 3) {
                facts.warning("action without a method", at, String.join(" ", w));
                return;
            }
            actions.put(unquote(w.get(1)), w.get(2));
            facts.setting("action " + unquote(w.get(1)), Setting.of(String.join(" ", w.subList(2, w.size())), at));
        }

        private void match(List<String> w, Source at, String text) {
            Clients client = Clients.of(LOCAL_CLIENTS);
            Recipients rcpt = Recipients.LOCAL;
            Boolean auth = null;
            String tag = null;
            List<String> cond = new ArrayList<>();
            boolean attacker = true;
            Action action = null;
            boolean unresolved = false;
            String actionName = null;
            for (int k = 1; k < w.size(); k++) {
                boolean neg = false;
                String tok = w.get(k);
                if (tok.equals("!")) {
                    neg = true;
                    tok = k + 1 < w.size() ? w.get(++k) : "";
                } else if (tok.startsWith("!")) {
                    neg = true;
                    tok = tok.substring(1);
                }
                switch (tok) {
                    case "from" -> {
                        String what = k + 1 < w.size() ? w.get(++k) : "any";
                        switch (what) {
                            case "any" -> client = Clients.ANY;
                            case "local", "socket" -> client = Clients.of(LOCAL_CLIENTS);
                            case "src" -> {
                                List<String> v = tableValues(k + 1 < w.size() ? w.get(++k) : "", at);
                                client = Clients.of(v);
                                unresolved |= v.stream().anyMatch(x -> x.startsWith("unresolved:"));
                            }
                            case "auth" -> {
                                client = Clients.ANY;
                                auth = true;
                                if (k + 1 < w.size() && w.get(k + 1).startsWith("<")) {
                                    k++;
                                }
                            }
                            case "rdns", "mail-from" -> {
                                client = Clients.ANY;
                                String arg = k + 1 < w.size() && w.get(k + 1).startsWith("<") ? w.get(++k) : "";
                                cond.add("from " + what + " " + arg);
                            }
                            default -> {
                                facts.warning("unsupported 'from " + what + "'", at, text);
                                client = Clients.ANY;
                            }
                        }
                        if (neg) {
                            client = Clients.ANY;
                            cond.add("not from " + what);
                            attacker = false;
                        }
                    }
                    case "for" -> {
                        String what = k + 1 < w.size() ? w.get(++k) : "any";
                        switch (what) {
                            case "any" -> rcpt = Recipients.ANY;
                            case "local" -> rcpt = Recipients.LOCAL;
                            case "domain", "rcpt-to" -> {
                                String arg = k + 1 < w.size() ? w.get(++k) : "";
                                if (arg.equals("{")) {
                                    StringBuilder sb = new StringBuilder();
                                    while (k + 1 < w.size() && !w.get(k + 1).equals("}")) {
                                        sb.append(w.get(++k)).append(' ');
                                    }
                                    k++;
                                    arg = sb.toString();
                                }
                                List<String> v = arg.startsWith("<") ? tableValues(arg, at)
                                        : LookupTable.splitTopLevel(arg).stream().map(OpenSmtpdCollector::unquote)
                                                .map(x -> x.startsWith("<") ? String.join(",", tableValues(x, at)) : x).toList();
                                rcpt = Recipients.of(v);
                            }
                            default -> facts.warning("unsupported 'for " + what + "'", at, text);
                        }
                        if (neg) {
                            rcpt = Recipients.ANY;
                            cond.add("not for " + what);
                            attacker = false;
                        }
                    }
                    case "auth" -> {
                        auth = !neg;
                        if (k + 1 < w.size() && w.get(k + 1).startsWith("<")) {
                            k++;
                        }
                    }
                    case "tag" -> tag = k + 1 < w.size() ? w.get(++k) : null;
                    case "mail-from", "helo", "rcpt-to", "tls" -> {
                        String arg = k + 1 < w.size() && w.get(k + 1).startsWith("<") ? w.get(++k) : "";
                        cond.add((neg ? "!" : "") + tok + " " + arg); // all chosen by the client
                    }
                    case "action" -> {
                        actionName = k + 1 < w.size() ? unquote(w.get(++k)) : "";
                        String method = actions.get(actionName);
                        if (method == null) {
                            facts.warning("match refers to undefined action '" + actionName + "'", at, text);
                            action = Action.REJECT;
                        } else {
                            action = method.equals("relay") ? Action.PERMIT : null;
                        }
                    }
                    case "reject" -> action = Action.REJECT;
                    default -> {
                    }
                }
            }
            if (action == null && actionName != null) {
                // delivery actions (mbox, maildir, lmtp, mda, forward-only, expand-only) do not relay
                action = rcpt.kind() == Recipients.Kind.ANY ? Action.REJECT : Action.PERMIT;
                cond.add("delivered by action \"" + actionName + "\" (" + actions.get(actionName) + "), not relayed");
                attacker = false;
            }
            if (action == null) {
                facts.warning("match without action or reject", at, text);
                return;
            }
            String c = cond.isEmpty() ? null : String.join("; ", cond);
            rules.add(new Object[] {new RelayRule(client, auth, rcpt, null, action, c, c == null ? null : attacker,
                    unresolved, "match", at, text), tag});
        }

        private void legacy(List<String> w, Source at, String text) {
            boolean accept = w.get(0).equals("accept");
            Clients client = Clients.of(LOCAL_CLIENTS);
            Recipients rcpt = Recipients.LOCAL;
            boolean relay = false;
            String tag = null;
            boolean unresolved = false;
            for (int k = 1; k < w.size(); k++) {
                switch (w.get(k)) {
                    case "from" -> {
                        String what = k + 1 < w.size() ? w.get(++k) : "any";
                        if (what.equals("any")) {
                            client = Clients.ANY;
                        } else if (what.equals("local")) {
                            client = Clients.of(LOCAL_CLIENTS);
                        } else if (what.equals("source") && k + 1 < w.size()) {
                            List<String> v = tableValues(w.get(++k), at);
                            client = Clients.of(v);
                            unresolved |= v.stream().anyMatch(x -> x.startsWith("unresolved:"));
                        }
                    }
                    case "for" -> {
                        String what = k + 1 < w.size() ? w.get(++k) : "any";
                        if (what.equals("any")) {
                            rcpt = Recipients.ANY;
                        } else if (what.equals("local")) {
                            rcpt = Recipients.LOCAL;
                        } else if (what.equals("domain") && k + 1 < w.size()) {
                            String d = w.get(++k);
                            rcpt = Recipients.of(d.startsWith("<") ? tableValues(d, at) : List.of(unquote(d)));
                        }
                    }
                    case "relay" -> relay = true;
                    case "tagged" -> tag = k + 1 < w.size() ? w.get(++k) : null;
                    default -> {
                    }
                }
            }
            Action action = !accept ? Action.REJECT : relay ? Action.PERMIT
                    : rcpt.kind() == Recipients.Kind.ANY ? Action.REJECT : Action.PERMIT;
            String cond = accept && !relay ? "delivered locally, not relayed" : null;
            rules.add(new Object[] {new RelayRule(client, null, rcpt, null, action, cond, cond == null ? null : false,
                    unresolved, accept ? "accept" : "reject", at, text), tag});
        }

        private List<String> tableValues(String ref, Source at) {
            String name = ref.replace("<", "").replace(">", "").strip();
            List<String> v = tables.get(name);
            if (v == null) {
                facts.unresolved(new Unresolved("table", "<" + name + ">", "table not defined in the supplied files", at, null));
                return List.of("unresolved:<" + name + ">");
            }
            return v;
        }

        private void build() {
            if (listens.isEmpty()) {
                // smtpd listens nowhere on the network without a listen directive (only the local socket)
                facts.warning("no 'listen on' directive: only local submission through the socket", Source.of(file.name(), 1), null);
                return;
            }
            for (Listen l : listens) {
                String iface = l.iface();
                String bind = (iface.contains(":") && !iface.startsWith("[") ? "[" + iface + "]" : iface) + ":" + l.port();
                boolean loop = AddressScope.isLoopback(iface);
                Map<String, Setting> ls = new LinkedHashMap<>();
                ls.put("listen", Setting.of(l.text(), l.source()));
                facts.listener(new Listener(l.name(), List.of(bind), l.port(), l.tls(), l.auth(), l.authRequired(), loop,
                        true, "listen", l.source(), ls));
                List<RelayRule> mine = new ArrayList<>();
                for (Object[] r : rules) {
                    String tag = (String) r[1];
                    if (tag == null || tag.equals(l.tag())) {
                        RelayRule rule = (RelayRule) r[0];
                        if (l.authRequired() && rule.authenticated() == null) {
                            rule = new RelayRule(rule.client(), true, rule.recipient(), rule.except(), rule.action(),
                                    rule.condition(), rule.attackerControlled(), rule.unresolved(), rule.setting(),
                                    rule.source(), rule.text() + " (listener requires auth)");
                        }
                        mine.add(rule);
                    }
                }
                facts.relay(l.name(), new RelayPolicy(mine, Action.REJECT, null, List.of()));
            }
        }

        private String expand(String t) {
            if (macros.isEmpty() || t.indexOf('$') < 0) {
                return t;
            }
            String out = t;
            for (var e : macros.entrySet()) {
                out = out.replace("$" + e.getKey(), e.getValue());
            }
            return out;
        }
    }

    static String stripComment(String l) {
        boolean quote = false;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '"') {
                quote = !quote;
            } else if (c == '#' && !quote) {
                return l.substring(0, i);
            }
        }
        return l;
    }

    /** Words; quoted strings and <table> references stay whole; braces are separate words. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quote = !quote;
                cur.append(c);
            } else if (!quote && (Character.isWhitespace(c) || c == '{' || c == '}' || c == ',')) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (c == '{' || c == '}') {
                    out.add(String.valueOf(c));
                }
            } else {
                cur.append(c);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return out;
    }

    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
