package org.mtabaseline.collect.qmail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mtabaseline.collect.Cidr;
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
 * qmail: tcpserver rules (tcp.smtp: `prefix:allow,RELAYCLIENT=""`, `:deny`) and control/rcpthosts +
 * morercpthosts. RELAYCLIENT lets a client relay anywhere; otherwise only rcpthosts domains are accepted, and a
 * missing rcpthosts means no restriction at all.
 */
public final class QmailCollector implements MtaCollector {
    private record TcpRule(String prefix, List<String> clients, boolean allow, boolean relayClient, Source source,
            String text, int specificity) {
    }

    @Override
    public MtaKind kind() {
        return MtaKind.QMAIL;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        FactsBuilder facts = new FactsBuilder(MtaKind.QMAIL);
        List<TcpRule> tcp = new ArrayList<>();
        List<String> rcpthosts = null;
        Source rcptSource = null;
        boolean sawTcp = false;
        for (ConfigFile f : files) {
            String b = f.baseName().toLowerCase(Locale.ROOT);
            if (b.equals("rcpthosts") || b.equals("morercpthosts")) {
                facts.source(f, b);
                if (rcpthosts == null) {
                    rcpthosts = new ArrayList<>();
                }
                String[] lines = f.content().split("\n");
                for (int i = 0; i < lines.length; i++) {
                    String t = lines[i].strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        rcpthosts.add(t);
                        if (rcptSource == null) {
                            rcptSource = Source.of(f.name(), i + 1);
                        }
                    }
                }
                if (rcptSource == null) {
                    rcptSource = Source.of(f.name(), 1);
                }
            } else {
                facts.source(f, "tcp.smtp");
                sawTcp = true;
                tcpRules(f, tcp, facts);
            }
        }
        if (!sawTcp && rcpthosts == null) {
            throw new ConfigParseException(files.get(0).name(), null, "no qmail tcp.smtp or rcpthosts file");
        }
        if (rcpthosts != null) {
            facts.setting("rcpthosts", Setting.of(rcpthosts, rcptSource));
        }
        facts.listener(new Listener("qmail-smtpd", List.of("*:25"), 25, "none", false, false, false, true,
                "qmail-smtpd", Source.BUILT_IN, Map.of()));
        List<RelayRule> rules = new ArrayList<>();
        // tcpserver picks the most specific matching rule, so order by specificity for first-match semantics.
        tcp.sort(Comparator.comparingInt(TcpRule::specificity).reversed());
        for (TcpRule r : tcp) {
            Clients c = r.clients() == null ? Clients.ANY : Clients.of(r.clients());
            if (!r.allow()) {
                rules.add(new RelayRule(c, null, Recipients.ANY, null, Action.REJECT, null, null, false, "tcp.smtp",
                        r.source(), r.text()));
            } else if (r.relayClient()) {
                rules.add(new RelayRule(c, null, Recipients.ANY, null, Action.PERMIT, null, null, false, "RELAYCLIENT",
                        r.source(), r.text()));
            }
        }
        if (rcpthosts == null) {
            facts.unresolved(new Unresolved("rcpthosts", "control/rcpthosts", "rcpthosts not supplied; if it is absent"
                    + " on the host qmail-smtpd accepts every recipient domain", Source.BUILT_IN, null));
            rules.add(new RelayRule(Clients.ANY, null, Recipients.of(List.of("unresolved:control/rcpthosts")), null,
                    Action.PERMIT, null, null, true, "rcpthosts", Source.BUILT_IN, "control/rcpthosts"));
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, Recipients.of(List.of("unresolved:control/rcpthosts")),
                    Action.REJECT, null, null, true, "rcpthosts", Source.BUILT_IN, "553 sorry, that domain isn't in my list of allowed rcpthosts"));
        } else if (rcpthosts.isEmpty()) {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, null, Action.PERMIT, null, null, false,
                    "rcpthosts", rcptSource, "empty rcpthosts"));
        } else {
            rules.add(new RelayRule(Clients.ANY, null, Recipients.of(rcpthosts), null, Action.PERMIT, null, null, false,
                    "rcpthosts", rcptSource, "rcpthosts: " + String.join(" ", rcpthosts)));
            rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, Recipients.of(rcpthosts), Action.REJECT, null,
                    null, false, "rcpthosts", rcptSource, "553 sorry, that domain isn't in my list of allowed rcpthosts"));
        }
        facts.relay("qmail-smtpd", new RelayPolicy(rules, Action.REJECT, null, List.of()));
        return facts.build();
    }

    private static void tcpRules(ConfigFile f, List<TcpRule> out, FactsBuilder facts) {
        String[] lines = f.content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].replace("\r", "").strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            Source at = Source.of(f.name(), i + 1);
            int colon = t.indexOf(":allow") >= 0 ? t.indexOf(":allow") : t.indexOf(":deny");
            if (colon < 0) {
                facts.warning("not a tcpserver rule (address:allow|deny[,VAR=value])", at, t);
                continue;
            }
            String addr = t.substring(0, colon);
            String rest = t.substring(colon + 1);
            boolean allow = rest.startsWith("allow");
            boolean relay = rest.contains("RELAYCLIENT");
            List<String> clients;
            int spec;
            if (addr.isEmpty()) {
                clients = null;
                spec = 0;
            } else if (addr.startsWith("=")) {
                clients = List.of(addr.substring(1));
                spec = 100;
            } else if (addr.matches("[0-9.]+-\\d+")) {
                int dot = addr.lastIndexOf('.');
                String base = addr.substring(0, dot + 1);
                String[] r = addr.substring(dot + 1).split("-");
                clients = Cidr.fromRange(base + r[0], base + r[1]);
                spec = 32;
            } else if (addr.matches("[0-9.]+")) {
                String[] p = addr.split("\\.");
                boolean prefix = addr.endsWith(".");
                int octets = p.length;
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < 4; k++) {
                    sb.append(k < octets ? p[k] : "0").append(k < 3 ? "." : "");
                }
                clients = List.of(sb + "/" + (prefix || octets < 4 ? octets * 8 : 32));
                spec = octets * 8;
            } else {
                clients = List.of(addr);
                spec = 50;
                facts.warning("tcpserver rule key not understood as an address prefix; kept as written", at, addr);
            }
            out.add(new TcpRule(addr, clients, allow, relay, at, t, spec));
        }
    }
}
