package org.mtabaseline.collect;

import java.util.List;

/** Which SMTP clients a relay rule applies to: every client, or a list of patterns (CIDRs, names, symbolic). */
public record Clients(boolean any, List<String> patterns) {
    public static final Clients ANY = new Clients(true, List.of());
    public static final Clients NONE = new Clients(false, List.of());

    public static Clients of(List<String> patterns) {
        return new Clients(false, List.copyOf(patterns));
    }

    /** Address space covered, see the schema's client_scope. */
    public String scope() {
        return any ? "all" : AddressScope.classify(patterns);
    }
}
