package org.mtabaseline.rego.parser;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoVersion;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Module;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.parser.Lexer.T;
import org.mtabaseline.rego.parser.Lexer.Tok;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.StringValue;

/**
 * Recursive-descent parser for Rego as OPA 1.x parses it: v1 syntax by default, v0 syntax (OPA's
 * {@code ast.RegoV0} parser options) on request.
 */
public final class Parser {
    private final String file;
    private final List<Tok> toks;
    private final List<Lexer.Comment> comments;
    private int p;
    private int wildcards;
    private final String wildPrefix;

    private final String src;
    /** Capabilities with experimental features: {@code future.keywords.and} / {@code .or} may be imported. */
    private final boolean experimental;
    /** Future keywords imported by the module: the logic operators and the body form of {@code not}. */
    private boolean andKw;
    private boolean orKw;
    private boolean notKw;
    /** Logic operators consumed so far: a failed parenthesised group that used one is a real error. */
    private int logicalOps;
    /** The syntax requested for this source. */
    private final RegoVersion version;
    /**
     * v0 rule forms: bodies without {@code if}, {@code p[x] { ... }} a partial set. True for a v0 module until it
     * imports {@code rego.v1} (OPA's RegoV0CompatV1 then requires the v1 forms).
     */
    private boolean v0Rules;
    /**
     * OPA's Rego v1 rule checks ({@code checkRegoV1Rule}): a v1 module, or a v0 module that imported
     * {@code rego.v1}. {@code if} and {@code contains} are required; the v0 forms still parse, to be refused.
     */
    private boolean v1RuleChecks;
    /** Errors of OPA's Rego v1 rule checks, reported together once the whole module is parsed. */
    private final List<RegoError> v1Errors = new ArrayList<>();
    /** Rego v1's keywords: no rule may be named after one (with rego.v1). */
    private static final java.util.Set<String> V1_KEYWORDS = java.util.Set.of("not", "package", "import", "as",
            "default", "else", "with", "null", "true", "false", "some", "contains", "every", "if", "in");
    /** The keywords v0 only knows when imported ({@code future.keywords}, {@code rego.v1}); always on in v1. */
    private boolean ifKw;
    private boolean inKw;
    private boolean everyKw;
    private boolean containsKw;

    private Parser(String file, String src, String wildPrefix, boolean experimental, RegoVersion version) {
        this.file = file;
        this.src = src;
        Lexer lx = new Lexer(file, src);
        this.toks = lx.run();
        this.comments = lx.comments;
        this.wildPrefix = wildPrefix;
        this.experimental = experimental;
        this.version = version;
        boolean v1 = version == RegoVersion.V1;
        this.v0Rules = !v1;
        this.v1RuleChecks = v1;
        this.ifKw = v1;
        this.inKw = v1;
        this.everyKw = v1;
        this.containsKw = v1;
    }

    /** Parses a module. */
    public static Module parseModule(String file, String src) {
        return parseModule(file, src, false);
    }

    /**
     * Parses a module; with {@code experimentalKeywords} (OPA's capabilities with experimental features)
     * the module may import the logic operators {@code and} / {@code or}.
     */
    public static Module parseModule(String file, String src, boolean experimentalKeywords) {
        return parseModule(file, src, RegoVersion.V1, experimentalKeywords);
    }

    /** Parses a module in the given Rego syntax. */
    public static Module parseModule(String file, String src, RegoVersion version, boolean experimentalKeywords) {
        return new Parser(file, src, "$", experimentalKeywords, version).module();
    }

    /** Parses a query (a body). */
    public static List<Expr> parseQuery(String src) {
        return parseQuery(src, RegoVersion.V1);
    }

    /** Parses a query (a body) in the given Rego syntax. */
    public static List<Expr> parseQuery(String src, RegoVersion version) {
        Parser ps = new Parser("", src, "$q", false, version);
        List<Expr> body = ps.query("");
        ps.expectEof();
        return body;
    }

    /** Parses a single term (e.g. an input written in Rego). */
    public static Term parseTerm(String src) {
        Parser ps = new Parser("", src, "$t", false, RegoVersion.V1);
        Term t = ps.termIn(false);
        ps.expectEof();
        return t;
    }

    // ---------------------------------------------------------------- helpers

    private Tok tok() {
        return toks.get(p);
    }

    private Tok peekTok(int off) {
        return toks.get(Math.min(p + off, toks.size() - 1));
    }

    private Tok next() {
        Tok t = toks.get(p);
        if (t.type() != T.EOF) {
            p++;
        }
        return t;
    }

    private boolean at(String s) {
        return tok().is(s);
    }

    /** A keyword, unless used as a name ({@code else.foo}, {@code true(x)}, {@code in[0]}). */
    private boolean kw(String s) {
        if (!at(s) || !keywordOn(s)) {
            return false;
        }
        Tok n = peekTok(1);
        return !((n.is(".") || n.is("[") || n.is("(")) && !n.ws());
    }

    /** v0 knows {@code if}, {@code in}, {@code every}, {@code contains} only once imported; other words always. */
    private boolean keywordOn(String s) {
        return switch (s) {
            case "if" -> ifKw;
            case "in" -> inKw;
            case "every" -> everyKw;
            case "contains" -> containsKw;
            default -> true;
        };
    }

    private boolean accept(String s) {
        if (at(s)) {
            p++;
            return true;
        }
        return false;
    }

    private Tok expect(String s) {
        if (!at(s)) {
            throw error("unexpected " + describeToken(tok()) + ": expected " + s);
        }
        return next();
    }

    private void expectEof() {
        if (tok().type() != T.EOF) {
            throw error("unexpected " + describeToken(tok()));
        }
    }

