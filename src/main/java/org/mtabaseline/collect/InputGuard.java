package org.mtabaseline.collect;

import java.util.List;

/** Rejects input that cannot be configuration text before any parser sees it, with file and line. */
public final class InputGuard {
    public static final int MAX_FILES = 200;
    public static final long MAX_TOTAL_CHARS = 16L * 1024 * 1024;
    public static final int MAX_LINES = 65_536;
    public static final int MAX_LINE_CHARS = 64 * 1024;

    private InputGuard() {
    }

    public static void check(List<ConfigFile> files) {
        if (files == null || files.isEmpty()) {
            throw new ConfigParseException(null, null, "no configuration files supplied");
        }
        if (files.size() > MAX_FILES) {
            throw new ConfigParseException(null, null, "too many files: " + files.size() + " (limit " + MAX_FILES + ")");
        }
        long total = 0;
        for (ConfigFile f : files) {
            if (f == null) {
                throw new ConfigParseException(null, null, "a supplied file is null");
            }
            total += f.content().length();
            if (total > MAX_TOTAL_CHARS) {
                throw new ConfigParseException(f.name(), null, "input exceeds " + MAX_TOTAL_CHARS
                        + " characters in total; configuration files are never this large");
            }
            checkFile(f);
        }
    }

    static void checkFile(ConfigFile f) {
        String s = f.content();
        int line = 1;
        int lineStart = 0;
        int control = 0;
        int replacement = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                if (line > MAX_LINES) {
                    throw new ConfigParseException(f.name(), line, "file has more than " + MAX_LINES
                            + " lines; refusing to treat it as MTA configuration");
                }
                lineStart = i + 1;
                continue;
            }
            if (i - lineStart >= MAX_LINE_CHARS) {
                throw new ConfigParseException(f.name(), line, "line longer than " + MAX_LINE_CHARS
                        + " characters; not MTA configuration");
            }
            if (c == 0) {
                throw new ConfigParseException(f.name(), line, "NUL byte at column " + (i - lineStart + 1)
                        + "; binary data is not MTA configuration");
            }
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != 0x1b) {
                control++;
            } else if (c == '\uFFFD') {
                replacement++;
            }
            if ((control > 8 && control * 100L > (i + 1)) || (replacement > 16 && replacement * 20L > (i + 1))) {
                throw new ConfigParseException(f.name(), line, "binary data (control characters or undecodable bytes)"
                        + " near column " + (i - lineStart + 1) + "; not MTA configuration");
            }
        }
        if (control > 0 && control * 100L > Math.max(1, s.length())) {
            throw new ConfigParseException(f.name(), null, "binary data (" + control
                    + " control characters); not MTA configuration");
        }
    }
}
