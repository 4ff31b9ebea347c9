package org.mtabaseline.probe;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One server reply: its code, every line as received, and how long the server took to give it. */
public record SmtpReply(int code, List<String> lines, long latencyMillis) {

    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    public SmtpReply {
        lines = List.copyOf(lines);
    }

    /** The enhanced status code (RFC 3463) of the last line, e.g. "4.7.1", or null. */
    public String enhanced() {
        Matcher m = ENHANCED.matcher(textOf(lastLine()));
        return m.find() ? m.group() : null;
    }

    /** Human text of all lines without code and enhanced code. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            String t = textOf(l);
            Matcher m = ENHANCED.matcher(t);
            if (m.find()) {
                t = t.substring(m.end()).trim();
            }
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    public String lastLine() {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The whole reply as one string, lines joined with newlines (multi-line replies stay readable). */
    public String asText() {
        return String.join("\n", lines);
    }

    public boolean positive() {
        return code >= 200 && code < 300;
    }

    public boolean intermediate() {
        return code >= 300 && code < 400;
    }

    public boolean error() {
        return code >= 400;
    }

    private static String textOf(String line) {
        return line.length() > 4 ? line.substring(4).trim() : "";
    }
}
