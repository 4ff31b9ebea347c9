package org.mtabaseline.collect;

/**
 * Input that cannot be configuration at all (binary data, NUL bytes, an absurdly long line, content of another
 * MTA). Constructs that are merely unsupported become diagnostics instead.
 */
public class ConfigParseException extends RuntimeException {
    private final String file;
    private final Integer line;

    public ConfigParseException(String file, Integer line, String message) {
        super((file == null ? "" : file + (line == null ? "" : ":" + line) + ": ") + message);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public Integer line() {
        return line;
    }

    /** The message without the file:line prefix. */
    public String detail() {
        String m = getMessage();
        String prefix = file == null ? "" : file + (line == null ? "" : ":" + line) + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
