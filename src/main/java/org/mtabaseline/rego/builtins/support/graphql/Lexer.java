package org.mtabaseline.rego.builtins.support.graphql;

import org.mtabaseline.rego.builtins.support.graphql.Token.Kind;

/**
 * gqlparser's lexer. Positions count code points (Go counts runes); quirks kept on purpose because OPA's error
 * texts show them: a string token's column is the one after its opening quote, a block string takes the line it
 * ends on, and after {@code \r\n} columns are one higher.
 */
final class Lexer {
    private final Ast.Source source;
    private final int[] input;
    private int start;
    private int end;
    private int line = 1;
    private int lineStart;
    private GraphqlException error;

    Lexer(Ast.Source source) {
        this.source = source;
        this.input = source.input().codePoints().toArray();
    }

    /** The error of the last token read, or null (an invalid token carries its error here). */
    GraphqlException error() {
        return error;
    }

    /** Reads the next token, skipping whitespace, commas and comments. */
    Token readToken() {
        error = null;
        while (true) {
            ws();
            start = end;
            if (end >= input.length) {
                return makeToken(Kind.EOF);
            }
            int r = input[start];
            end++;
            switch (r) {
                case '!':
                    return makeValueToken(Kind.BANG, "");
                case '$':
                    return makeValueToken(Kind.DOLLAR, "");
                case '&':
                    return makeValueToken(Kind.AMP, "");
                case '(':
                    return makeValueToken(Kind.PAREN_L, "");
                case ')':
                    return makeValueToken(Kind.PAREN_R, "");
                case '.':
                    if (input.length > start + 2 && input[start + 1] == '.' && input[start + 2] == '.') {
                        end += 2;
                        return makeValueToken(Kind.SPREAD, "");
                    }
                    break;
                case ':':
                    return makeValueToken(Kind.COLON, "");
                case '=':
                    return makeValueToken(Kind.EQUALS, "");
                case '@':
                    return makeValueToken(Kind.AT, "");
                case '[':
                    return makeValueToken(Kind.BRACKET_L, "");
                case ']':
                    return makeValueToken(Kind.BRACKET_R, "");
                case '{':
                    return makeValueToken(Kind.BRACE_L, "");
                case '}':
                    return makeValueToken(Kind.BRACE_R, "");
                case '|':
                    return makeValueToken(Kind.PIPE, "");
                case '#':
                    readComment();
                    continue;
                case '"':
                    if (input.length > start + 2 && input[start + 1] == '"' && input[start + 2] == '"') {
                        return readBlockString();
                    }
                    return readString();
                default:
                    if (r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
                        return readName();
                    }
                    if (r == '-' || (r >= '0' && r <= '9')) {
                        return readNumber();
                    }
                    break;
            }
            end--;
            if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
                return makeError("Cannot contain the invalid character \"\\u" + String.format("%04d", r) + "\"");
            }
            if (r == '\'') {
                return makeError("Unexpected single quote character ('), did you mean to use a double quote (\")?");
            }
            return makeError("Cannot parse the unexpected character \"" + firstByteAsRune(r) + "\".");
        }
    }

    private Token makeToken(Kind kind) {
        return makeValueToken(kind, new String(input, start, end - start));
    }

    private Token makeValueToken(Kind kind, String value) {
        return new Token(kind, value, new Ast.Position(line, start - lineStart + 1, source));
    }

    private Token makeError(String message) {
        int column = end - lineStart + 1;
        error = GraphqlException.at(new Ast.Position(line, column, source), message);
        return new Token(Kind.INVALID, "", new Ast.Position(line, column, source));
    }

    private void ws() {
        while (end < input.length) {
            switch (input[end]) {
                case '\t', ' ', ',' -> end++;
                case '\n' -> {
                    end++;
                    line++;
                    lineStart = end;
                }
                case '\r' -> {
                    end++;
                    line++;
                    lineStart = end;
                    if (end < input.length && input[end] == '\n') {
                        end++;
                    }
                }
                case 0xFEFF -> end++; // byte order mark
                default -> {
                    return;
                }
            }
        }
    }

    // a comment runs to the end of the line
    private void readComment() {
        while (end < input.length) {
            int r = input[end];
            if (r > 0x1f || r == '\t') {
                end++;
            } else {
                break;
            }
        }
    }

    // Int: -?(0|[1-9][0-9]*)   Float: -?(0|[1-9][0-9]*)(\.[0-9]+)?((E|e)(+|-)?[0-9]+)?
    private Token readNumber() {
        boolean isFloat = false;
        end--;
        acceptByte('-');
        if (acceptByte('0')) {
            int consumed = acceptDigits();
            if (consumed != 0) {
                end -= consumed;
                return makeError("Invalid number, unexpected digit after 0: " + describeNext() + ".");
            }
        } else if (acceptDigits() == 0) {
            return makeError("Invalid number, expected digit but got: " + describeNext() + ".");
        }
        if (acceptByte('.')) {
            isFloat = true;
            if (acceptDigits() == 0) {
                return makeError("Invalid number, expected digit but got: " + describeNext() + ".");
            }
        }
        if (acceptByte('e') || acceptByte('E')) {
            isFloat = true;
            if (!acceptByte('-')) {
                acceptByte('+');
            }
            if (acceptDigits() == 0) {
                return makeError("Invalid number, expected digit but got: " + describeNext() + ".");
            }
        }
        return makeToken(isFloat ? Kind.FLOAT : Kind.INT);
    }

    private boolean acceptByte(int b) {
        if (end < input.length && input[end] == b) {
            end++;
            return true;
        }
        return false;
    }

    private int acceptDigits() {
        int consumed = 0;
        while (end < input.length && input[end] >= '0' && input[end] <= '9') {
            end++;
            consumed++;
        }
        return consumed;
    }

    private String describeNext() {
        if (end < input.length) {
            return "\"" + firstByteAsRune(input[end]) + "\"";
        }
        return "<EOF>";
    }

    // a quoted string: no line breaks, escapes \" \\ \/ \b \f \n \r \t and \\u followed by four hex digits
    private Token readString() {
        StringBuilder buf = null; // only made when there are escapes
        start++; // skip the opening quote
        while (end < input.length) {
            int r = input[end];
            if (r == '\n' || r == '\r') {
                break;
            }
            if (r < 0x20 && r != '\t') {
                return makeError("Invalid character within String: \"\\u" + String.format("%04d", r) + "\".");
            }
            if (r == '"') {
                Token t = makeToken(Kind.STRING);
                if (buf != null) {
                    t = new Token(Kind.STRING, buf.toString(), t.pos());
                }
                end++; // the closing quote
                return t;
            }
            if (r != '\\') {
                end++;
                if (buf != null) {
                    buf.appendCodePoint(r);
                }
                continue;
            }
            if (end + 1 >= input.length) {
                end++;
                return makeError("Invalid character escape sequence.");
            }
            if (buf == null) {
                buf = new StringBuilder(new String(input, start, end - start));
            }
            int escape = input[end + 1];
            if (escape == 'u') {
                if (end + 6 >= input.length) {
                    end++;
                    return makeError("Invalid character escape sequence: \\" + new String(input, end, input.length - end)
                            + ".");
                }
                int v = unhex(end + 2);
                if (v < 0) {
                    end++;
                    return makeError("Invalid character escape sequence: \\" + new String(input, end, 5) + ".");
                }
                // Go's WriteRune turns a lone surrogate into U+FFFD
                buf.appendCodePoint(v >= 0xD800 && v <= 0xDFFF ? 0xFFFD : v);
                end += 6;
            } else {
                switch (escape) {
                    case '"', '/', '\\' -> buf.appendCodePoint(escape);
                    case 'b' -> buf.append('\b');
                    case 'f' -> buf.append('\f');
                    case 'n' -> buf.append('\n');
                    case 'r' -> buf.append('\r');
                    case 't' -> buf.append('\t');
                    default -> {
                        end++;
                        return makeError("Invalid character escape sequence: \\" + firstByteAsRune(escape) + ".");
                    }
                }
                end += 2;
            }
        }
        return makeError("Unterminated string.");
    }

    // """("?"?(\\"""|\\(?!=""")|[^"\\]))*"""
    private Token readBlockString() {
        StringBuilder buf = new StringBuilder();
        start += 3;
        end += 2;
        while (end < input.length) {
            int r = input[end];
            if (r == '"' && end + 3 <= input.length && input[end + 1] == '"' && input[end + 2] == '"') {
                Token t = makeValueToken(Kind.BLOCK_STRING, blockStringValue(buf.toString()));
                end += 3;
                return t;
            }
            if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
                return makeError("Invalid character within String: \"\\u" + String.format("%04d", r) + "\".");
            }
            if (r == '\\' && end + 4 <= input.length && input[end + 1] == '"' && input[end + 2] == '"'
                    && input[end + 3] == '"') {
                buf.append("\"\"\"");
                end += 4;
            } else if (r == '\r') {
                if (end + 1 < input.length && input[end + 1] == '\n') {
                    end++;
                }
                buf.append('\n');
                end++;
                line++;
                lineStart = end;
            } else {
                end++;
                buf.appendCodePoint(r);
                if (r == '\n') {
                    line++;
                    lineStart = end;
                }
            }
        }
        return makeError("Unterminated string.");
    }

    /**
     * gqlparser's block string value: the common indent is taken over every line, the first included, then cut
     * from all lines but the first, and blank lines at both ends are dropped.
     */
    static String blockStringValue(String raw) {
        String[] lines = raw.split("\n", -1);
        int commonIndent = Integer.MAX_VALUE;
        for (String l : lines) {
            int indent = leadingWhitespace(l);
            if (indent < l.length() && indent < commonIndent) {
                commonIndent = indent;
                if (commonIndent == 0) {
                    break;
                }
            }
        }
        if (commonIndent != Integer.MAX_VALUE) {
            for (int i = 1; i < lines.length; i++) {
                lines[i] = lines[i].length() < commonIndent ? "" : lines[i].substring(commonIndent);
            }
        }
        int from = 0;
        int to = lines.length;
        while (from < to && leadingWhitespace(lines[from]) == Integer.MAX_VALUE) {
            from++;
        }
        while (from < to && leadingWhitespace(lines[to - 1]) == Integer.MAX_VALUE) {
            to--;
        }
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
    }

    /** Count of leading spaces and tabs, or MAX_VALUE for a line of only whitespace. */
    private static int leadingWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t') {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private int unhex(int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int c = input[i];
            v <<= 4;
            if (c >= '0' && c <= '9') {
                v |= c - '0';
            } else if (c >= 'a' && c <= 'f') {
                v |= c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                v |= c - 'A' + 10;
            } else {
                return -1;
            }
        }
        return v;
    }

    private Token readName() {
        while (end < input.length) {
            int r = input[end];
            if ((r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || r == '_') {
                end++;
            } else {
                break;
            }
        }
        return makeToken(Kind.NAME);
    }

    /** Go indexes the input by byte and prints {@code string(byte)}: a non-ASCII character shows as its first byte. */
    private static String firstByteAsRune(int cp) {
        if (cp < 0x80) {
            return new String(Character.toChars(cp));
        }
        byte first = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8)[0];
        return String.valueOf((char) (first & 0xff));
    }
}
