package org.mtabaseline.rego.parser;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.parser.Lexer.T;
import org.mtabaseline.rego.parser.Lexer.Tok;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NullValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.StringValue;

/**
 * Terms, by operator precedence: membership, comparison, set and arithmetic operators, literals, refs,
 * calls, array/object/set literals and comprehensions, template strings. Comprehension and template
 * bodies are expressions again, so those come from the body parser through the hooks below.
 */
abstract class TermParser extends TokenCursor {
    TermParser(String file, String src, String wildPrefix, boolean v1) {
        super(file, src, wildPrefix, v1);
    }

    /** A body up to {@code close} (comprehensions). */
    abstract List<Expr> query(String close);

    /** Trailing {@code with} modifiers (template string parts). */
    abstract List<Expr.With> withModifiers();

    /** A parser with the same options over other source: a template string part, with its own wildcard prefix. */
    abstract TermParser templatePartParser(String partSrc, String partWildPrefix);

    /** {@code in} (lowest). noOr: stop at '|' (comprehension heads). */
    Term termIn(boolean noOr) {
        return termIn(noOr, false);
    }

    /** With keyVal (top of an expression or in parentheses), {@code k, v in xs} is membership with key. */
    Term termIn(boolean noOr, boolean keyVal) {
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

    Term termRelation(boolean noOr) {
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
                        Term inner = termIn(false, true);
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
    }

    private Term braces(Location l) {
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
                Term idx = termIn(false);
                expect("]");
                if (path == null) {
                    path = new ArrayList<>();
                }
                path.add(idx);
            } else if (at("(") && !tok().ws() && callable(head, path)) {
                Tok open = next();
                String name = callName(head, path);
                List<Term> args = new ArrayList<>();
                while (!at(")")) {
                    args.add(termIn(false));
                    if (!accept(",")) {
                        break;
                    }
                }
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
        TermParser sub = templatePartParser(padded.toString(), wildPrefix + "t" + (wildcards++) + "_");
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
