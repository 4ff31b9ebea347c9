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
import org.mtabaseline.rego.value.StringValue;

/**
 * Recursive-descent parser for Rego as OPA 1.x parses it: v1 syntax by default, v0 syntax (OPA's
 * {@code ast.RegoV0} parser options) on request. This class reads the module level (package, imports,
 * rule heads, else chains, the v1 rule checks) and is the entry point; bodies, terms and the token
 * stream are read by the layers it extends: {@link BodyParser}, {@link TermParser}, {@link TokenCursor}.
 */
public final class Parser extends BodyParser {
    /** Capabilities with experimental features: {@code future.keywords.and} / {@code .or} may be imported. */
    private final boolean experimental;
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

    private Parser(String file, String src, String wildPrefix, boolean experimental, RegoVersion version) {
        super(file, src, wildPrefix, version == RegoVersion.V1);
        this.experimental = experimental;
        this.version = version;
        boolean v1 = version == RegoVersion.V1;
        this.v0Rules = !v1;
        this.v1RuleChecks = v1;
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

    @Override
    TermParser templatePartParser(String partSrc, String partWildPrefix) {
        return new Parser(file, partSrc, partWildPrefix, experimental, version);
    }
}
