package org.mtabaseline.collect;

/** Something the collector could not use or finds suspicious, with where it is. Never a verdict. */
public record Diagnostic(Severity severity, String message, String file, Integer line, String construct) {
    public enum Severity { WARNING, ERROR }

    public static Diagnostic warning(String message, Source at, String construct) {
        return new Diagnostic(Severity.WARNING, message, at.file(), at.line(), shorten(construct));
    }

    public static Diagnostic error(String message, Source at, String construct) {
        return new Diagnostic(Severity.ERROR, message, at.file(), at.line(), shorten(construct));
    }

    static String shorten(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "...";
    }
}
