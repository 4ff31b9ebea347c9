package org.mtabaseline.probe;

import java.util.List;

/** Thrown before any packet is sent when a target is outside {@code mta-baseline.probe.scope}. */
public class OutOfScopeException extends RuntimeException {
    public static final String SETTING = "mta-baseline.probe.scope";
    public static final String ENV = "MTA_BASELINE_PROBE_SCOPE";

    private final List<String> targets;

    public OutOfScopeException(List<String> targets, String why) {
        super(why + "; to allow probing, add the target's CIDR or host name to " + SETTING + " (env " + ENV + ")");
        this.targets = List.copyOf(targets);
    }

    public List<String> targets() {
        return targets;
    }

    public String setting() {
        return SETTING;
    }
}
