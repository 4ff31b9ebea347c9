package org.mtabaseline.rego.builtins.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go RE2 regular expressions (OPA's {@code regex.*} builtins) on top of {@link java.util.regex}.
 * The translation keeps RE2's meaning where Java differs ({@code $} is end of text, {@code \s}
 * excludes {@code \v}, {@code [} and {@code &&} are literal in classes, POSIX classes, named groups)
 * and rejects what RE2 rejects (look-around, back-references, possessive and nested repetition,
 * unknown escapes, repeat counts over 1000), so invalid patterns fail as they would in OPA.
 */
public final class GoRegex {

    private static final int MAX_CACHE = 256;
    private static final Map<String, GoRegex> CACHE = new ConcurrentHashMap<>();

    private final Pattern pattern;

    private GoRegex(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Raised for a pattern Go's regexp package refuses, with a Go-like message. */
    public static final class GoRegexException extends IllegalArgumentException {
        public GoRegexException(String message) {
            super(message);
        }
    }

    public static GoRegex compile(String expr) {
        GoRegex cached = CACHE.get(expr);
        if (cached != null) {
            return cached;
        }
        String java = new Translator(expr).translate();
        Pattern p;
        try {
            p = Pattern.compile(java, Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new GoRegexException("error parsing regexp: " + e.getDescription() + ": `" + expr + "`");
        }
        GoRegex re = new GoRegex(p);
        if (CACHE.size() >= MAX_CACHE) {
            CACHE.clear();
        }
        CACHE.put(expr, re);
        return re;
    }

    public static boolean isValid(String expr) {
        try {
            compile(expr);
            return true;
        } catch (GoRegexException e) {
            return false;
        }
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Go's {@code MatchString}: a match anywhere. */
    public boolean matches(String s) {
        return pattern.matcher(s).find();
    }

    /** Go's {@code FindAllStringSubmatchIndex(s, n)}; each element holds start/end pairs, -1 when unset. */
    public List<int[]> findAll(String s, int n) {
        List<int[]> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Matcher m = pattern.matcher(s);
        int prevEnd = -1;
        while ((n < 0 || out.size() < n) && m.find()) {
            // Go skips an empty match that starts where the previous match ended.
            boolean accept = !(m.start() == m.end() && m.start() == prevEnd);
            prevEnd = m.end();
            if (accept) {
                int[] groups = new int[(m.groupCount() + 1) * 2];
                for (int g = 0; g <= m.groupCount(); g++) {
                    groups[2 * g] = m.start(g);
                    groups[2 * g + 1] = m.end(g);
                }
                out.add(groups);
            }
        }
        return out;
    }

    /** Go's {@code FindAllString(s, n)}. */
    public List<String> findAllStrings(String s, int n) {
        List<String> out = new ArrayList<>();
        for (int[] g : findAll(s, n)) {
            out.add(s.substring(g[0], g[1]));
        }
        return out;
    }

    /** Go's {@code FindAllStringSubmatch(s, n)}; unset groups are empty strings. */
    public List<List<String>> findAllSubmatches(String s, int n) {
        List<List<String>> out = new ArrayList<>();
        for (int[] g : findAll(s, n)) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < g.length; i += 2) {
                row.add(g[i] < 0 ? "" : s.substring(g[i], g[i + 1]));
            }
            out.add(row);
        }
        return out;
    }

    /** Go's {@code Split(s, -1)}. */
    public List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (pattern.pattern().isEmpty() && s.isEmpty()) {
            return out;
        }
        if (s.isEmpty()) {
            out.add("");
            return out;
        }
        int beg = 0;
        int end = 0;
        for (int[] m : findAll(s, -1)) {
            end = m[0];
            if (m[1] != 0) {
                out.add(s.substring(beg, end));
            }
            beg = m[1];
        }
        if (end != s.length()) {
            out.add(s.substring(beg));
        }
        return out;
    }

    /** Go's {@code ReplaceAllString}: {@code $1}, {@code $name}, {@code ${name}} and {@code $$} expand. */
    public String replaceAll(String src, String template) {
        StringBuilder out = new StringBuilder();
        int last = 0;
        Matcher m = pattern.matcher(src);
        int prevEnd = -1;
        while (m.find()) {
            boolean accept = !(m.start() == m.end() && m.start() == prevEnd);
            prevEnd = m.end();
            if (!accept) {
                continue;
            }
            out.append(src, last, m.start());
            expand(out, template, m);
            last = m.end();
        }
        out.append(src.substring(last));
        return out.toString();
    }

    private void expand(StringBuilder out, String template, Matcher m) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int after;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0 || close == i + 2 || !isName(template.substring(i + 2, close))) {
                    out.append('$');
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                after = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isNameChar(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    out.append('$');
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                after = j;
            }
            out.append(group(m, name));
            i = after;
        }
    }

    private static String group(Matcher m, String name) {
        String value = null;
        if (name.chars().allMatch(Character::isDigit)) {
            try {
                int n = Integer.parseInt(name);
                if (n <= m.groupCount()) {
                    value = m.group(n);
                }
            } catch (NumberFormatException e) {
                value = null;
            }
        } else {
            try {
                value = m.group(name);
            } catch (IllegalArgumentException e) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isName(String s) {
        return s.chars().allMatch(ch -> isNameChar((char) ch));
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Rewrites RE2 syntax into equivalent java.util.regex syntax, rejecting what RE2 rejects. */
    private static final class Translator {
        private static final Map<String, String> POSIX = Map.ofEntries(
                Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"),
                Map.entry("ascii", "\\x00-\\x7F"), Map.entry("blank", "\\t "),
                Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "0-9"),
                Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "a-z"),
                Map.entry("print", "\\p{Print}"), Map.entry("punct", "\\p{Punct}"),
                Map.entry("space", "\\t\\n\\x0B\\f\\r "), Map.entry("upper", "A-Z"),
                Map.entry("word", "0-9A-Za-z_"), Map.entry("xdigit", "0-9A-Fa-f"));

        private final String src;
        private final StringBuilder out = new StringBuilder();
        private int pos;
        /** Whether the (innermost) group has the m flag, which makes $ match at line ends. */
        private final List<Boolean> multiline = new ArrayList<>(List.of(false));
        private final List<Boolean> ungreedy = new ArrayList<>(List.of(false));
        /** Whether the last emitted item can take a repetition operator. */
        private boolean repeatable;
        private boolean lastWasRepeat;

        Translator(String src) {
            this.src = src;
        }

        private GoRegexException error(String code, String arg) {
            return new GoRegexException("error parsing regexp: " + code + ": `" + arg + "`");
        }

        String translate() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                switch (c) {
                    case '\\' -> escape(false);
                    case '[' -> charClass();
                    case '(' -> openGroup();
                    case ')' -> {
                        if (multiline.size() == 1) {
                            throw error("unexpected )", src);
                        }
                        multiline.remove(multiline.size() - 1);
                        ungreedy.remove(ungreedy.size() - 1);
                        out.append(')');
                        pos++;
                        item();
                    }
                    case '*', '+', '?' -> repeat(1);
                    case '{' -> {
                        int close = countedRepeatEnd();
                        if (close < 0) {
                            out.append("\\{");
                            pos++;
                            item();
                        } else {
                            repeat(close - pos);
                        }
                    }
                    case '$' -> {
                        out.append(top(multiline) ? "(?=\\n|\\z)" : "\\z");
                        pos++;
                        noItem();
                    }
                    case '^' -> {
                        out.append(top(multiline) ? "(?:(?<=\\n)|\\A)" : "\\A");
                        pos++;
                        noItem();
                    }
                    case '|' -> {
                        out.append('|');
                        pos++;
                        noItem();
                    }
                    case '.' -> {
                        out.append('.');
                        pos++;
                        item();
                    }
                    default -> {
                        appendLiteral(src.codePointAt(pos));
                        pos += Character.charCount(src.codePointAt(pos));
                        item();
                    }
                }
            }
            if (multiline.size() > 1) {
                throw error("missing closing )", src);
            }
            return out.toString();
        }

        private static boolean top(List<Boolean> stack) {
            return stack.get(stack.size() - 1);
        }

        private void item() {
            repeatable = true;
            lastWasRepeat = false;
        }

        private void noItem() {
            repeatable = false;
            lastWasRepeat = false;
        }

        /** Index just past a valid {n}, {n,} or {n,m} at pos, or -1 if it is a literal brace. */
        private int countedRepeatEnd() {
            int i = pos + 1;
            int startDigits = i;
            while (i < src.length() && Character.isDigit(src.charAt(i))) {
                i++;
            }
            if (i == startDigits) {
                return -1;
            }
            if (i < src.length() && src.charAt(i) == ',') {
                i++;
                while (i < src.length() && Character.isDigit(src.charAt(i))) {
                    i++;
                }
            }
            if (i < src.length() && src.charAt(i) == '}') {
                return i + 1;
            }
            return -1;
        }

        private void repeat(int length) {
            String op = src.substring(pos, pos + length);
            if (op.startsWith("{")) {
                String[] parts = op.substring(1, op.length() - 1).split(",", -1);
                try {
                    int min = Integer.parseInt(parts[0]);
                    int max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
                    if (min > 1000 || max > 1000 || (max >= 0 && max < min)) {
                        throw error("invalid repeat count", op);
                    }
                } catch (NumberFormatException e) {
                    throw error("invalid repeat count", op);
                }
            }
            pos += length;
            boolean lazy = pos < src.length() && src.charAt(pos) == '?';
            String full = lazy ? op + "?" : op;
            if (lastWasRepeat) {
                throw error("invalid nested repetition operator", previousRepeatText() + full);
            }
            if (!repeatable) {
                throw error("missing argument to repetition operator", full);
            }
            if (lazy) {
                pos++;
            }
            out.append(op);
            if (lazy != top(ungreedy)) {
                out.append('?');
            }
            lastRepeat = full;
            repeatable = false;
            lastWasRepeat = true;
        }

        private String lastRepeat = "";

        private String previousRepeatText() {
            return lastRepeat;
        }

        private void openGroup() {
            if (src.startsWith("(?", pos)) {
                if (src.startsWith("(?P<", pos) || src.startsWith("(?<", pos)) {
                    int nameStart = src.indexOf('<', pos) + 1;
                    int close = src.indexOf('>', nameStart);
                    if (close < 0) {
                        throw error("invalid named capture", src.substring(pos));
                    }
                    String name = src.substring(nameStart, close);
                    if (name.isEmpty() || !isName(name)) {
                        throw error("invalid named capture", src.substring(pos, close + 1));
                    }
                    out.append("(?<").append(javaGroupName(name)).append('>');
                    pos = close + 1;
                    pushGroup(top(multiline), top(ungreedy));
                    noItem();
                    return;
                }
                // Flags: (?flags) or (?flags:...)
                int i = pos + 2;
                boolean m = top(multiline);
                boolean u = top(ungreedy);
                boolean negate = false;
                StringBuilder javaFlags = new StringBuilder();
                StringBuilder javaNeg = new StringBuilder();
                while (i < src.length()) {
                    char f = src.charAt(i);
                    if (f == ':' || f == ')') {
                        break;
                    }
                    switch (f) {
                        case '-' -> {
                            if (negate) {
                                throw error("invalid or unsupported Perl syntax", src.substring(pos, i + 1));
                            }
                            negate = true;
                        }
                        case 'i' -> (negate ? javaNeg : javaFlags).append("iu");
                        case 's' -> (negate ? javaNeg : javaFlags).append('s');
                        case 'm' -> m = !negate;
                        case 'U' -> u = !negate;
                        default -> throw error("invalid or unsupported Perl syntax", src.substring(pos, i + 1));
                    }
                    i++;
                }
                if (i >= src.length()) {
                    throw error("missing closing )", src);
                }
                String flags = javaFlags + (javaNeg.length() > 0 ? "-" + javaNeg : "");
                if (src.charAt(i) == ')') {
                    if (i == pos + 2) {
                        throw error("missing argument to repetition operator", "(?)");
                    }
                    // Flags for the rest of the current group.
                    if (!flags.isEmpty()) {
                        out.append("(?").append(flags).append(')');
                    }
                    multiline.set(multiline.size() - 1, m);
                    ungreedy.set(ungreedy.size() - 1, u);
                    pos = i + 1;
                    noItem();
                    return;
                }
                out.append("(?").append(flags).append(':');
                pos = i + 1;
                pushGroup(m, u);
                noItem();
                return;
            }
            out.append('(');
            pos++;
            pushGroup(top(multiline), top(ungreedy));
            noItem();
        }

        private void pushGroup(boolean m, boolean u) {
            multiline.add(m);
            ungreedy.add(u);
        }

        private static String javaGroupName(String name) {
            // Java group names must start with a letter and hold only letters and digits.
            StringBuilder sb = new StringBuilder("g");
            for (char c : name.toCharArray()) {
                if (Character.isLetterOrDigit(c)) {
                    sb.append(c);
                } else {
                    sb.append("x").append(Integer.toHexString(c)).append('x');
                }
            }
            return sb.toString();
        }

        private void appendLiteral(int cp) {
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append("\\x{").append(Integer.toHexString(cp)).append('}');
            }
        }

        /** Handles a backslash escape at pos, outside or inside a character class. */
        private void escape(boolean inClass) {
            if (pos + 1 >= src.length()) {
                throw error("trailing backslash at end of expression", "");
            }
            char c = src.charAt(pos + 1);
            switch (c) {
                case 'a' -> emit("\\x07", 2, inClass);
                case 'f' -> emit("\\f", 2, inClass);
                case 't' -> emit("\\t", 2, inClass);
                case 'n' -> emit("\\n", 2, inClass);
                case 'r' -> emit("\\r", 2, inClass);
                case 'v' -> emit("\\x0B", 2, inClass);
                case 'd', 'D', 'w', 'W' -> emit("\\" + c, 2, inClass);
                case 's' -> emit(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]", 2, inClass);
                case 'S' -> {
                    if (inClass) {
                        // [^\t\n\f\r ] as a class member: Java supports nested classes.
                        emit("[^\\t\\n\\f\\r ]", 2, true);
                    } else {
                        emit("[^\\t\\n\\f\\r ]", 2, false);
                    }
                }
                case 'A', 'z', 'b', 'B' -> {
                    if (inClass) {
                        throw error("invalid escape sequence", "\\" + c);
                    }
                    out.append('\\').append(c);
                    pos += 2;
                    noItem();
                }
                case 'Q' -> {
                    if (inClass) {
                        throw error("invalid escape sequence", "\\Q");
                    }
                    int end = src.indexOf("\\E", pos + 2);
                    String lit = end < 0 ? src.substring(pos + 2) : src.substring(pos + 2, end);
                    pos = end < 0 ? src.length() : end + 2;
                    if (lit.isEmpty()) {
                        return;
                    }
                    // Each literal char is its own item, so a following repeat applies to the last.
                    lit.codePoints().forEach(this::appendLiteral);
                    item();
                }
                case 'p', 'P' -> {
                    int end;
                    String name;
                    if (pos + 2 < src.length() && src.charAt(pos + 2) == '{') {
                        end = src.indexOf('}', pos + 3);
                        if (end < 0) {
                            throw error("invalid character class range", src.substring(pos));
                        }
                        name = src.substring(pos + 3, end);
                        end++;
                    } else if (pos + 2 < src.length()) {
                        name = src.substring(pos + 2, pos + 3);
                        end = pos + 3;
                    } else {
                        throw error("invalid character class range", src.substring(pos));
                    }
                    boolean neg = c == 'P';
                    if (name.startsWith("^")) {
                        neg = !neg;
                        name = name.substring(1);
                    }
                    String javaName = unicodeClass(name);
                    if (javaName == null) {
                        throw error("invalid character class range", src.substring(pos, end));
                    }
                    out.append(neg ? "\\P{" : "\\p{").append(javaName).append('}');
                    pos = end;
                    if (!inClass) {
                        item();
                    }
                }
                case 'x' -> {
                    int cp;
                    int end;
                    if (pos + 2 < src.length() && src.charAt(pos + 2) == '{') {
                        end = src.indexOf('}', pos + 3);
                        if (end < 0) {
                            throw error("invalid escape sequence", src.substring(pos));
                        }
                        try {
                            cp = Integer.parseInt(src.substring(pos + 3, end), 16);
                        } catch (NumberFormatException e) {
                            throw error("invalid escape sequence", src.substring(pos, end + 1));
                        }
                        if (cp > Character.MAX_CODE_POINT) {
                            throw error("invalid escape sequence", src.substring(pos, end + 1));
                        }
                        end++;
                    } else {
                        end = pos + 4;
                        if (end > src.length()) {
                            throw error("invalid escape sequence", src.substring(pos));
                        }
                        try {
                            cp = Integer.parseInt(src.substring(pos + 2, end), 16);
                        } catch (NumberFormatException e) {
                            throw error("invalid escape sequence", src.substring(pos, end));
                        }
                    }
                    appendLiteral(cp);
                    pos = end;
                    if (!inClass) {
                        item();
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    // Octal: \0, or \1-\7 only when followed by more octal digits (RE2 has no backrefs).
                    int end = pos + 1;
                    while (end < src.length() && end < pos + 4 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                        end++;
                    }
                    if (c != '0' && end - (pos + 1) < 2) {
                        throw error("invalid escape sequence", src.substring(pos, pos + 2));
                    }
                    appendLiteral(Integer.parseInt(src.substring(pos + 1, end), 8));
                    pos = end;
                    if (!inClass) {
                        item();
                    }
                }
                default -> {
                    if (c < 128 && !Character.isLetterOrDigit(c)) {
                        appendLiteral(c);
                        pos += 2;
                        if (!inClass) {
                            item();
                        }
                    } else {
                        throw error("invalid escape sequence", "\\" + c);
                    }
                }
            }
        }

        private void emit(String java, int length, boolean inClass) {
            out.append(java);
            pos += length;
            if (!inClass) {
                item();
            }
        }

        private static String unicodeClass(String name) {
            if (name.length() <= 2 && name.chars().allMatch(Character::isLetter)) {
                try {
                    Pattern.compile("\\p{" + name + "}");
                    return name;
                } catch (PatternSyntaxException e) {
                    return null;
                }
            }
            try {
                Pattern.compile("\\p{Is" + name + "}");
                return "Is" + name;
            } catch (PatternSyntaxException e) {
                return null;
            }
        }

        private void charClass() {
            int start = pos;
            pos++;
            StringBuilder cls = new StringBuilder("[");
            if (pos < src.length() && src.charAt(pos) == '^') {
                cls.append('^');
                pos++;
            }
            boolean first = true;
            StringBuilder saved = new StringBuilder(out);
            out.setLength(0);
            while (true) {
                if (pos >= src.length()) {
                    out.setLength(0);
                    out.append(saved);
                    throw error("missing closing ]", src.substring(start));
                }
                char c = src.charAt(pos);
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[' && src.startsWith("[:", pos)) {
                    int end = src.indexOf(":]", pos + 2);
                    if (end > 0) {
                        String name = src.substring(pos + 2, end);
                        boolean neg = name.startsWith("^");
                        String body = POSIX.get(neg ? name.substring(1) : name);
                        if (body == null) {
                            out.setLength(0);
                            out.append(saved);
                            throw error("invalid character class range", src.substring(pos, end + 2));
                        }
                        out.append(neg ? "[^" + body + "]" : "[" + body + "]");
                        pos = end + 2;
                        continue;
                    }
                }
                int lo;
                if (c == '\\') {
                    int before = out.length();
                    escape(true);
                    String emitted = out.substring(before);
                    lo = singleCodePoint(emitted);
                } else {
                    lo = src.codePointAt(pos);
                    pos += Character.charCount(lo);
                    appendLiteral(lo);
                }
                if (lo >= 0 && pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
                    pos++;
                    int hi;
                    if (src.charAt(pos) == '\\') {
                        int before = out.length();
                        escape(true);
                        hi = singleCodePoint(out.substring(before));
                        out.setLength(before);
                    } else {
                        hi = src.codePointAt(pos);
                        pos += Character.charCount(hi);
                    }
                    if (hi < lo) {
                        String body = src.substring(start, pos);
                        out.setLength(0);
                        out.append(saved);
                        throw error("invalid character class range", body.substring(body.lastIndexOf('[') + 1));
                    }
                    out.append('-');
                    appendLiteral(hi);
                }
            }
            String body = out.toString();
            out.setLength(0);
            out.append(saved).append(cls).append(body).append(']');
            item();
        }

        /** The code point a literal escape emitted ({@code \x{..}} or a plain char), or -1 for a class. */
        private static int singleCodePoint(String emitted) {
            if (emitted.startsWith("\\x{") && emitted.endsWith("}") && emitted.indexOf('}') == emitted.length() - 1) {
                return Integer.parseInt(emitted.substring(3, emitted.length() - 1), 16);
            }
            return switch (emitted) {
                case "\\f" -> '\f';
                case "\\t" -> '\t';
                case "\\n" -> '\n';
                case "\\r" -> '\r';
                case "\\x07" -> 7;
                case "\\x0B" -> 11;
                default -> emitted.codePointCount(0, emitted.length()) == 1 ? emitted.codePointAt(0) : -1;
            };
        }
    }
}
