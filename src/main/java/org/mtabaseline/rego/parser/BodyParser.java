package org.mtabaseline.rego.parser;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.parser.Lexer.T;
import org.mtabaseline.rego.parser.Lexer.Tok;

/**
 * Bodies (rule bodies, queries, comprehension bodies): literals with {@code some}, {@code every},
 * {@code not} and {@code with}, and the experimental logic operators {@code and} / {@code or}, whose
 * operands and parenthesised groups need backtracking of their own.
 */
abstract class BodyParser extends TermParser {
    /** Logic operators consumed so far: a failed parenthesised group that used one is a real error. */
    private int logicalOps;

    BodyParser(String file, String src, String wildPrefix, boolean v1) {
        super(file, src, wildPrefix, v1);
    }

    /**
     * Literals separated by ';' or newlines, up to a closing '}' or ']' (not consumed) or EOF. close: the token
     * that ends the body ("}" or "]"), or "" for a query ending at EOF.
     */
    @Override
    List<Expr> query(String close) {
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

    Expr literal() {
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

    private Expr finishLiteral(Expr.Kind kind, boolean negated, Location l) {
        List<Expr.With> withs = withModifiers();
        return new Expr(kind, negated, withs, l);
    }

    @Override
    List<Expr.With> withModifiers() {
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
}
