package org.mtabaseline.collect.exim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Exim's conditional skips (.ifdef, .ifndef, .elifdef, .elifndef, .else, .endif; spec chapter 6, "Conditional
 * skips in the configuration file"): a condition holds when macro substitution would change its text, i.e. a
 * macro defined so far starts a word of it. Decided only when the answer is known: a name Exim defines itself
 * ({@code _HAVE_TLS}, {@code _OPT_...}, from the binary's build) or a macro that may come from an unsupplied
 * .include or the command line (-D) leaves the condition unknown, and then every branch is read, as before.
 */
final class Conditionals {

    /** One .if... block: whether the current branch is read, whether an earlier branch was, whether unknown. */
    private static final class Frame {
        boolean reading;
        boolean taken;
        boolean unknown;
    }

    enum Outcome { NOT_A_DIRECTIVE, HANDLED, UNKNOWN, UNBALANCED }

    private final Deque<Frame> frames = new ArrayDeque<>();

    /** True when lines at this point are read (every enclosing branch is taken or unknown). */
    boolean reading() {
        for (Frame f : frames) {
            if (!f.reading) {
                return false;
            }
        }
        return true;
    }

    boolean balanced() {
        return frames.isEmpty();
    }

    /**
     * @param macros the macros defined so far; {@code definitionsMayBeMissing} when an unsupplied .include came
     *     before (a macro there could make the condition true)
     */
    Outcome directive(String text, Map<String, String> macros, boolean definitionsMayBeMissing) {
        String t = text.strip();
        String word = t.split("\\s+", 2)[0];
        String arg = t.length() > word.length() ? t.substring(word.length()).strip() : "";
        switch (word) {
            case ".ifdef", ".ifndef" -> {
                boolean outer = reading();
                Frame f = new Frame();
                Boolean defined = defined(arg, macros, definitionsMayBeMissing);
                f.unknown = defined == null;
                f.reading = outer && (f.unknown || defined == word.equals(".ifdef"));
                f.taken = f.reading && !f.unknown;
                frames.push(f);
                return f.unknown && outer ? Outcome.UNKNOWN : Outcome.HANDLED;
            }
            case ".elifdef", ".elifndef" -> {
                if (frames.isEmpty()) {
                    return Outcome.UNBALANCED;
                }
                Frame f = frames.pop();
                boolean outer = reading();
                Boolean defined = defined(arg, macros, definitionsMayBeMissing);
                if (f.taken) {
                    f.reading = false;
                } else {
                    f.unknown |= defined == null;
                    f.reading = outer && (defined == null || f.unknown || defined == word.equals(".elifdef"));
                    f.taken = f.reading && !f.unknown;
                }
                frames.push(f);
                return f.unknown && outer && !f.taken ? Outcome.UNKNOWN : Outcome.HANDLED;
            }
            case ".else" -> {
                if (frames.isEmpty()) {
                    return Outcome.UNBALANCED;
                }
                Frame f = frames.pop();
                boolean outer = reading();
                f.reading = outer && (f.unknown || !f.taken);
                f.taken = true;
                frames.push(f);
                return Outcome.HANDLED;
            }
            case ".endif" -> {
                if (frames.isEmpty()) {
                    return Outcome.UNBALANCED;
                }
                frames.pop();
                return Outcome.HANDLED;
            }
            default -> {
                return Outcome.NOT_A_DIRECTIVE;
            }
        }
    }

    /** TRUE/FALSE when known, null when the binary or missing definitions decide. */
    private static Boolean defined(String text, Map<String, String> macros, boolean definitionsMayBeMissing) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean wordStart = i == 0 || !(Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_');
            if (!wordStart) {
                continue;
            }
            for (String m : macros.keySet()) {
                if (text.startsWith(m, i)) {
                    return Boolean.TRUE;
                }
            }
            if (c == '_') {
                return null; // Exim's built-in _HAVE_/_OPT_/_DRIVER_ macros depend on how the binary was built
            }
        }
        return definitionsMayBeMissing ? null : Boolean.FALSE;
    }
}
