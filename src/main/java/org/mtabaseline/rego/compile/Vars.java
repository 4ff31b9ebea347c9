package org.mtabaseline.rego.compile;

import java.util.List;
import java.util.Set;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Term;

/** Variable collection over terms and expressions. */
final class Vars {
    private Vars() {
    }

    /** All variable names in t; closures (comprehensions) only when includeClosures. */
    static void collect(Term t, Set<String> out, boolean includeClosures) {
        if (t instanceof Term.Var v) {
            out.add(v.name());
        } else if (t instanceof Term.Template tp) {
            // template parts read the enclosing body's variables: not closures
            tp.parts().forEach(x -> collectExpr(x, out, includeClosures));
        } else if (includeClosures || !AstChildren.isComprehension(t)) {
            AstChildren.forEachChild(t, x -> collect(x, out, includeClosures), b -> collectBody(b, out));
        }
    }

    static void collectBody(List<Expr> body, Set<String> out) {
        for (Expr e : body) {
            collectExpr(e, out, true);
        }
    }

    /** Variables of one expression (with targets aside); every-bodies count as closures. */
    static void collectExpr(Expr e, Set<String> out, boolean includeClosures) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.Every ev && !includeClosures) {
            collect(ev.collection(), out, false);
        } else if (k instanceof Expr.Logical lg) {
            operand(lg.lhs(), lg.explicitLhs(), out, includeClosures);
            operand(lg.rhs(), lg.explicitRhs(), out, includeClosures);
        } else if (k instanceof Expr.NotBody nb) {
            operand(nb.body(), nb.explicit(), out, includeClosures);
        } else {
            AstChildren.forEachChild(k, x -> collect(x, out, includeClosures), b -> collectBody(b, out));
        }
        for (Expr.With w : e.withs()) {
            collect(w.value(), out, includeClosures);
        }
    }

    /**
     * An operand of and/or/not: a braced (explicit) body is a closure with variables of its own; a
     * single-expression operand only reads variables of the enclosing body.
     */
    private static void operand(List<Expr> body, boolean explicit, Set<String> out, boolean includeClosures) {
        if (explicit && !includeClosures) {
            return;
        }
        for (Expr e : body) {
            collectExpr(e, out, includeClosures);
        }
    }

    /** Variables declared local: left of :=, some, some-in, every; inside closures too. */
    static void declared(List<Expr> body, Set<String> out) {
        for (Expr e : body) {
            Expr.Kind k = e.kind();
            if (k instanceof Expr.Assign a) {
                collect(a.left(), out, false);
                declaredInTerm(a.right(), out);
            } else if (k instanceof Expr.SomeDecl s) {
                s.vars().forEach(v -> out.add(v.name()));
            } else if (k instanceof Expr.SomeIn s) {
                if (s.key() != null) {
                    collect(s.key(), out, false);
                }
                collect(s.value(), out, false);
                declaredInTerm(s.collection(), out);
            } else if (k instanceof Expr.Every ev) {
                if (ev.key() != null) {
                    collect(ev.key(), out, false);
                }
                collect(ev.value(), out, false);
                declared(ev.body(), out);
            } else {
                AstChildren.forEachChild(k, t -> declaredInTerm(t, out), b -> declared(b, out));
            }
        }
    }

    private static void declaredInTerm(Term t, Set<String> out) {
        if (t instanceof Term.ArrayCompr c) {
            declared(c.body(), out);
        } else if (t instanceof Term.SetCompr c) {
            declared(c.body(), out);
        } else if (t instanceof Term.ObjectCompr c) {
            declared(c.body(), out);
        } else if (t instanceof Term.Call c) {
            c.args().forEach(a -> declaredInTerm(a, out));
        } else if (t instanceof Term.ArrayLit a) {
            a.elems().forEach(x -> declaredInTerm(x, out));
        } else if (t instanceof Term.ObjectLit o) {
            o.values().forEach(x -> declaredInTerm(x, out));
        } else if (t instanceof Term.Ref r) {
            declaredInTerm(r.head(), out);
            r.path().forEach(x -> declaredInTerm(x, out));
        }
    }
}
