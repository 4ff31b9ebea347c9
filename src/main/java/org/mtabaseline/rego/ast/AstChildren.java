package org.mtabaseline.rego.ast;

import java.util.List;
import java.util.function.Consumer;

/**
 * The direct children of an expression or term, in source order: sub-terms go to {@code term}, nested bodies
 * (comprehension and {@code every} bodies, logic operands, template parts) to {@code body}. One place to
 * enumerate them, so that walkers only spell out the cases where their rules differ.
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

    /** Array, set and object comprehensions: closures whose bodies have variables of their own. */
    public static boolean isComprehension(Term t) {
        return t instanceof Term.ArrayCompr || t instanceof Term.SetCompr || t instanceof Term.ObjectCompr;
    }
}
