package org.mtabaseline.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Everything a collector learned from one MTA's configuration; {@link #toInput()} gives the policy `mta` object. */
public record CollectedFacts(MtaKind kind, String version, List<SourceFile> sources, Map<String, Setting> settings,
        List<Listener> listeners, Map<String, RelayPolicy> relay, List<Unresolved> unresolved,
        List<Diagnostic> diagnostics) {

    /** A file that was read, with its digest and the role it was read as (main.cf, master.cf, access, ...). */
    public record SourceFile(String name, String sha256, String role) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public JsonNode toInput() {
        ObjectNode mta = F.objectNode();
        mta.put("kind", kind.id());
        if (version == null) {
            mta.putNull("version");
        } else {
            mta.put("version", version);
        }
        ArrayNode src = mta.putArray("sources");
        for (SourceFile s : sources) {
            ObjectNode o = src.addObject().put("name", s.name()).put("sha256", s.sha256());
            if (s.role() != null) {
                o.put("role", s.role());
            }
        }
        mta.set("settings", settings(settings));
        ArrayNode ls = mta.putArray("listeners");
        for (Listener l : listeners) {
            ObjectNode o = ls.addObject();
            o.put("name", l.name());
            ArrayNode b = o.putArray("bind");
            l.bind().forEach(b::add);
            if (l.port() == null) {
                o.putNull("port");
            } else {
                o.put("port", l.port());
            }
            o.put("tls", l.tls()).put("auth", l.auth()).put("auth_required", l.authRequired())
                    .put("loopback_only", l.loopbackOnly()).put("enabled", l.enabled());
            if (l.kind() != null) {
                o.put("kind", l.kind());
            }
            o.set("source", source(l.source()));
            o.set("settings", settings(l.settings()));
        }
        ObjectNode relayNode = mta.putObject("relay");
        relay.forEach((name, p) -> relayNode.set(name, relay(p)));
        ArrayNode un = mta.putArray("unresolved");
        for (Unresolved u : unresolved) {
            ObjectNode o = un.addObject().put("setting", u.setting()).put("reference", u.reference())
                    .put("reason", u.reason());
            o.set("source", source(u.source()));
            if (u.listener() == null) {
                o.putNull("listener");
            } else {
                o.put("listener", u.listener());
            }
        }
        ArrayNode dg = mta.putArray("diagnostics");
        for (Diagnostic d : diagnostics) {
            ObjectNode o = dg.addObject().put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("message", d.message());
            o.put("file", d.file());
            if (d.line() == null) {
                o.putNull("line");
            } else {
                o.put("line", d.line());
            }
            if (d.construct() != null) {
                o.put("construct", d.construct());
            }
        }
        return mta;
    }

    private static ObjectNode relay(RelayPolicy p) {
        ObjectNode o = F.objectNode();
        ArrayNode rules = o.putArray("rules");
        for (RelayRule r : p.rules()) {
            ObjectNode n = rules.addObject();
            if (r.client().any()) {
                n.put("client", "any");
            } else {
                ArrayNode c = n.putArray("client");
                r.client().patterns().forEach(c::add);
            }
            n.put("client_scope", r.client().scope());
            if (r.authenticated() == null) {
                n.putNull("authenticated");
            } else {
                n.put("authenticated", r.authenticated());
            }
            n.set("recipient", recipients(r.recipient()));
            if (r.except() != null) {
                n.set("recipient_except", recipients(r.except()));
            }
            n.put("action", r.action().id());
            if (r.condition() != null) {
                n.put("condition", r.condition());
            }
            if (r.attackerControlled() != null) {
                n.put("attacker_controlled", r.attackerControlled());
            }
            n.put("unresolved", r.unresolved());
            if (r.setting() != null) {
                n.put("setting", r.setting());
            }
            n.set("source", source(r.source()));
            n.put("text", r.text() == null ? "" : r.text());
        }
        o.put("default_action", p.defaultAction() == RelayRule.Action.CONTINUE ? "permit" : p.defaultAction().id());
        if (p.broken() == null) {
            o.putNull("broken");
        } else {
            ObjectNode b = o.putObject("broken").put("reason", p.broken().reason());
            b.set("source", source(p.broken().source()));
        }
        ArrayNode f = o.putArray("features");
        p.features().forEach(f::add);
        return o;
    }

    private static JsonNode recipients(Recipients r) {
        return switch (r.kind()) {
            case ANY -> F.textNode("any");
            case LOCAL -> F.textNode("local");
            case LIST -> {
                ArrayNode a = F.arrayNode();
                r.domains().forEach(a::add);
                yield a;
            }
        };
    }

    static ObjectNode source(Source s) {
        ObjectNode o = F.objectNode();
        if (s == null || s.file() == null) {
            o.putNull("file");
            o.putNull("line");
        } else {
            o.put("file", s.file());
            if (s.line() == null) {
                o.putNull("line");
            } else {
                o.put("line", s.line());
            }
        }
        return o;
    }

    private static ObjectNode settings(Map<String, Setting> settings) {
        ObjectNode o = F.objectNode();
        settings.forEach((k, v) -> {
            ObjectNode s = o.putObject(k);
            s.set("value", value(v.value()));
            s.set("source", source(v.source()));
            s.put("default", v.isDefault());
            if (v.raw() != null) {
                s.put("raw", v.raw());
            }
        });
        return o;
    }

    static JsonNode value(Object v) {
        if (v == null) {
            return F.nullNode();
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer i) {
            return F.numberNode(i);
        }
        if (v instanceof Long l) {
            return F.numberNode(l);
        }
        if (v instanceof Number n) {
            return F.numberNode(n.doubleValue());
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = F.arrayNode();
            c.forEach(x -> a.add(String.valueOf(x)));
            return a;
        }
        return F.textNode(String.valueOf(v));
    }
}
