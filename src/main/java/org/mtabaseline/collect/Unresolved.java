package org.mtabaseline.collect;

/** A reference whose content the collector did not get (a lookup table, an include, an environment variable). */
public record Unresolved(String setting, String reference, String reason, Source source, String listener) {
}