    /** A logic operator keyword here: imported, and not used as a name ({@code and.x}). */
    private boolean atLogicalOp() {
        return (andKw && kw("and")) || (orKw && kw("or"));
    }

    private boolean logicalEnabled() {
        return andKw || orKw;
    }

    /** How OPA names a token in errors: {@code and keyword}, {@code ident token}, {@code } token}. */
    private String describeToken(Tok t) {
        if (t.type() == T.IDENT && ((andKw && t.text().equals("and")) || (orKw && t.text().equals("or")))) {
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
    private String text(int a, int b) {
        return src.substring(toks.get(a).start(), toks.get(Math.max(a, b - 1)).end());
    }

    private Location loc(Tok t) {
        return new Location(file, t.row(), t.col());
    }

    private RegoCompileException error(String msg) {
        Tok t = tok();
        return new RegoCompileException(new RegoError("rego_parse_error", file, t.row(), t.col(), msg));
    }

    private Term.Var freshWildcard(Location l) {
        return new Term.Var(wildPrefix + (wildcards++), l);
    }

    // ---------------------------------------------------------------- module

    private Module module() {
        Tok pk = tok();
        if (!accept("package")) {
            throw error("package expected");
        }
        List<String> pkg = new ArrayList<>();
        Tok id = next();
        if (id.type() != T.IDENT) {
            throw error("expected package name");
        }
        pkg.add(id.text());
        while (true) {
            if (at(".") && !tok().ws()) {
                next();
                pkg.add(ident());
            } else if (at("[") && !tok().ws()) {
                next();
                Tok s = next();
                if (s.type() != T.STRING) {
                    throw error("package path must be strings");
                }
                pkg.add(s.text());
                expect("]");
            } else {
                break;
            }
        }
        List<Module.Import> imports = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        while (tok().type() != T.EOF) {
            if (kw("import")) {
                Tok it = next();
                Tok pathTok = tok();
                List<String> path = new ArrayList<>();
                path.add(ident());
                Tok lastTok = pathTok;
                while (true) {
                    if (at(".") && !tok().ws()) {
                        next();
                        lastTok = tok();
                        path.add(ident());
                    } else if (at("[") && !tok().ws()) {
                        next();
                        Tok s = next();
                        if (s.type() != T.STRING) {
                            throw error("import path must be strings");
                        }
                        lastTok = s;
                        path.add(s.text());
                        expect("]");
                    } else {
                        break;
                    }
                }
                String alias = null;
                if (at("as") && !tok().nl()) {
                    next();
                    alias = ident();
                }
                String root = path.get(0);
                if (!root.equals("data") && !root.equals("input") && !root.equals("future") && !root.equals("rego")) {
                    throw new RegoCompileException(new RegoError("rego_parse_error", file, it.row(), it.col(),
                            "invalid import, must begin with one of: {data, future, input, rego}"));
                }
                if (version == RegoVersion.V1 && alias == null && path.size() > 1 && !root.equals("future")
                        && V1_KEYWORDS.contains(path.get(path.size() - 1))) {
                    // OPA: the imported name would be a keyword (an alias avoids it)
                    throw errorAt(lastTok, "unexpected import path, must not end with a keyword, got: "
                            + path.get(path.size() - 1));
                }
                if (root.equals("future")) {
                    futureImport(path, alias, pathTok);
                }
                if (root.equals("rego")) {
                    regoV1Import(path, alias, pathTok);
                }
                imports.add(new Module.Import(path, alias, loc(it)));
                continue;
            }
            if (atLogicalOp()) {
                throw error("unexpected " + describeToken(tok()));
            }
            rules.addAll(rule());
        }
        if (!v1Errors.isEmpty()) {
            throw new RegoCompileException(v1Errors);
        }
        List<Module.Annotation> annotations = Annotations.attach(file, comments, pk, imports, rules);
        return new Module(file, pkg, loc(pk), imports, rules, annotations, version);
    }

    /** Future keywords a v1 module may import; the logic operators only with experimental capabilities. */
    private static final List<String> FUTURE_KEYWORDS = List.of("contains", "every", "if", "in", "not");
    private static final List<String> EXPERIMENTAL_KEYWORDS = List.of("and", "or");

    /** {@code import future.keywords[.kw]}: checks it as OPA does and turns the keywords on. */
    private void futureImport(List<String> path, String alias, Tok at) {
        if (path.size() < 2 || !path.get(1).equals("keywords")) {
            throw errorAt(at, "invalid import, must be `future.keywords`");
        }
        if (alias != null) {
            throw errorAt(at, "`future` imports cannot be aliased");
        }
        List<String> known = new ArrayList<>(FUTURE_KEYWORDS);
        if (experimental) {
            known.addAll(EXPERIMENTAL_KEYWORDS);
        }
        java.util.Collections.sort(known);
        if (path.size() == 2) {
            known.forEach(this::enableKeyword);
            return;
        }
        if (path.size() > 3 || !known.contains(path.get(2))) {
            throw errorAt(at, "unexpected keyword, must be one of " + known.toString().replace(",", ""));
        }
        enableKeyword(path.get(2));
    }

    private void enableKeyword(String kw) {
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

    /**
     * {@code import rego.v1}: a no-op in v1; in a v0 module it turns on the v0 future keywords and the v1 rule
     * forms (OPA's RegoV0CompatV1).
     */
    private void regoV1Import(List<String> path, String alias, Tok at) {
        if (path.size() != 2 || !path.get(1).equals("v1")) {
            throw errorAt(at, "invalid import `" + String.join(".", path) + "`, must be `rego.v1`");
        }
        if (version == RegoVersion.V1) {
            return;
        }
        if (alias != null) {
            throw errorAt(at, "`rego` imports cannot be aliased");
        }
        for (String kw : List.of("contains", "every", "if", "in")) {
            enableKeyword(kw);
        }
        v0Rules = false;
        v1RuleChecks = true;
    }

    private RegoCompileException errorAt(Tok t, String msg) {
        return new RegoCompileException(new RegoError("rego_parse_error", file, t.row(), t.col(), msg));
    }

    private String ident() {
        Tok t = next();
        if (t.type() != T.IDENT) {
            p--;
            throw error("unexpected " + describeToken(t) + ": expected ident");
        }
        return t.text();
    }

    // ---------------------------------------------------------------- rules

    private List<Rule> rule() {
        Tok start = tok();
        Location l = loc(start);
        boolean isDefault = false;
        if (kw("default") && peekTok(1).type() == T.IDENT) {
            next();
            isDefault = true;
        }
        Tok nameTok = next();
        if (nameTok.type() != T.IDENT) {
            p--;
            throw error("unexpected " + describeToken(nameTok) + ": expected rule head");
        }
        List<Term> head = new ArrayList<>();
        head.add(new Term.Var(nameTok.text(), loc(nameTok)));
        List<Term> args = null;
        while (true) {
            if (at(".") && !tok().ws()) {
                next();
                Tok k = next();
                if (k.type() != T.IDENT) {
                    throw error("expected ident after .");
                }
                head.add(new Term.Scalar(StringValue.of(k.text()), loc(k)));
            } else if (at("[") && !tok().ws()) {
                next();
                head.add(termIn(false));
                expect("]");
            } else if (at("(") && !tok().ws()) {
                next();
                args = new ArrayList<>();
                while (!at(")")) {
                    args.add(termIn(false));
                    if (!accept(",")) {
                        break;
                    }
                }
                expect(")");
                break;
            } else {
                break;
            }
        }
        Term key = null;
        Term value = null;
        if (isDefault) {
            if (!accept(":=") && !accept("=")) {
                throw error("default rules must have a value: expected := or =");
            }
            value = termIn(false);
            return List.of(new Rule(l, head, args, null, value, true, List.of(), null, file));
        }
        if (v0Rules && args != null && args.isEmpty()) {
            // v0: `f() = 1` has no arguments, so it is a rule like `f = 1` (OPA: a function needs arguments)
            args = null;
        }
        boolean usesContains = false;
        if (kw("contains") && args != null && version == RegoVersion.V1) {
            throw error("unexpected contains keyword: the contains keyword can only be used with multi-value rule "
                    + "definitions (e.g., " + headText(head) + " contains <VALUE> { ... })");
        }
        if (kw("contains") && args == null) {
            next();
            key = termIn(false);
            usesContains = true;
        } else if (at(":=") || at("=")) {
            next();
            value = termIn(false);
        }
        boolean hasIf = kw("if");
        if ((v0Rules || v1RuleChecks) && !hasIf && key == null && value == null && args == null && head.size() == 2) {
            // v0: `p[x] { ... }` (or a bare `p[x]`) adds x to the partial set p (with rego.v1: an error below)
            key = head.get(1);
            head = List.of(head.get(0));
        }
        List<Expr> body = ruleBody(l);
        if (body == null && key == null && value == null && args == null && head.size() == 1) {
            // a bare name is an expression, not a rule (as OPA's ParseRuleFromExpr says, in v0 and v1)
            throw errorAt(start, "var cannot be used for rule name");
        }
        if (v1RuleChecks && body == null && key == null && value == null && args == null) {
            // a bare `a.b.c` (OPA: a rule with generated value and body)
            v1Errors.add(errorAt(start, "rule must have value assignment and/or body declaration").errors().get(0));
        }
        // The name that must not be a keyword. A v1 ref head may start with one (`as.foo := 1`, OPA's keywords in
        // refs), and a plain name cannot be one there; a v0 module importing rego.v1 checks its first term.
        String headName = version == RegoVersion.V0 || head.size() == 1 ? nameTok.text() : "";
        if (v1RuleChecks) {
            v1RuleErrors(start, headName, args != null, body == null || hasIf, key != null && !usesContains);
        }
        List<Rule> extra = new ArrayList<>();
        if (body == null) {
            body = trueBody(l);
        }
        Rule elseRule = null;
        if (kw("else")) {
            boolean varInHead = head.stream().skip(1).anyMatch(t -> !(t instanceof Term.Scalar));
            if (varInHead) {
                throw error("else keyword cannot be used on rules with variables in head");
            }
            if (key != null) {
                throw error("else keyword cannot be used on multi-value rules");
            }
            elseRule = elseChain(head, headName, args);
        }
        if (value == null && key == null) {
            value = new Term.Scalar(BooleanValue.TRUE, l);
        }
        Rule r = new Rule(l, head, args, key, value, false, body, elseRule, file);
        // v0-style additional bodies: p if { a } { b } define more rules with the same head
        while (at("{") && elseRule == null) {
            Tok brace = next();
            if (v1RuleChecks) {
                // a further body keeps the head and its keywords (OPA copies them), located at its brace
                v1RuleErrors(brace, headName, args != null, hasIf, key != null && !usesContains);
            }
            List<Expr> more = query("}");
            expect("}");
            extra.add(new Rule(l, head, args, key, value, false, more, null, file));
        }
        List<Rule> out = new ArrayList<>();
        out.add(r);
        out.addAll(extra);
        return out;
    }

    /** A function's head ref as OPA prints it in messages: {@code f}, {@code a.b}, {@code a["b-c"]}. */
    private static String headText(List<Term> head) {
        StringBuilder sb = new StringBuilder(((Term.Var) head.get(0)).name());
        for (Term t : head.subList(1, head.size())) {
            if (t instanceof Term.Scalar sc && sc.value() instanceof StringValue sv) {
                String k = sv.value();
                sb.append(k.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + k : "[\"" + k + "\"]");
            } else {
                sb.append('[').append(t).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * OPA's checkRegoV1Rule for one rule (or else branch, or further body) located at {@code at}; the errors are
     * reported after the whole module is parsed.
     */
    private void v1RuleErrors(Tok at, String name, boolean function, boolean bodyOk, boolean setWithoutContains) {
        if (V1_KEYWORDS.contains(name)) {
            v1Errors.add(errorAt(at, name + " keyword cannot be used for rule name").errors().get(0));
        }
        if (!bodyOk) {
            v1Errors.add(errorAt(at, "`if` keyword is required before " + (function ? "function" : "rule")
                    + " body").errors().get(0));
        }
        if (setWithoutContains) {
            v1Errors.add(errorAt(at, "`contains` keyword is required for partial set rules").errors().get(0));
        }
    }

    private List<Expr> trueBody(Location l) {
        return List.of(new Expr(new Expr.TermExpr(new Term.Scalar(BooleanValue.TRUE, l)), false, List.of(), l));
    }

    /** Parses {@code if { ... }}, {@code if literal}, or {@code { ... }}; null when no body follows. */
    private List<Expr> ruleBody(Location l) {
        if (kw("if")) {
            next();
            if (at("{")) {
                // `if {` opens a body, unless it only parses as a term (an object/set comprehension literal)
                int save = p;
                int savedWild = wildcards;
                try {
                    next();
                    List<Expr> b = query("}");
                    expect("}");
                    if (!atLogicalOp()) {
                        return b;
                    }
                    // `p if { a; b } or c`: the braces are the explicit left operand of a one-literal body
                    p = save;
                    wildcards = savedWild;
                    List<Expr> one = new ArrayList<>();
                    one.add(literal());
                    return one;
                } catch (RegoCompileException e) {
                    p = save;
                    wildcards = savedWild;
                    try {
                        List<Expr> one = new ArrayList<>();
                        one.add(literal());
                        return one;
                    } catch (RegoCompileException e2) {
                        throw e;
                    }
                }
            }
            List<Expr> one = new ArrayList<>();
            one.add(literal());
            return one;
        }
        // a body may open on the next line (OPA's parser skips newlines there, in v0 and v1)
        if (at("{")) {
            next();
            List<Expr> b = query("}");
            expect("}");
            return b;
        }
        return null;
    }

    private Rule elseChain(List<Term> head, String headName, List<Term> args) {
        Tok e = expect("else");
        Location l = loc(e);
        Term value = null;
        if (accept(":=") || accept("=")) {
            value = termIn(false);
        }
        boolean hasIf = kw("if");
        List<Expr> body = ruleBody(l);
        if (v1RuleChecks) {
            // an else branch is a rule of its own to OPA's checkRegoV1Rule, located at its `else`
            v1RuleErrors(e, headName, args != null, body == null || hasIf, false);
        }
        if (body == null) {
            body = trueBody(l);
        }
        if (value == null) {
            value = new Term.Scalar(BooleanValue.TRUE, l);
        }
        Rule next = kw("else") ? elseChain(head, headName, args) : null;
        return new Rule(l, head, args, null, value, false, body, next, file);
    }

    // ---------------------------------------------------------------- bodies

    /** Literals separated by ';' or newlines, up to a closing '}' or ']' (not consumed) or EOF. */
    /** close: the token that ends the body ("}" or "]"), or "" for a query ending at EOF. */
    private List<Expr> query(String close) {
        List<Expr> out = new ArrayList<>();
        while (true) {
            if (at("}") || at("]") || tok().type() == T.EOF) {
                break;
            }
            out.add(literal());
            if (accept(";")) {
                continue;
            }
            if (at("}") || at("]") || tok().type() == T.EOF) {
                break;
            }
            if (!tok().nl()) {
                throw error("unexpected " + describeToken(tok()) + (close.isEmpty() ? "" : ": expected \\n or ; or " + close));
            }
        }
        if (out.isEmpty()) {
            throw error("found empty body");
        }
        return out;
    }

    private Expr literal() {
        Tok start = tok();
        Location l = loc(start);
        if (kw("some")) {
            next();
            return finishLiteral(some(), false, l);
        }
        if (kw("every") && peekTok(1).type() == T.IDENT) {
            next();
            return finishLiteral(every(), false, l);
        }
        if (logicalEnabled()) {
            return logicalLiteral();
        }
        if (notKw && kw("not") && peekTok(1).is("{")) {
            return finishLiteral(notBody().kind(), false, l);
        }
        boolean negated = false;
        if (kw("not") && !peekTok(1).is(":=") && !peekTok(1).is("=")) {
            next();
            refuseNegatedDeclaration();
            negated = true;
        }
        return finishLiteral(simpleLiteral().kind(), negated, l);
    }

    private void refuseNegatedDeclaration() {
        for (String k : List.of("some", "every")) {
            if (kw(k)) {
                throw error("unexpected " + k + " keyword: illegal negation of '" + k + "'");
            }
        }
    }

    /** {@code term}, {@code term := term} or {@code term = term}, without modifiers. */
    private Expr simpleLiteral() {
        Tok start = tok();
        Term lhs = termIn(false, true);
        Expr.Kind kind;
        if (accept(":=")) {
            kind = new Expr.Assign(lhs, termIn(false, true));
        } else if (accept("=")) {
            kind = new Expr.Unify(lhs, termIn(false, true));
        } else {
            kind = new Expr.TermExpr(lhs);
        }
        return new Expr(kind, false, List.of(), loc(start));
    }

    /** {@code not { body }} at the current {@code not} (with {@code future.keywords.not} the braces hold a body). */
    private Expr notBody() {
        Tok notTok = next();
        return new Expr(new Expr.NotBody(braceBody(), true), false, List.of(), loc(notTok));
    }

    /** {@code { body }} at the current brace. */
    private List<Expr> braceBody() {
        next();
        List<Expr> b = query("}");
        expect("}");
        return b;
    }

    // ---------------------------------------------------------------- logic operators

    /**
     * One operand of {@code and} / {@code or} while parsing: its body (one expression unless written in
     * braces), where it starts, and whether it is a plain expression starting with a brace (which OPA
     * refuses as an operand: braces there must hold a body).
     */
    private record Operand(List<Expr> body, boolean explicit, Location loc, int startTok, boolean braceLed) {
        Expr expr() {
            return body.get(0);
        }
    }

    /**
     * A literal when {@code and} / {@code or} are on: {@code or} binds loosest, then {@code and}, then
     * {@code not}; trailing {@code with} modifiers apply to the whole expression.
     */
    private Expr logicalLiteral() {
        Expr e = orChain();
        Tok withTok = tok();
        List<Expr.With> withs = withModifiers();
        if (withs.isEmpty()) {
            return e;
        }
        // after the modifiers of a whole chain another operator is just unexpected (the body reports it)
        if (atLogicalOp() && !(e.kind() instanceof Expr.Logical)) {
            String op = tok().text();
            throw errorAt(withTok, "`with` modifier is not allowed on operand of `" + op + "` (hint: Wrap the operand in "
                    + "`(...)` or `{...}` to scope, or move `with` after the `" + op
                    + "` expression to apply it to the whole expression)");
        }
        List<Expr.With> all = new ArrayList<>(e.withs());
        all.addAll(withs);
        return new Expr(e.kind(), e.negated(), all, e.loc());
    }

    private Expr orChain() {
        Operand lhs = andChain(null);
        while (orKw && kw("or")) {
            refuseBraceLed(lhs, "or");
            next();
            logicalOps++;
            lhs = combine(true, lhs, andChain("or"));
        }
        return lhs.expr();
    }

    /** An {@code and} chain; opBefore is the operator before it (null at the start of the literal). */
    private Operand andChain(String opBefore) {
        Operand lhs = operand(opBefore);
        while (andKw && kw("and")) {
            refuseBraceLed(lhs, "and");
            next();
            logicalOps++;
            lhs = combine(false, lhs, operand("and"));
        }
        return lhs;
    }

    private Operand combine(boolean or, Operand l, Operand r) {
        Expr e = new Expr(new Expr.Logical(or, l.body(), r.body(), l.explicit(), r.explicit()), false, List.of(), l.loc());
        return new Operand(List.of(e), false, l.loc(), l.startTok(), false);
    }

    private void refuseBraceLed(Operand o, String op) {
        if (o.braceLed()) {
            throw braceLedError(o.startTok(), p, op);
        }
    }

    private RegoCompileException braceLedError(int from, int to, String op) {
        return errorAt(toks.get(from), "operand of `" + op + "` cannot begin with `{` unless the braces hold a body "
                + "(hint: wrap the operand to keep the value: `(" + text(from, to) + ") " + op + " ...`)");
    }

    /** Token index just after the {@code (} of the group being parsed: braces there are a value. */
    private int groupStart = -1;

    /**
     * One operand: {@code not} operand, {@code { body }}, {@code ( group )} or a plain expression. After an
     * operator (opBefore set) braces always hold a body; at the start of the literal only when an operator
     * follows them, otherwise they are a set or object as usual.
     */
    private Operand operand(String opBefore) {
        int startTok = p;
        Tok start = tok();
        if (atLogicalOp()) {
            throw error("unexpected " + describeToken(tok()));
        }
        if (opBefore != null && (kw("some") || kw("every"))) {
            throw error("unexpected " + tok().text() + " keyword");
        }
        if (kw("not") && !peekTok(1).is(":=") && !peekTok(1).is("=")) {
            if (notKw && peekTok(1).is("{")) {
                return implicit(notBody(), startTok);
            }
            next();
            if (kw("some") || kw("every")) {
                throw error("unexpected " + tok().text() + " keyword");
            }
            if (notKw && at("(")) {
                Expr g = group(true);
                if (g != null) {
                    return implicit(new Expr(new Expr.NotBody(List.of(g), false), false, List.of(), loc(start)), startTok);
                }
            }
            Expr inner = simpleLiteral();
            // with future.keywords.not OPA reads this as a negated body: errors point into it
            return implicit(new Expr(inner.kind(), true, List.of(), notKw ? inner.loc() : loc(start)), startTok);
        }
        if (at("{")) {
            return braceOperand(opBefore, startTok);
        }
        if (at("(")) {
            Expr g = group(opBefore != null);
            if (g != null) {
                return implicit(g, startTok);
            }
        }
        return implicit(simpleLiteral(), startTok);
    }

    private Operand braceOperand(String opBefore, int startTok) {
        Tok start = tok();
        int save = p;
        int savedWild = wildcards;
        if (peekTok(1).is("}") && opBefore == null && isLogicalOp(peekTok(2))) {
            throw errorAt(start, "found empty body");
        }
        int opsBefore = logicalOps;
        boolean isBody = false;
        try {
            next();
            List<Expr> b = query("}");
            expect("}");
            if (opBefore != null || atLogicalOp()) {
                return new Operand(b, true, loc(start), startTok, false);
            }
            isBody = true;
        } catch (RegoCompileException e) {
            if (opBefore != null && toks.get(save + 1).is("}")) {
                throw e;
            }
            if (opBefore != null) {
                p = save;
                wildcards = savedWild;
                try {
                    simpleLiteral();
                } catch (RegoCompileException e2) {
                    throw e;
                }
                throw braceLedError(startTok, p, opBefore);
            }
        }
        p = save;
        wildcards = savedWild;
        logicalOps = opsBefore;
        Expr e;
        try {
            e = simpleLiteral();
        } catch (RegoCompileException ex) {
            if (isBody && startTok == groupStart) {
                int close = p;
                p = save;
                skipBraces();
                String body = text(save, p);
                p = close;
                throw errorAt(toks.get(groupStart - 1), "`(...)` in an operand position cannot contain a body (hint: drop the parens to "
                        + "keep the body: `" + body + "`)");
            }
            throw ex;
        }
        return new Operand(List.of(e), false, e.loc(), startTok, true);
    }

    /** Moves past the balanced braces starting at the current token. */
    private void skipBraces() {
        int depth = 0;
        do {
            if (at("{")) {
                depth++;
            } else if (at("}")) {
                depth--;
            }
            next();
        } while (depth > 0 && tok().type() != T.EOF);
    }

    private boolean isLogicalOp(Tok t) {
        return t.type() == T.IDENT && ((andKw && t.text().equals("and")) || (orKw && t.text().equals("or")));
    }

    private Operand implicit(Expr e, int startTok) {
        return new Operand(List.of(e), false, e.loc(), startTok, false);
    }

    /**
     * {@code ( ... )} around an expression with {@code and}, {@code or}, {@code not} or {@code with}; null
     * (nothing consumed) when the parentheses only group a term, which the term parser then reads.
     * In operand position an empty group is an error rather than a term.
     */
    private Expr group(boolean operandPosition) {
        Tok open = tok();
        if (operandPosition && peekTok(1).is(")")) {
            throw errorAt(open, "empty parenthesized group");
        }
        int save = p;
        int savedWild = wildcards;
        int opsBefore = logicalOps;
        int outerGroup = groupStart;
        try {
            next();
            groupStart = p;
            Expr inner = logicalLiteral();
            if (!at(")") && logicalOps != opsBefore) {
                throw error("expected ) to close parenthesized group");
            }
            expect(")");
            if (inner.kind() instanceof Expr.Logical || inner.kind() instanceof Expr.NotBody || inner.negated()
                    || !inner.withs().isEmpty()) {
                return inner;
            }
        } catch (RegoCompileException e) {
            if (logicalOps != opsBefore || e.getMessage().contains("`(...)`")) {
                throw e;
            }
        } finally {
            groupStart = outerGroup;
        }
        p = save;
        wildcards = savedWild;
        logicalOps = opsBefore;
        return null;
    }

    private Expr finishLiteral(Expr.Kind kind, boolean negated, Location l) {
        List<Expr.With> withs = withModifiers();
        return new Expr(kind, negated, withs, l);
    }

    private List<Expr.With> withModifiers() {
        List<Expr.With> withs = new ArrayList<>();
        while (kw("with")) {
            Tok w = next();
            Term target = termIn(false);
            expect("as");
            Term value = termIn(false);
            withs.add(new Expr.With(target, value, loc(w)));
        }
        return withs.isEmpty() ? List.of() : withs;
    }

    private Expr.Kind some() {
        List<Term> terms = new ArrayList<>();
        terms.add(termRelation(false));
        while (accept(",")) {
            terms.add(termRelation(false));
        }
        if (inKw && accept("in")) {
            if (terms.size() > 2) {
                throw error("unexpected , token: expected one or two terms before in");
            }
            Term coll = termRelation(false);
            if (terms.size() == 2) {
                return new Expr.SomeIn(terms.get(0), terms.get(1), coll);
            }
            return new Expr.SomeIn(null, terms.get(0), coll);
        }
        List<Term.Var> vars = new ArrayList<>();
        for (Term t : terms) {
            if (!(t instanceof Term.Var v)) {
                throw error("expected var in some declaration");
            }
            vars.add(v);
        }
        return new Expr.SomeDecl(vars);
    }

    private Expr.Kind every() {
        Term first = termRelation(false);
        Term second = null;
        if (accept(",")) {
            second = termRelation(false);
        }
        expect("in");
        Term coll = termRelation(false);
        expect("{");
        List<Expr> body = query("}");
        expect("}");
        if (second != null) {
            return new Expr.Every(first, second, coll, body);
        }
        return new Expr.Every(null, first, coll, body);
    }

    // ---------------------------------------------------------------- terms (by precedence)

    /** {@code in} (lowest). noOr: stop at '|' (comprehension heads). */
    private Term termIn(boolean noOr) {
        return termIn(noOr, false);
    }

    /** With keyVal (top of an expression or in parentheses), {@code k, v in xs} is membership with key. */
    private Term termIn(boolean noOr, boolean keyVal) {
        Term lhs = termRelation(noOr);
        while (true) {
            if (keyVal && at(",")) {
                int save = p;
                int savedWild = wildcards;
                next();
                try {
                    Term mhs = termRelation(noOr);
                    if (kw("in")) {
                        Tok op = next();
                        Term rhs = termRelation(noOr);
                        lhs = new Term.Call("internal.member_3", List.of(lhs, mhs, rhs), loc(op));
                        continue;
                    }
                } catch (RegoCompileException e) {
                    // not a key/value membership
                }
                p = save;
                wildcards = savedWild;
                break;
            }
            if (kw("in")) {
                Tok op = next();
                Term rhs = termRelation(noOr);
                lhs = new Term.Call("internal.member_2", List.of(lhs, rhs), loc(op));
            } else {
                break;
            }
        }
        return lhs;
    }

    private boolean inListKeyVal = false;

    private Term termRelation(boolean noOr) {
        Term lhs = termOr(noOr);
        while (true) {
            String name = switch (tok().type() == T.OP ? tok().text() : "") {
                case "==" -> "equal";
                case "!=" -> "neq";
                case "<" -> "lt";
                case ">" -> "gt";
                case "<=" -> "lte";
                case ">=" -> "gte";
                default -> null;
            };
            if (name == null) {
                return lhs;
            }
            next();
            Term rhs = termOr(noOr);
            lhs = new Term.Call(name, List.of(lhs, rhs), lhs.loc());
        }
    }

    private Term termOr(boolean noOr) {
        Term lhs = termAnd(noOr);
        while (!noOr && at("|")) {
            next();
            lhs = new Term.Call("or", List.of(lhs, termAnd(noOr)), lhs.loc());
        }
        return lhs;
    }

    private Term termAnd(boolean noOr) {
        Term lhs = termArith(noOr);
        while (at("&")) {
            next();
            lhs = new Term.Call("and", List.of(lhs, termArith(noOr)), lhs.loc());
        }
        return lhs;
    }

    private Term termArith(boolean noOr) {
        Term lhs = termFactor(noOr);
        while (at("+") || at("-")) {
            // `x -1` on a new line is not subtraction
            if (tok().nl()) {
                return lhs;
            }
            String name = next().text().equals("+") ? "plus" : "minus";
            lhs = new Term.Call(name, List.of(lhs, termFactor(noOr)), lhs.loc());
        }
        return lhs;
    }

    private Term termFactor(boolean noOr) {
        Term lhs = unary();
        while (at("*") || at("/") || at("%")) {
            if (tok().nl()) {
                return lhs;
            }
            String name = switch (next().text()) {
                case "*" -> "mul";
                case "/" -> "div";
                default -> "rem";
            };
            lhs = new Term.Call(name, List.of(lhs, unary()), lhs.loc());
        }
        return lhs;
    }

    private Term unary() {
        if (at("-")) {
            Tok m = next();
            if (tok().type() == T.NUMBER && !tok().ws()) {
                Tok n = next();
                return postfix(new Term.Scalar(NumberValue.parse("-" + n.text()), loc(m)));
            }
            Term t = unary();
            if (t instanceof Term.Scalar s && s.value() instanceof NumberValue nv) {
                return new Term.Scalar(NumberValue.of(nv.decimal().negate()), loc(m));
            }
            return new Term.Call("minus", List.of(new Term.Scalar(NumberValue.ZERO, loc(m)), t), loc(m));
        }
        return postfix(primary());
    }

    private Term primary() {
        Tok t = tok();
        Location l = loc(t);
        switch (t.type()) {
            case NUMBER -> {
                next();
                try {
                    return new Term.Scalar(NumberValue.parse(t.text()), l);
                } catch (NumberFormatException e) {
                    throw error("invalid number");
                }
            }
            case STRING -> {
                next();
                return new Term.Scalar(StringValue.of(t.text()), l);
            }
            case TEMPLATE -> {
                next();
                return template(t);
            }
            case IDENT -> {
                next();
                Tok after = tok();
                boolean asName = (after.is(".") || after.is("[") || after.is("(")) && !after.ws();
                boolean literal = t.text().equals("true") || t.text().equals("false") || t.text().equals("null");
                switch (asName && literal ? "" : t.text()) {
                    case "true":
                        return new Term.Scalar(BooleanValue.TRUE, l);
                    case "false":
                        return new Term.Scalar(BooleanValue.FALSE, l);
                    case "null":
                        return new Term.Scalar(NullValue.NULL, l);
                    case "set":
                        if (at("(") && peekTok(1).is(")") && !tok().ws()) {
                            next();
                            next();
                            return new Term.SetLit(List.of(), l);
                        }
                        return new Term.Var("set", l);
                    case "_":
                        return freshWildcard(l);
                    default:
                        return new Term.Var(t.text(), l);
                }
            }
            case OP -> {
                switch (t.text()) {
                    case "(" -> {
                        next();
                        boolean saved = inListKeyVal;
                        inListKeyVal = false;
                        Term inner = termIn(false, true);
                        inListKeyVal = saved;
                        expect(")");
                        return inner;
                    }
                    case "[" -> {
                        next();
                        return array(l);
                    }
                    case "{" -> {
                        next();
                        return braces(l);
                    }
                    default -> throw error("unexpected " + describeToken(t));
                }
            }
            default -> throw error("unexpected " + describeToken(t));
        }
    }

    private Term array(Location l) {
        boolean saved = inListKeyVal;
        inListKeyVal = false;
        try {
            if (accept("]")) {
                return new Term.ArrayLit(List.of(), l);
            }
            Term first = termIn(true);
            if (accept("|")) {
                List<Expr> body = query("]");
                expect("]");
                return new Term.ArrayCompr(first, body, l);
            }
            List<Term> elems = new ArrayList<>();
            elems.add(first);
            while (accept(",")) {
                if (at("]")) {
                    break;
                }
                elems.add(termIn(false));
            }
            expect("]");
            return new Term.ArrayLit(elems, l);
        } finally {
            inListKeyVal = saved;
        }
    }

    private Term braces(Location l) {
        boolean saved = inListKeyVal;
        inListKeyVal = false;
        try {
            if (accept("}")) {
                return new Term.ObjectLit(List.of(), List.of(), l);
            }
            Term first = termIn(true);
            if (accept(":")) {
                Term v = termIn(true);
                if (accept("|")) {
                    List<Expr> body = query("}");
                    expect("}");
                    return new Term.ObjectCompr(first, v, body, l);
                }
                List<Term> keys = new ArrayList<>();
                List<Term> vals = new ArrayList<>();
                keys.add(first);
                vals.add(v);
                while (accept(",")) {
                    if (at("}")) {
                        break;
                    }
                    keys.add(termIn(false));
                    expect(":");
                    vals.add(termIn(false));
                }
                expect("}");
                return new Term.ObjectLit(keys, vals, l);
            }
            if (accept("|")) {
                List<Expr> body = query("}");
                expect("}");
                return new Term.SetCompr(first, body, l);
            }
            List<Term> elems = new ArrayList<>();
            elems.add(first);
            while (accept(",")) {
                if (at("}")) {
                    break;
                }
                elems.add(termIn(false));
            }
            expect("}");
            return new Term.SetLit(elems, l);
        } finally {
            inListKeyVal = saved;
        }
    }

    /** Dots, brackets and calls directly after a term. */
    private Term postfix(Term t) {
        List<Term> path = null;
        Term head = t;
        while (true) {
            if (at(".") && !tok().ws() && peekTok(1).type() == T.IDENT && !peekTok(1).ws()) {
                next();
                Tok k = next();
                if (path == null) {
                    path = new ArrayList<>();
                }
                path.add(new Term.Scalar(StringValue.of(k.text()), loc(k)));
            } else if (at("[") && !tok().ws()) {
                next();
                boolean saved = inListKeyVal;
                inListKeyVal = false;
                Term idx = termIn(false);
                inListKeyVal = saved;
                expect("]");
                if (path == null) {
                    path = new ArrayList<>();
                }
                path.add(idx);
            } else if (at("(") && !tok().ws() && callable(head, path)) {
                Tok open = next();
                String name = callName(head, path);
                List<Term> args = new ArrayList<>();
                boolean saved = inListKeyVal;
                inListKeyVal = false;
                while (!at(")")) {
                    args.add(termIn(false));
                    if (!accept(",")) {
                        break;
                    }
                }
                inListKeyVal = saved;
                expect(")");
                head = new Term.Call(name, args, t.loc());
                path = null;
            } else {
                break;
            }
        }
        if (path == null) {
            return head;
        }
        return new Term.Ref(head, path, t.loc());
    }

    private static boolean callable(Term head, List<Term> path) {
        if (!(head instanceof Term.Var)) {
            return false;
        }
        if (path != null) {
            for (Term e : path) {
                if (!(e instanceof Term.Scalar s && s.value() instanceof StringValue)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String callName(Term head, List<Term> path) {
        StringBuilder sb = new StringBuilder(((Term.Var) head).name());
        if (path != null) {
            for (Term e : path) {
                sb.append('.').append(((StringValue) ((Term.Scalar) e).value()).value());
            }
        }
        return sb.toString();
    }

    /** {@code $"a {x} b"}: splits literal text and {expr} parts; {{ and }} are not special in OPA, \{ escapes. */
    private Term template(Tok t) {
        String body = t.text();
        List<String> lits = new ArrayList<>();
        List<Expr> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\\' && t.raw() && i + 1 < body.length() && body.charAt(i + 1) == '{') {
                cur.append('{');
                i += 2;
                continue;
            }
            if (c == '\\' && !t.raw() && i + 1 < body.length()) {
                char e = body.charAt(i + 1);
                switch (e) {
                    case 'n' -> cur.append('\n');
                    case 't' -> cur.append('\t');
                    case 'r' -> cur.append('\r');
                    case '"' -> cur.append('"');
                    case '\\' -> cur.append('\\');
                    case '{' -> cur.append('{');
                    case '}' -> cur.append('}');
                    case '/' -> cur.append('/');
                    case 'u' -> {
                        cur.append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                    default -> cur.append(e);
                }
                i += 2;
                continue;
            }
            if (c == '{') {
                int depth = 1;
                int j = i + 1;
                while (j < body.length() && depth > 0) {
                    char x = body.charAt(j);
                    if (x == '"') {
                        j++;
                        while (j < body.length() && body.charAt(j) != '"') {
                            if (body.charAt(j) == '\\') {
                                j++;
                            }
                            j++;
                        }
                    } else if (x == '{') {
                        depth++;
                    } else if (x == '}') {
                        depth--;
                        if (depth == 0) {
                            break;
                        }
                    }
                    j++;
                }
                lits.add(cur.toString());
                cur.setLength(0);
                parts.add(templatePart(t.start() + 2 + i + 1, t.start() + 2 + j));
                i = j + 1;
                continue;
            }
            cur.append(c);
            i++;
        }
        lits.add(cur.toString());
        return new Term.Template(lits, parts, loc(t));
    }

    /**
     * The expression inside {@code {...}} of a template string, source offsets [from, to): a term with
     * optional {@code with} modifiers. Parsed from a copy of the source blanked before it, so that its
     * locations are those of the module.
     */
    private Expr templatePart(int from, int to) {
        StringBuilder padded = new StringBuilder(to);
        for (int k = 0; k < from; k++) {
            padded.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
        padded.append(src, from, to);
        Parser sub = new Parser(file, padded.toString(), wildPrefix + "t" + (wildcards++) + "_", experimental, version);
        sub.ifKw = ifKw;
        sub.inKw = inKw;
        sub.everyKw = everyKw;
        sub.containsKw = containsKw;
        Tok start = sub.tok();
        Term term = sub.termIn(false);
        List<Expr.With> withs = sub.withModifiers();
        sub.expectEof();
        return new Expr(new Expr.TermExpr(term), false, withs, sub.loc(start));
    }
}
