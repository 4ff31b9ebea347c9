package org.mtabaseline.rego.ast;

/** Where a node starts in its source file (1-based row and column). */
public record Location(String file, int row, int col) {
    public static final Location NONE = new Location("", 0, 0);
}
