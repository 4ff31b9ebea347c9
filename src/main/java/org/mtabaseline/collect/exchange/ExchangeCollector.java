package org.mtabaseline.collect.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.mtabaseline.collect.Cidr;
import org.mtabaseline.collect.Clients;
import org.mtabaseline.collect.CollectedFacts;
import org.mtabaseline.collect.ConfigFile;
import org.mtabaseline.collect.ConfigParseException;
import org.mtabaseline.collect.FactsBuilder;
import org.mtabaseline.collect.Listener;
import org.mtabaseline.collect.AddressScope;
import org.mtabaseline.collect.MtaCollector;
import org.mtabaseline.collect.MtaKind;
import org.mtabaseline.collect.Recipients;
import org.mtabaseline.collect.RelayPolicy;
import org.mtabaseline.collect.RelayRule;
import org.mtabaseline.collect.RelayRule.Action;
import org.mtabaseline.collect.Setting;
import org.mtabaseline.collect.Source;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Microsoft Exchange receive connectors: `Get-ReceiveConnector | Format-List` text, `ConvertTo-Json` output or
 * `Export-Clixml` XML, plus `Get-ADPermission` output (Format-List, table or JSON). One listener per connector.
 */
public final class ExchangeCollector implements MtaCollector {
    private static final String[] PERMISSION_GROUPS = {"AnonymousUsers", "ExchangeUsers", "ExchangeServers",
        "ExchangeLegacyServers", "Partners", "Custom"};
    private static final String[] AUTH_MECHANISMS = {"Tls", "Integrated", "BasicAuth", "BasicAuthRequireTLS",
        "ExchangeServer", "ExternalAuthoritative"};
    private static final String ANY_RECIPIENT = "ms-exch-smtp-accept-any-recipient";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One connector's properties (name -> value) and where it starts. */
    record Connector(Map<String, Object> props, Source source) {
        String get(String k) {
            Object v = props.get(k);
            return v == null ? null : v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
        }

        List<String> list(String k) {
            Object v = props.get(k);
            if (v == null) {
                return List.of();
            }
            if (v instanceof List<?> l) {
                return l.stream().map(String::valueOf).toList();
            }
            String s = String.valueOf(v).strip();
            if (s.startsWith("{") && s.endsWith("}")) {
                s = s.substring(1, s.length() - 1);
            }
            List<String> out = new ArrayList<>();
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
            return out;
        }
    }

    /** An explicit AD permission entry. */
    record Grant(String identity, String user, List<String> rights, boolean deny, boolean inherited, Source source) {
    }

    @Override
    public MtaKind kind() {
        return MtaKind.EXCHANGE;
    }

    @Override
    public CollectedFacts collect(List<ConfigFile> files) {
        FactsBuilder facts = new FactsBuilder(MtaKind.EXCHANGE);
        List<Connector> connectors = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        boolean sawPermissions = false;
        for (ConfigFile f : files) {
            String c = f.content().replace("\uFEFF", "");
            String lower = c.toLowerCase(Locale.ROOT);
            boolean permissions = lower.contains("extendedrights") || lower.contains("accessrights")
                    || f.baseName().toLowerCase(Locale.ROOT).contains("adpermission");
            if (permissions && !lower.contains("remoteipranges")) {
                facts.source(f, "ad-permission");
                sawPermissions = true;
                grants.addAll(permissions(f, c, facts));
                continue;
            }
            facts.source(f, "receive-connector");
            String t = c.stripLeading();
            if (t.startsWith("<")) {
                connectors.addAll(clixml(f, c));
            } else if (t.startsWith("{") || t.startsWith("[")) {
                connectors.addAll(json(f, c));
            } else {
                connectors.addAll(formatList(f, c));
            }
        }
        if (connectors.isEmpty()) {
            throw new ConfigParseException(files.get(0).name(), null, "no receive connector (Get-ReceiveConnector"
                    + " output with RemoteIPRanges) found");
        }
        if (!sawPermissions) {
            facts.warning("Get-ADPermission output not supplied: explicit grants of ms-Exch-SMTP-Accept-Any-Recipient"
                    + " (anonymous relay) cannot be seen; only permission-group defaults are used",
                    connectors.get(0).source(), null);
        }
        for (Connector c : connectors) {
            connector(c, grants, sawPermissions, facts);
        }
        return facts.build();
    }

