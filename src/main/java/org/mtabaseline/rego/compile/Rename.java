package org.mtabaseline.rego.compile;

import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.ast.AstChildren;
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
        return AstChildren.mapChildren(t, x -> term(x, m), b -> body(b, m));
    }

    static List<Expr> body(List<Expr> b, Map<String, String> m) {
        return AstChildren.mapAll(b, e -> expr(e, m));
    }

    static Expr expr(Expr e, Map<String, String> m) {
        Expr.Kind k = AstChildren.mapChildren(e.kind(), x -> term(x, m), b -> body(b, m));
        List<Expr.With> ws = AstChildren.mapValues(e.withs(), x -> term(x, m));
        return k == e.kind() && ws == e.withs() ? e : new Expr(k, e.negated(), ws, e.loc());
    }
}
