package org.mtabaseline.rego.parser;

import java.util.List;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.parser.Lexer.T;
import org.mtabaseline.rego.parser.Lexer.Tok;

/**
 * The token stream the parser layers share: position, lookahead, which words are keywords, and OPA's
 * wording and positions of parse errors. Kept apart so that the term, body and module parsers above it
 * only say what they parse, not how tokens are read. The layers extend one another (TermParser, BodyParser,
 * Parser) rather than hold one another: they share one position, and backtracking stays a field copy.
 */
abstract class TokenCursor {
    final String file;
    final String src;
    final List<Tok> toks;
    /** The source's comments, for the module's {@code # METADATA} annotations. */
    final List<Lexer.Comment> comments;
    /** Index of the current token; the parsers backtrack by saving and restoring it (with wildcards). */
    int p;
    /** Fresh names for {@code _}: wildPrefix and a counter (distinct prefixes for queries, terms, template parts). */
    int wildcards;
    final String wildPrefix;
    /** Future keywords imported by the module: the logic operators and the body form of {@code not}. */
    boolean andKw;
    boolean orKw;
    boolean notKw;
    /** The keywords v0 only knows when imported ({@code future.keywords}, {@code rego.v1}); always on in v1. */
    boolean ifKw;
    boolean inKw;
    boolean everyKw;
    boolean containsKw;

    TokenCursor(String file, String src, String wildPrefix, boolean v1) {
        this.file = file;
        this.src = src;
        Lexer lx = new Lexer(file, src);
        this.toks = lx.run();
        this.comments = lx.comments;
        this.wildPrefix = wildPrefix;
        this.ifKw = v1;
        this.inKw = v1;
        this.everyKw = v1;
        this.containsKw = v1;
    }

    Tok tok() {
        return toks.get(p);
    }

    Tok peekTok(int off) {
        return toks.get(Math.min(p + off, toks.size() - 1));
    }

    Tok next() {
        Tok t = toks.get(p);
        if (t.type() != T.EOF) {
            p++;
        }
        return t;
    }

    boolean at(String s) {
        return tok().is(s);
    }

    /** A keyword, unless used as a name ({@code else.foo}, {@code true(x)}, {@code in[0]}). */
    boolean kw(String s) {
        if (!at(s) || !keywordOn(s)) {
            return false;
        }
        Tok n = peekTok(1);
        return !((n.is(".") || n.is("[") || n.is("(")) && !n.ws());
    }

    /** v0 knows {@code if}, {@code in}, {@code every}, {@code contains} only once imported; other words always. */
    boolean keywordOn(String s) {
        return switch (s) {
            case "if" -> ifKw;
            case "in" -> inKw;
            case "every" -> everyKw;
            case "contains" -> containsKw;
            default -> true;
        };
    }

    boolean accept(String s) {
        if (at(s)) {
            p++;
            return true;
        }
        return false;
    }

    Tok expect(String s) {
        if (!at(s)) {
            throw error("unexpected " + describeToken(tok()) + ": expected " + s);
        }
        return next();
    }

    void expectEof() {
        if (tok().type() != T.EOF) {
            throw error("unexpected " + describeToken(tok()));
        }
    }

    /** A logic operator keyword here: imported, and not used as a name ({@code and.x}). */
    boolean atLogicalOp() {
        return (andKw && kw("and")) || (orKw && kw("or"));
    }

    /** An imported logic operator, wherever it stands (lookahead, messages). */
    boolean isLogicalOp(Tok t) {
        return t.type() == T.IDENT && ((andKw && t.text().equals("and")) || (orKw && t.text().equals("or")));
    }

    boolean logicalEnabled() {
        return andKw || orKw;
    }

    /** How OPA names a token in errors: {@code and keyword}, {@code ident token}, {@code } token}. */
    String describeToken(Tok t) {
        if (isLogicalOp(t)) {
            return t.text() + " keyword";
        }
        return describe(t) + " token";
    }

    private static String describe(Tok t) {
        return switch (t.type()) {
            case EOF -> "eof";
            case IDENT -> "ident";
            case NUMBER -> "number";
            case STRING -> "string";
            case TEMPLATE -> "template string";
            default -> switch (t.text()) {
                // OPA's token names
                case "+" -> "plus";
                case "-" -> "minus";
                case "*" -> "mul";
                case "/" -> "div";
                case "%" -> "rem";
                case "&" -> "and";
                case "|" -> "or";
                case "=" -> "eq";
                case "==" -> "equal";
                case ":=" -> "assign";
                case "!=" -> "neq";
                case ">" -> "gt";
                case "<" -> "lt";
                case ">=" -> "gte";
                case "<=" -> "lte";
                default -> t.text();
            };
        };
    }

    /** The source text from token a up to (excluding) token b. */
    String text(int a, int b) {
        return src.substring(toks.get(a).start(), toks.get(Math.max(a, b - 1)).end());
    }

    Location loc(Tok t) {
        return new Location(file, t.row(), t.col());
    }

    RegoCompileException error(String msg) {
        Tok t = tok();
        return new RegoCompileException(new RegoError("rego_parse_error", file, t.row(), t.col(), msg));
    }

    Term.Var freshWildcard(Location l) {
        return new Term.Var(wildPrefix + (wildcards++), l);
    }

    void enableKeyword(String kw) {
        switch (kw) {
            case "and" -> andKw = true;
            case "or" -> orKw = true;
            case "not" -> notKw = true;
            // always keywords in Rego v1; v0 knows them once imported
            case "if" -> ifKw = true;
            case "in" -> inKw = true;
            case "every" -> {
                // as OPA's scanner: importing `every` also imports `in`
                everyKw = true;
                inKw = true;
            }
            case "contains" -> containsKw = true;
            default -> throw new IllegalArgumentException(kw);
        }
    }

    RegoCompileException errorAt(Tok t, String msg) {
        return new RegoCompileException(new RegoError("rego_parse_error", file, t.row(), t.col(), msg));
    }

    String ident() {
        Tok t = next();
        if (t.type() != T.IDENT) {
            p--;
            throw error("unexpected " + describeToken(t) + ": expected ident");
        }
        return t.text();
    }
}
