package org.mtabaseline.rego.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The direct children of an expression or term, in source order: sub-terms go to {@code term}, nested bodies
 * (comprehension and {@code every} bodies, logic operands, template parts) to {@code body}. One place to
 * enumerate them (to visit, or to rebuild with mapped children), so that walkers only spell out the cases
 * where their rules differ.
 */
public final class AstChildren {
    private AstChildren() {
    }

    /** The children of e's kind, then each {@code with} modifier's target and value. */
    public static void forEachChild(Expr e, Consumer<Term> term, Consumer<List<Expr>> body) {
        forEachChild(e.kind(), term, body);
        for (Expr.With w : e.withs()) {
            term.accept(w.target());
            term.accept(w.value());
        }
    }

    /** The children of an expression kind (its {@code with} modifiers are on the expression). */
    public static void forEachChild(Expr.Kind k, Consumer<Term> term, Consumer<List<Expr>> body) {
        if (k instanceof Expr.TermExpr t) {
            term.accept(t.term());
        } else if (k instanceof Expr.Unify u) {
            term.accept(u.left());
            term.accept(u.right());
        } else if (k instanceof Expr.Assign a) {
            term.accept(a.left());
            term.accept(a.right());
        } else if (k instanceof Expr.SomeDecl s) {
            s.vars().forEach(term);
        } else if (k instanceof Expr.SomeIn s) {
            keyValue(s.key(), s.value(), term);
            term.accept(s.collection());
        } else if (k instanceof Expr.Every ev) {
            keyValue(ev.key(), ev.value(), term);
            term.accept(ev.collection());
            body.accept(ev.body());
        } else if (k instanceof Expr.Logical l) {
            body.accept(l.lhs());
            body.accept(l.rhs());
        } else if (k instanceof Expr.NotBody n) {
            body.accept(n.body());
        }
    }

    private static void keyValue(Term key, Term value, Consumer<Term> term) {
        if (key != null) {
            term.accept(key);
        }
        term.accept(value);
    }

    /** The children of t: none for scalars and variables; a comprehension's head terms, then its body. */
    public static void forEachChild(Term t, Consumer<Term> term, Consumer<List<Expr>> body) {
        if (t instanceof Term.Ref r) {
            term.accept(r.head());
            r.path().forEach(term);
        } else if (t instanceof Term.ArrayLit a) {
            a.elems().forEach(term);
        } else if (t instanceof Term.SetLit s) {
            s.elems().forEach(term);
        } else if (t instanceof Term.ObjectLit o) {
            o.keys().forEach(term);
            o.values().forEach(term);
        } else if (t instanceof Term.Call c) {
            c.args().forEach(term);
        } else if (t instanceof Term.ArrayCompr c) {
            term.accept(c.head());
            body.accept(c.body());
        } else if (t instanceof Term.SetCompr c) {
            term.accept(c.head());
            body.accept(c.body());
        } else if (t instanceof Term.ObjectCompr c) {
            term.accept(c.key());
            term.accept(c.value());
            body.accept(c.body());
        } else if (t instanceof Term.Template tp) {
            body.accept(tp.parts());
        }
    }

    /**
     * k with its children mapped, in {@link #forEachChild(Expr.Kind, Consumer, Consumer)}'s order; k itself
     * when each child maps to itself (so a rewrite that changes nothing allocates nothing).
     */
    public static Expr.Kind mapChildren(Expr.Kind k, UnaryOperator<Term> term, UnaryOperator<List<Expr>> body) {
        if (k instanceof Expr.TermExpr t) {
            Term x = term.apply(t.term());
            return x == t.term() ? k : new Expr.TermExpr(x);
        }
        if (k instanceof Expr.Unify u) {
            Term l = term.apply(u.left());
            Term r = term.apply(u.right());
            return l == u.left() && r == u.right() ? k : new Expr.Unify(l, r);
        }
        if (k instanceof Expr.Assign a) {
            Term l = term.apply(a.left());
            Term r = term.apply(a.right());
            return l == a.left() && r == a.right() ? k : new Expr.Assign(l, r);
        }
        if (k instanceof Expr.SomeDecl s) {
            List<Term.Var> vars = mapAll(s.vars(), v -> (Term.Var) term.apply(v));
            return vars == s.vars() ? k : new Expr.SomeDecl(vars);
        }
        if (k instanceof Expr.SomeIn s) {
            Term key = s.key() == null ? null : term.apply(s.key());
            Term value = term.apply(s.value());
            Term coll = term.apply(s.collection());
            return key == s.key() && value == s.value() && coll == s.collection() ? k
                    : new Expr.SomeIn(key, value, coll);
        }
        if (k instanceof Expr.Every ev) {
            Term key = ev.key() == null ? null : term.apply(ev.key());
            Term value = term.apply(ev.value());
            Term coll = term.apply(ev.collection());
            List<Expr> b = body.apply(ev.body());
            return key == ev.key() && value == ev.value() && coll == ev.collection() && b == ev.body() ? k
                    : new Expr.Every(key, value, coll, b);
        }
        if (k instanceof Expr.Logical l) {
            List<Expr> lhs = body.apply(l.lhs());
            List<Expr> rhs = body.apply(l.rhs());
            return lhs == l.lhs() && rhs == l.rhs() ? k
                    : new Expr.Logical(l.or(), lhs, rhs, l.explicitLhs(), l.explicitRhs());
        }
        Expr.NotBody n = (Expr.NotBody) k;
        List<Expr> b = body.apply(n.body());
        return b == n.body() ? k : new Expr.NotBody(b, n.explicit());
    }

