package org.mtabaseline.rego.parser;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;

/** Splits Rego source into tokens; keeps comments aside (for {@code # METADATA}). */
final class Lexer {
    enum T { IDENT, NUMBER, STRING, TEMPLATE, OP, EOF }

    /**
     * A token. {@code nl}: a newline precedes it; {@code ws}: any whitespace precedes it.
     * For STRING, text is the decoded value; for TEMPLATE, text is the raw body.
     * {@code start}/{@code end}: its character offsets in the source (for error hints quoting it).
     */
    record Tok(T type, String text, int row, int col, boolean nl, boolean ws, boolean raw, int start, int end) {
        boolean is(String s) {
            return (type == T.OP || type == T.IDENT) && text.equals(s);
        }
    }

    record Comment(int row, int col, String text) {
    }

    private final String src;
    private final String file;
    private int pos;
    private int row = 1;
    private int col = 1;
    final List<Tok> tokens = new ArrayList<>();
    final List<Comment> comments = new ArrayList<>();

    Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    private RegoCompileException error(String msg, int r, int c) {
        return new RegoCompileException(new RegoError("rego_parse_error", file, r, c, msg));
    }

    private char peek(int off) {
        int p = pos + off;
        return p < src.length() ? src.charAt(p) : '\0';
    }

    private void advance() {
        if (src.charAt(pos) == '\n') {
            row++;
            col = 1;
        } else {
            col++;
        }
        pos++;
    }

    List<Tok> run() {
        boolean nl = true;
        while (true) {
            boolean ws = false;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    nl = true;
                    ws = true;
                    advance();
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                    ws = true;
                    advance();
                } else if (c == '#') {
                    int r = row;
                    int cc = col;
                    int start = pos;
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        advance();
                    }
                    comments.add(new Comment(r, cc, src.substring(start + 1, pos).replace("\r", "")));
                    ws = true;
                } else {
                    break;
                }
            }
            if (pos >= src.length()) {
                tokens.add(new Tok(T.EOF, "", row, col, true, true, false, pos, pos));
                return tokens;
            }
            int r = row;
            int c0 = col;
            int off = pos;
            char c = src.charAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    advance();
                }
                tokens.add(new Tok(T.IDENT, src.substring(start, pos), r, c0, nl, ws, false, off, pos));
            } else if (Character.isDigit(c)) {
                tokens.add(new Tok(T.NUMBER, number(), r, c0, nl, ws, false, off, pos));
            } else if (c == '"') {
                advance();
                String str = string(r, c0);
                tokens.add(new Tok(T.STRING, str, r, c0, nl, ws, false, off, pos));
            } else if (c == '`') {
                advance();
                int start = pos;
                while (pos < src.length() && src.charAt(pos) != '`') {
                    advance();
                }
                if (pos >= src.length()) {
                    throw error("non-terminated raw string", r, c0);
                }
                String s = src.substring(start, pos);
                advance();
                tokens.add(new Tok(T.STRING, s, r, c0, nl, ws, true, off, pos));
            } else if (c == '$' && (peek(1) == '"' || peek(1) == '`')) {
                char q = peek(1);
                advance();
                advance();
                int start = pos;
                int depth = 0;
                while (pos < src.length()) {
                    char x = src.charAt(pos);
                    // \{ escapes a brace in both forms; in "..." any backslash escape is skipped whole
                    if (x == '\\' && (q == '"' || (depth <= 0 && peek(1) == '{'))) {
                        advance();
                        advance();
                        continue;
                    }
                    if (x == '{') {
                        depth++;
                    } else if (x == '}') {
                        depth--;
                    } else if (x == q && depth <= 0) {
                        break;
                    } else if (x == '"' && depth > 0) {
                        // string inside an interpolated expression
                        advance();
                        while (pos < src.length() && src.charAt(pos) != '"') {
                            if (src.charAt(pos) == '\\') {
                                advance();
                            }
                            advance();
                        }
                    }
                    advance();
                }
                if (pos >= src.length()) {
                    throw error("non-terminated template string", r, c0);
                }
                String body = src.substring(start, pos);
                advance();
                tokens.add(new Tok(T.TEMPLATE, body, r, c0, nl, ws, q == '`', off, pos));
            } else {
                String op = operator();
                if (op == null) {
                    throw error("illegal token", r, c0);
                }
                tokens.add(new Tok(T.OP, op, r, c0, nl, ws, false, off, pos));
            }
            nl = false;
        }
    }

    private static final String[] OPS = {":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ".", ",", ";", ":",
        "=", "<", ">", "+", "-", "*", "/", "%", "&", "|"};

    private String operator() {
        for (String op : OPS) {
            if (src.startsWith(op, pos)) {
                for (int i = 0; i < op.length(); i++) {
                    advance();
                }
                return op;
            }
        }
        return null;
    }

    private String number() {
        int start = pos;
        while (Character.isDigit(peek(0))) {
            advance();
        }
        if (peek(0) == '.' && Character.isDigit(peek(1))) {
            advance();
            while (Character.isDigit(peek(0))) {
                advance();
            }
        }
        if ((peek(0) == 'e' || peek(0) == 'E')
                && (Character.isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
            advance();
            advance();
            while (Character.isDigit(peek(0))) {
                advance();
            }
        }
        return src.substring(start, pos);
    }

    private String string(int r, int c0) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error("non-terminated string", r, c0);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                advance();
                return sb.toString();
            }
            if (c == '\\') {
                advance();
                char e = peek(0);
                advance();
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > src.length()) {
                            throw error("invalid unicode escape", r, c0);
                        }
                        String hex = src.substring(pos, pos + 4);
                        try {
                            sb.append((char) Integer.parseInt(hex, 16));
                        } catch (NumberFormatException ex) {
                            throw error("invalid unicode escape", r, c0);
                        }
                        for (int i = 0; i < 4; i++) {
                            advance();
                        }
                    }
                    default -> throw error("illegal escape sequence", r, c0);
                }
            } else {
                sb.append(c);
                advance();
            }
        }
    }
}