    private static void connector(Connector c, List<Grant> grants, boolean sawPermissions, FactsBuilder facts) {
        String identity = c.get("Identity") != null ? c.get("Identity") : c.get("Name");
        String name = identity == null ? "connector@" + c.source().line() : identity;
        List<String> bindings = c.list("Bindings");
        Integer port = null;
        for (String b : bindings) {
            int colon = b.lastIndexOf(':');
            if (colon > 0 && b.substring(colon + 1).matches("\\d+")) {
                port = Integer.valueOf(b.substring(colon + 1));
                break;
            }
        }
        List<String> auth = flags(c.get("AuthMechanism"), AUTH_MECHANISMS);
        List<String> groups = flags(c.get("PermissionGroups"), PERMISSION_GROUPS);
        boolean requireTls = "true".equalsIgnoreCase(c.get("RequireTLS"));
        boolean enabled = c.get("Enabled") == null || "true".equalsIgnoreCase(c.get("Enabled"));
        String tls = requireTls ? "required" : auth.contains("Tls") ? "starttls" : "none";
        boolean canAuth = auth.contains("BasicAuth") || auth.contains("Integrated") || auth.contains("ExchangeServer");
        Map<String, Setting> ls = new LinkedHashMap<>();
        for (String k : List.of("TransportRole", "Bindings", "RemoteIPRanges", "PermissionGroups", "AuthMechanism",
                "Banner", "RequireTLS", "MaxMessageSize", "MaxRecipientsPerMessage", "Enabled", "Fqdn")) {
            if (c.props().containsKey(k)) {
                Object v = c.props().get(k);
                ls.put(k, Setting.of(v instanceof List<?> ? c.list(k) : v == null ? null : String.valueOf(v), c.source()));
            }
        }
        ls.put("PermissionGroups", Setting.of(groups, c.source()));
        ls.put("AuthMechanism", Setting.of(auth, c.source()));
        boolean loopback = !bindings.isEmpty() && bindings.stream().allMatch(b -> AddressScope.isLoopback(
                b.substring(0, Math.max(0, b.lastIndexOf(':'))).replace("[", "").replace("]", "")));
        facts.listener(new Listener(name, bindings, port, tls, canAuth, false, loopback, enabled,
                c.get("TransportRole"), c.source(), ls));

        List<String> clients = new ArrayList<>();
        for (String r : c.list("RemoteIPRanges")) {
            int dash = r.indexOf('-');
            if (dash > 0 && !r.contains("/")) {
                List<String> cidrs = Cidr.fromRange(r.substring(0, dash).strip(), r.substring(dash + 1).strip());
                clients.addAll(cidrs.isEmpty() ? List.of(r) : cidrs);
            } else {
                clients.add(r);
            }
        }
        Clients from = clients.isEmpty() ? Clients.of(List.of("0.0.0.0/0", "::/0")) : Clients.of(clients);
        List<RelayRule> rules = new ArrayList<>();
        for (Grant g : grants) {
            if (g.deny() || g.inherited() || !sameConnector(g.identity(), identity, c.get("Name"))) {
                continue;
            }
            boolean anonymous = g.user().toUpperCase(Locale.ROOT).contains("ANONYMOUS") || g.user().contains("S-1-5-7");
            boolean anyRecipient = g.rights().stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).contains(ANY_RECIPIENT));
            if (anyRecipient) {
                rules.add(new RelayRule(from, anonymous ? Boolean.FALSE : Boolean.TRUE, Recipients.ANY, null,
                        Action.PERMIT, null, null, false, "ms-Exch-SMTP-Accept-Any-Recipient", g.source(),
                        g.user() + " ms-Exch-SMTP-Accept-Any-Recipient on " + g.identity()));
            }
        }
        if (auth.contains("ExternalAuthoritative") && groups.contains("ExchangeServers")) {
            rules.add(new RelayRule(from, null, Recipients.ANY, null, Action.PERMIT, null, null, false, "AuthMechanism",
                    c.source(), "AuthMechanism ExternalAuthoritative + PermissionGroups ExchangeServers (externally"
                    + " secured: every client in RemoteIPRanges is trusted as a server)"));
        }
        for (String g : groups) {
            switch (g) {
                case "ExchangeUsers", "ExchangeServers", "ExchangeLegacyServers" -> rules.add(new RelayRule(from, true,
                        Recipients.ANY, null, Action.PERMIT, null, null, false, "PermissionGroups", c.source(),
                        g + " (authenticated: includes ms-Exch-SMTP-Accept-Any-Recipient)"));
                case "AnonymousUsers", "Partners" -> rules.add(new RelayRule(from, null, Recipients.LOCAL, null,
                        Action.PERMIT, null, null, false, "PermissionGroups", c.source(),
                        g + " (accepted domains only; no ms-Exch-SMTP-Accept-Any-Recipient by default)"));
                default -> {
                }
            }
        }
        rules.add(new RelayRule(Clients.ANY, null, Recipients.ANY, Recipients.LOCAL, Action.REJECT, null, null, false,
                "ms-Exch-SMTP-Accept-Any-Recipient", c.source(), "550 5.7.54 Unable to relay (no Accept-Any-Recipient right)"));
        facts.relay(name, new RelayPolicy(rules, Action.REJECT, null, List.of()));
    }

    private static boolean sameConnector(String grantIdentity, String identity, String name) {
        if (grantIdentity == null) {
            return true;
        }
        String g = grantIdentity.strip().toLowerCase(Locale.ROOT);
        return identity != null && (g.equals(identity.toLowerCase(Locale.ROOT)) || g.endsWith("\\" + identity.toLowerCase(Locale.ROOT)))
                || name != null && (g.equals(name.toLowerCase(Locale.ROOT)) || g.endsWith("\\" + name.toLowerCase(Locale.ROOT)));
    }

    /** Flag enums given as names ("Tls, BasicAuth"), a number (bitmask) or a list. */
    static List<String> flags(String value, String[] names) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        String v = value.strip();
        if (v.matches("\\d+")) {
            long bits = Long.parseLong(v);
            for (int i = 0; i < names.length; i++) {
                if ((bits & (1L << i)) != 0) {
                    out.add(names[i]);
                }
            }
            return out;
        }
        for (String p : v.replace("{", "").replace("}", "").split("[,\\s]+")) {
            for (String n : names) {
                if (n.equalsIgnoreCase(p.strip())) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    // ---------- formats ----------

    static List<Connector> formatList(ConfigFile f, String c) {
        List<Connector> out = new ArrayList<>();
        Map<String, Object> cur = null;
        Source start = null;
        String lastKey = null;
        String[] lines = c.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replace("\r", "");
            if (l.isBlank()) {
                if (cur != null && cur.containsKey("RemoteIPRanges")) {
                    out.add(new Connector(cur, start));
                }
                if (cur != null && !cur.isEmpty()) {
                    cur = null;
                }
                continue;
            }
            int colon = l.indexOf(" : ");
            if (colon > 0 && !Character.isWhitespace(l.charAt(0))) {
                if (cur == null) {
                    cur = new LinkedHashMap<>();
                    start = Source.of(f.name(), i + 1);
                }
                lastKey = l.substring(0, colon).strip();
                cur.put(lastKey, l.substring(colon + 3).strip());
            } else if (cur != null && lastKey != null && Character.isWhitespace(l.charAt(0))) {
                cur.put(lastKey, cur.get(lastKey) + " " + l.strip());
            }
        }
        if (cur != null && cur.containsKey("RemoteIPRanges")) {
            out.add(new Connector(cur, start));
        }
        return out;
    }

    static List<Connector> json(ConfigFile f, String c) {
        List<Connector> out = new ArrayList<>();
        JsonNode root;
        try {
            root = MAPPER.readTree(c);
        } catch (Exception e) {
            throw new ConfigParseException(f.name(), null, "not valid JSON: " + e.getMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(items::add);
        } else {
            items.add(root);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            Map<String, Object> props = new LinkedHashMap<>();
            n.fields().forEachRemaining(e -> props.put(e.getKey(), jsonValue(e.getValue())));
            String needle = n.has("Identity") ? jsonValue(n.get("Identity")).toString() : null;
            int line = needle == null ? 1 : lineOf(c, needle);
            out.add(new Connector(props, Source.of(f.name(), line)));
        }
        return out;
    }

    private static Object jsonValue(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<String> l = new ArrayList<>();
            v.forEach(x -> l.add(String.valueOf(jsonValue(x))));
            return l;
        }
        if (v.isObject()) {
            if (v.has("Value") && v.size() <= 2) {
                return jsonValue(v.get("Value"));
            }
            if (v.has("Address") && v.has("Port")) {
                String a = v.get("Address").asText();
                return (a.contains(":") ? "[" + a + "]" : a) + ":" + v.get("Port").asText();
            }
            if (v.has("Name")) {
                return v.get("Name").asText();
            }
            if (v.has("Expression")) {
                return v.get("Expression").asText();
            }
            return v.toString();
        }
        return v.asText();
    }

    static List<Connector> clixml(ConfigFile f, String c) {
        Document doc;
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            dbf.setExpandEntityReferences(false);
            dbf.setNamespaceAware(false);
            DocumentBuilder db = dbf.newDocumentBuilder();
            db.setErrorHandler(null);
            doc = db.parse(new InputSource(new StringReader(c)));
        } catch (Exception e) {
            throw new ConfigParseException(f.name(), null, "not well-formed Export-Clixml XML: " + e.getMessage());
        }
        Map<String, Object> byRef = new LinkedHashMap<>();
        List<Connector> out = new ArrayList<>();
        Element root = doc.getDocumentElement();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element obj) || !obj.getTagName().equals("Obj")) {
                continue;
            }
            Map<String, Object> props = new LinkedHashMap<>();
            Element propsEl = child(obj, "Props");
            if (propsEl == null) {
                continue;
            }
            for (Node p = propsEl.getFirstChild(); p != null; p = p.getNextSibling()) {
                if (p instanceof Element e && e.hasAttribute("N")) {
                    props.put(e.getAttribute("N"), xmlValue(e, byRef));
                }
            }
            if (!props.containsKey("RemoteIPRanges") && !props.containsKey("Bindings")) {
                continue;
            }
            String toString = text(child(obj, "ToString"));
            if (!props.containsKey("Identity") && toString != null) {
                props.put("Identity", toString);
            }
            int line = toString == null ? 1 : lineOf(c, "<ToString>" + xmlEscape(toString) + "</ToString>");
            out.add(new Connector(props, Source.of(f.name(), line)));
        }
        return out;
    }

    private static Object xmlValue(Element e, Map<String, Object> byRef) {
        String tag = e.getTagName();
        switch (tag) {
            case "Ref" -> {
                return byRef.get(e.getAttribute("RefId"));
            }
            case "Nil" -> {
                return null;
            }
            case "Obj" -> {
                Object v;
                Element lst = child(e, "LST");
                if (lst == null) {
                    lst = child(e, "IE");
                }
                if (lst != null) {
                    List<String> items = new ArrayList<>();
                    for (Node n = lst.getFirstChild(); n != null; n = n.getNextSibling()) {
                        if (n instanceof Element it) {
                            Object iv = it.getTagName().equals("Obj") ? text(child(it, "ToString")) : xmlValue(it, byRef);
                            if (iv == null && it.getTagName().equals("Obj")) {
                                iv = xmlValue(it, byRef);
                            }
                            if (iv != null) {
                                items.add(String.valueOf(iv));
                            }
                        }
                    }
                    v = items;
                } else {
                    String ts = text(child(e, "ToString"));
                    v = ts != null ? ts : e.getTextContent().strip();
                }
                if (e.hasAttribute("RefId")) {
                    byRef.put(e.getAttribute("RefId"), v);
                }
                return v;
            }
            default -> {
                return e.getTextContent();
            }
        }
    }

    private static Element child(Element e, String tag) {
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element c && c.getTagName().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? null : e.getTextContent();
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int lineOf(String content, String needle) {
        int idx = content.indexOf(needle);
        if (idx < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < idx; i++) {
            if (content.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Get-ADPermission as Format-List blocks, a table, or JSON. */
    static List<Grant> permissions(ConfigFile f, String c, FactsBuilder facts) {
        List<Grant> out = new ArrayList<>();
        String t = c.stripLeading();
        if (t.startsWith("[") || t.startsWith("{")) {
            for (Connector x : json(f, c)) {
                out.add(grant(x.props(), x.source()));
            }
            return out;
        }
        String[] lines = c.split("\n", -1);
        Map<String, Object> cur = new LinkedHashMap<>();
        Source start = null;
        String lastKey = null;
        boolean listForm = c.lines().anyMatch(l -> l.matches("^User\\s+:.*"));
        if (listForm) {
            for (int i = 0; i <= lines.length; i++) {
                String l = i < lines.length ? lines[i].replace("\r", "") : "";
                if (l.isBlank()) {
                    if (cur.containsKey("User")) {
                        out.add(grant(cur, start));
                    }
                    cur = new LinkedHashMap<>();
                    start = null;
                    continue;
                }
                int colon = l.indexOf(" : ");
                if (colon > 0 && !Character.isWhitespace(l.charAt(0))) {
                    if (start == null) {
                        start = Source.of(f.name(), i + 1);
                    }
                    lastKey = l.substring(0, colon).strip();
                    cur.put(lastKey, l.substring(colon + 3).strip());
                } else if (lastKey != null) {
                    cur.put(lastKey, cur.get(lastKey) + " " + l.strip());
                }
            }
            return out;
        }
        // Table form: one grant per line that names a user and a right.
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            String low = l.toLowerCase(Locale.ROOT);
            if (low.contains(ANY_RECIPIENT) || low.contains("anonymous") && low.contains("accept")) {
                String[] cols = l.strip().split("\\s{2,}");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Identity", cols[0]);
                m.put("User", low.contains("anonymous") ? "NT AUTHORITY\\ANONYMOUS LOGON" : cols.length > 1 ? cols[1] : "");
                m.put("ExtendedRights", low.contains(ANY_RECIPIENT) ? "ms-Exch-SMTP-Accept-Any-Recipient" : "");
                m.put("Deny", low.contains(" true ") ? "True" : "False");
                m.put("IsInherited", "False");
                out.add(grant(m, Source.of(f.name(), i + 1)));
                facts.warning("Get-ADPermission table output read by column heuristics; prefer Format-List or JSON",
                        Source.of(f.name(), i + 1), l);
            }
        }
        return out;
    }

    private static Grant grant(Map<String, Object> m, Source at) {
        Connector x = new Connector(m, at);
        boolean deny = "true".equalsIgnoreCase(x.get("Deny"));
        String inh = x.get("IsInherited") != null ? x.get("IsInherited") : x.get("Inherited");
        return new Grant(x.get("Identity"), x.get("User") == null ? "" : x.get("User"), x.list("ExtendedRights"),
                deny, "true".equalsIgnoreCase(inh), at);
    }
}
