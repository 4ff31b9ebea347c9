package org.mtabaseline.collect;

import com.fasterxml.jackson.databind.JsonNode;

/** Developer aid: prints the relay facts the collectors produce for every corpus row. */
public final class CorpusDumpMain {
    public static void main(String[] args) {
        var all = Corpus.entries();
        for (var e : all) {
            if (args.length > 0 && !e.file().contains(args[0])) {
                continue;
            }
            System.out.println("=== " + e.file() + " [" + e.label() + "]");
            try {
                JsonNode mta = Collectors.collect(e.mta(), Corpus.filesFor(e, all)).toInput();
                mta.get("listeners").forEach(l -> System.out.println("  L " + l.get("name").asText() + " " + l.get("bind") + " tls=" + l.get("tls") + " auth=" + l.get("auth")));
                mta.get("relay").fields().forEachRemaining(r -> {
                    System.out.println("  R " + r.getKey() + " default=" + r.getValue().get("default_action") + " broken=" + r.getValue().get("broken") + " features=" + r.getValue().get("features"));
                    r.getValue().get("rules").forEach(x -> System.out.println("     " + x.get("action").asText() + " client=" + x.get("client") + "(" + x.get("client_scope").asText() + ") auth=" + x.get("authenticated") + " rcpt=" + x.get("recipient") + (x.has("recipient_except") ? " except=" + x.get("recipient_except") : "") + (x.has("condition") ? " cond=" + x.get("condition") : "") + " | " + x.get("setting").asText() + ": " + x.get("text").asText()));
                });
                mta.get("unresolved").forEach(u -> System.out.println("  U " + u.get("setting").asText() + " " + u.get("reference").asText()));
                mta.get("diagnostics").forEach(d -> System.out.println("  D " + d.get("severity").asText() + " " + d.get("file").asText() + ":" + d.get("line") + " " + d.get("message").asText()));
            } catch (RuntimeException x) {
                System.out.println("  EXC " + x);
            }
        }
    }
}