    /** t with its children mapped, in {@link #forEachChild(Term, Consumer, Consumer)}'s order; t itself when unchanged. */
    public static Term mapChildren(Term t, UnaryOperator<Term> term, UnaryOperator<List<Expr>> body) {
        if (t instanceof Term.Ref r) {
            Term head = term.apply(r.head());
            List<Term> path = mapAll(r.path(), term);
            return head == r.head() && path == r.path() ? t : new Term.Ref(head, path, r.loc());
        }
        if (t instanceof Term.ArrayLit a) {
            List<Term> elems = mapAll(a.elems(), term);
            return elems == a.elems() ? t : new Term.ArrayLit(elems, a.loc());
        }
        if (t instanceof Term.SetLit s) {
            List<Term> elems = mapAll(s.elems(), term);
            return elems == s.elems() ? t : new Term.SetLit(elems, s.loc());
        }
        if (t instanceof Term.ObjectLit o) {
            List<Term> keys = mapAll(o.keys(), term);
            List<Term> values = mapAll(o.values(), term);
            return keys == o.keys() && values == o.values() ? t : new Term.ObjectLit(keys, values, o.loc());
        }
        if (t instanceof Term.Call c) {
            List<Term> args = mapAll(c.args(), term);
            return args == c.args() ? t : new Term.Call(c.name(), args, c.loc());
        }
        if (t instanceof Term.ArrayCompr c) {
            Term head = term.apply(c.head());
            List<Expr> b = body.apply(c.body());
            return head == c.head() && b == c.body() ? t : new Term.ArrayCompr(head, b, c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            Term head = term.apply(c.head());
            List<Expr> b = body.apply(c.body());
            return head == c.head() && b == c.body() ? t : new Term.SetCompr(head, b, c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            Term key = term.apply(c.key());
            Term value = term.apply(c.value());
            List<Expr> b = body.apply(c.body());
            return key == c.key() && value == c.value() && b == c.body() ? t
                    : new Term.ObjectCompr(key, value, b, c.loc());
        }
        if (t instanceof Term.Template tp) {
            List<Expr> parts = body.apply(tp.parts());
            return parts == tp.parts() ? t : new Term.Template(tp.literals(), parts, tp.loc());
        }
        return t;
    }

    /**
     * {@code with} modifiers with their values mapped; targets name what is replaced and are kept as
     * they are. ws itself when unchanged.
     */
    public static List<Expr.With> mapValues(List<Expr.With> ws, UnaryOperator<Term> value) {
        return mapAll(ws, w -> {
            Term v = value.apply(w.value());
            return v == w.value() ? w : new Expr.With(w.target(), v, w.loc());
        });
    }

    /** xs mapped in order; xs itself when each element maps to itself. */
    public static <T> List<T> mapAll(List<T> xs, UnaryOperator<T> f) {
        List<T> out = null;
        for (int i = 0; i < xs.size(); i++) {
            T x = f.apply(xs.get(i));
            if (x != xs.get(i) && out == null) {
                out = new ArrayList<>(xs.subList(0, i));
            }
            if (out != null) {
                out.add(x);
            }
        }
        return out == null ? xs : out;
    }

    /** Array, set and object comprehensions: closures whose bodies have variables of their own. */
    public static boolean isComprehension(Term t) {
        return t instanceof Term.ArrayCompr || t instanceof Term.SetCompr || t instanceof Term.ObjectCompr;
    }
}
