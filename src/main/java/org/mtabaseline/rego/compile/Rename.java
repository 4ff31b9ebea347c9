package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Term;

/** Renames variables (used to give closure-local declarations fresh names when they shadow outer ones). */
final class Rename {
    private Rename() {
    }

    static Term term(Term t, Map<String, String> m) {
        if (t instanceof Term.Var v) {
            String n = m.get(v.name());
            return n == null ? v : new Term.Var(n, v.loc());
        }
        if (t instanceof Term.Ref r) {
            return new Term.Ref(term(r.head(), m), terms(r.path(), m), r.loc());
        }
        if (t instanceof Term.ArrayLit a) {
            return new Term.ArrayLit(terms(a.elems(), m), a.loc());
        }
        if (t instanceof Term.SetLit s) {
            return new Term.SetLit(terms(s.elems(), m), s.loc());
        }
        if (t instanceof Term.ObjectLit o) {
            return new Term.ObjectLit(terms(o.keys(), m), terms(o.values(), m), o.loc());
        }
        if (t instanceof Term.Call c) {
            return new Term.Call(c.name(), terms(c.args(), m), c.loc());
        }
        if (t instanceof Term.ArrayCompr c) {
            return new Term.ArrayCompr(term(c.head(), m), body(c.body(), m), c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            return new Term.SetCompr(term(c.head(), m), body(c.body(), m), c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            return new Term.ObjectCompr(term(c.key(), m), term(c.value(), m), body(c.body(), m), c.loc());
        }
        if (t instanceof Term.Template tp) {
            return new Term.Template(tp.literals(), body(tp.parts(), m), tp.loc());
        }
        return t;
    }

    static List<Term> terms(List<Term> ts, Map<String, String> m) {
        List<Term> out = new ArrayList<>(ts.size());
        for (Term t : ts) {
            out.add(term(t, m));
        }
        return out;
    }

    static List<Expr> body(List<Expr> b, Map<String, String> m) {
        List<Expr> out = new ArrayList<>(b.size());
        for (Expr e : b) {
            out.add(expr(e, m));
        }
        return out;
    }

    static Expr expr(Expr e, Map<String, String> m) {
        Expr.Kind k = e.kind();
        Expr.Kind nk;
        if (k instanceof Expr.TermExpr t) {
            nk = new Expr.TermExpr(term(t.term(), m));
        } else if (k instanceof Expr.Unify u) {
            nk = new Expr.Unify(term(u.left(), m), term(u.right(), m));
        } else if (k instanceof Expr.Assign a) {
            nk = new Expr.Assign(term(a.left(), m), term(a.right(), m));
        } else if (k instanceof Expr.SomeDecl s) {
            List<Term.Var> vs = new ArrayList<>();
            for (Term.Var v : s.vars()) {
                vs.add((Term.Var) term(v, m));
            }
            nk = new Expr.SomeDecl(vs);
        } else if (k instanceof Expr.SomeIn s) {
            nk = new Expr.SomeIn(s.key() == null ? null : term(s.key(), m), term(s.value(), m), term(s.collection(), m));
        } else if (k instanceof Expr.Logical lg) {
            nk = new Expr.Logical(lg.or(), body(lg.lhs(), m), body(lg.rhs(), m), lg.explicitLhs(), lg.explicitRhs());
        } else if (k instanceof Expr.NotBody nb) {
            nk = new Expr.NotBody(body(nb.body(), m), nb.explicit());
        } else {
            Expr.Every ev = (Expr.Every) k;
            nk = new Expr.Every(ev.key() == null ? null : term(ev.key(), m), term(ev.value(), m),
                    term(ev.collection(), m), body(ev.body(), m));
        }
        List<Expr.With> ws = new ArrayList<>();
        for (Expr.With w : e.withs()) {
            ws.add(new Expr.With(w.target(), term(w.value(), m), w.loc()));
        }
        return new Expr(nk, e.negated(), ws.isEmpty() ? List.of() : ws, e.loc());
    }
}
