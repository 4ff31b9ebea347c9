package org.mtabaseline.collect;

/** Where a fact comes from: file name and 1-based line; both null for a built-in default. */
public record Source(String file, Integer line) {
    public static final Source BUILT_IN = new Source(null, null);

    public static Source of(String file, int line) {
        return new Source(file, line);
    }

    public boolean isBuiltIn() {
        return file == null;
    }

    @Override
    public String toString() {
        return file == null ? "(built-in default)" : file + ":" + line;
    }
}
