package org.mtabaseline.collect;

import java.util.List;

/** Which recipient domains a relay rule applies to: any, the server's local/relay domains, or a list. */
public record Recipients(Kind kind, List<String> domains) {
    public enum Kind { ANY, LOCAL, LIST }

    public static final Recipients ANY = new Recipients(Kind.ANY, List.of());
    public static final Recipients LOCAL = new Recipients(Kind.LOCAL, List.of());

    public static Recipients of(List<String> domains) {
        return new Recipients(Kind.LIST, List.copyOf(domains));
    }
}
