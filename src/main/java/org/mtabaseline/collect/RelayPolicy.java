package org.mtabaseline.collect;

import java.util.List;

/** The normalized relay decision of one listener: ordered rules, the default, and whether it cannot run at all. */
public record RelayPolicy(List<RelayRule> rules, RelayRule.Action defaultAction, Broken broken, List<String> features) {
    public record Broken(String reason, Source source) {
    }

    public RelayPolicy {
        rules = List.copyOf(rules);
        features = features == null ? List.of() : List.copyOf(features);
    }
}
