package org.mtabaseline.rego.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mtabaseline.rego.RegoCompileException;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.ast.AstChildren;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.value.Value;

/**
 * Orders a body so that every variable is bound before it is read, as OPA's compiler does; an
 * expression whose inputs can never be bound is a {@code rego_unsafe_var_error}. Closures
 * (comprehensions, every) are reordered recursively with the variables bound where they run.
 */
final class Safety {
    private final String file;

    Safety(String file) {
        this.file = file;
    }

    /** Reorders body given the already bound variables; bound is updated with what the body binds. */
    List<Expr> reorder(List<Expr> body, Set<String> bound) {
        Set<String> outerAll = new HashSet<>(bound);
        for (Expr e : body) {
            Vars.collectExpr(e, outerAll, false);
        }
        // a var declared with := later in the body is not visible to closures before it
        java.util.Map<String, Integer> assignedAt = new java.util.HashMap<>();
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).kind() instanceof Expr.Assign a) {
                Set<String> lhs = new HashSet<>();
                Vars.collect(a.left(), lhs, false);
                for (String v : lhs) {
                    assignedAt.putIfAbsent(v, i);
                }
            }
        }
        List<Set<String>> outers = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            Set<String> o = new HashSet<>(outerAll);
            final int idx = i;
            assignedAt.forEach((v, at) -> {
                if (at > idx && !bound.contains(v)) {
                    o.remove(v);
                }
            });
            outers.add(o);
        }
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            remaining.add(i);
        }
        List<Expr> out = new ArrayList<>(body.size());
        while (!remaining.isEmpty()) {
            boolean progress = false;
            for (int i = 0; i < remaining.size(); i++) {
                int idx = remaining.get(i);
                Expr e = body.get(idx);
                Set<String> outer = outers.get(idx);
                Set<String> binds = check(e, bound, outer);
                if (binds != null) {
                    out.add(rewriteClosures(e, bound));
                    bound.addAll(binds);
                    remaining.remove(i);
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                List<Expr> stuck = new ArrayList<>();
                for (int idx : remaining) {
                    stuck.add(body.get(idx));
                }
                throw unsafe(stuck, bound);
            }
        }
        return out;
    }

    /**
     * OPA's report for expressions that can never run: one error per unsafe variable, at the first expression
     * reading it, in source order; when only generated variables (wildcards) are unsafe, "expression is unsafe"
     * once per expression that adds one.
     */
    static RegoCompileException unsafe(List<Expr> stuck, Set<String> bound) {
        java.util.Map<String, Expr> firstAt = new java.util.LinkedHashMap<>();
        List<Expr> byLoc = new ArrayList<>(stuck);
        byLoc.sort(Safety::compareLoc);
        java.util.Map<Expr, Set<String>> varsOf = new java.util.IdentityHashMap<>();
        for (Expr e : byLoc) {
            Set<String> vs = new java.util.TreeSet<>();
            Vars.collectExpr(e, vs, false);
            vs.removeAll(bound);
            vs.removeIf(Compiler::isRoot);
            if (e.kind() instanceof Expr.Logical) {
                // and/or operands are checked one by one: the first unsafe variable (in source order) is reported
                Set<String> ordered = new LinkedHashSet<>();
                Vars.collectExpr(e, ordered, false);
                ordered.retainAll(vs);
                vs = ordered.stream().filter(v -> !v.startsWith("$")).findFirst().map(Set::of).orElse(vs);
            }
            varsOf.put(e, vs);
            for (String v : vs) {
                firstAt.putIfAbsent(v, e);
            }
        }
        List<RegoError> errors = new ArrayList<>();
        firstAt.forEach((v, e) -> {
            if (!v.startsWith("$")) {
                errors.add(unsafeVarError(e.loc(), v));
            }
        });
        if (errors.isEmpty()) {
            Set<String> seen = new HashSet<>();
            for (Expr e : byLoc) {
                if (seen.addAll(varsOf.get(e)) || errors.isEmpty() && e == byLoc.get(byLoc.size() - 1)) {
                    errors.add(new RegoError("rego_unsafe_var_error", e.loc().file(), e.loc().row(), e.loc().col(),
                            "expression is unsafe"));
                }
            }
        }
        return new RegoCompileException(errors);
    }

    /** {@code var x is unsafe}, with OPA's hint when x is a future keyword not imported (Rego v0). */
    static RegoError unsafeVarError(org.mtabaseline.rego.ast.Location loc, String var) {
        String name = LocalVars.displayName(var);
        String msg = "var " + name + " is unsafe";
        if (FUTURE_KEYWORDS.contains(name)) {
            msg += " (hint: `import future.keywords." + name + "` to import a future keyword)";
        }
        return new RegoError("rego_unsafe_var_error", loc.file(), loc.row(), loc.col(), msg);
    }

    /** Several unsafe variables of one place (a rule head, a comprehension head), sorted by name. */
    static RegoCompileException unsafeVars(org.mtabaseline.rego.ast.Location loc, Set<String> vars) {
        List<RegoError> errors = new ArrayList<>();
        new java.util.TreeSet<>(vars).stream().filter(v -> !v.startsWith("$"))
                .forEach(v -> errors.add(unsafeVarError(loc, v)));
        if (errors.isEmpty()) {
            errors.add(new RegoError("rego_unsafe_var_error", loc.file(), loc.row(), loc.col(), "expression is unsafe"));
        }
        return new RegoCompileException(errors);
    }

    private static final Set<String> FUTURE_KEYWORDS = Set.of("contains", "every", "if", "in");

    private static int compareLoc(Expr a, Expr b) {
        int c = Integer.compare(a.loc().row(), b.loc().row());
        return c != 0 ? c : Integer.compare(a.loc().col(), b.loc().col());
    }

    // ---------------------------------------------------------------- analysis

    /** What an expression binds if it can run now, or null if it cannot yet. */
    private Set<String> check(Expr e, Set<String> bound, Set<String> outer) {
        for (Expr.With w : e.withs()) {
            if (!evaluable(w.value(), bound, outer)) {
                return null;
            }
        }
        Set<String> binds = checkKind(e.kind(), bound, outer);
        if (binds == null) {
            return null;
        }
        if (e.negated()) {
            for (String v : binds) {
                if (!bound.contains(v) && !v.startsWith("$")) {
                    return null;
                }
            }
            return Set.of();
        }
        return binds;
    }

    private Set<String> checkKind(Expr.Kind k, Set<String> bound, Set<String> outer) {
        if (k instanceof Expr.TermExpr t) {
            // operands bound by iteration inside the same call count (evaluated first, as OPA rewrites them)
            Set<String> needs = new HashSet<>();
            Set<String> prov = new HashSet<>();
            analyze(t.term(), needs, prov, outer);
            needs.removeAll(prov);
            return bound.containsAll(needs) ? prov : null;
        }
        if (k instanceof Expr.Unify u) {
            return unify(u.left(), u.right(), bound, outer);
        }
        if (k instanceof Expr.Assign a) {
            return unify(a.left(), a.right(), bound, outer);
        }
        if (k instanceof Expr.SomeDecl) {
            return Set.of();
        }
        if (k instanceof Expr.SomeIn s) {
            if (!evaluable(s.collection(), bound, outer)) {
                return null;
            }
            Set<String> out = new HashSet<>(provides(s.collection(), outer));
            if (s.key() != null && !pattern(s.key(), bound, outer, out)) {
                return null;
            }
            if (!pattern(s.value(), bound, outer, out)) {
                return null;
            }
            return out;
        }
        if (k instanceof Expr.Logical || k instanceof Expr.NotBody) {
            // binds nothing outside; runs once everything its operands read from the body is bound
            Set<String> needs = new HashSet<>();
            operandNeeds(k, outer, needs);
            needs.removeIf(Compiler::isRoot);
            return bound.containsAll(needs) ? Set.of() : null;
        }
        Expr.Every ev = (Expr.Every) k;
        if (!evaluable(ev.collection(), bound, outer)) {
            return null;
        }
        Set<String> inner = new HashSet<>();
        Vars.collectBody(ev.body(), inner);
        for (String v : inner) {
            if (outer.contains(v) && !bound.contains(v) && !isEveryVar(ev, v) && !Compiler.isRoot(v)) {
                return null;
            }
        }
        return provides(ev.collection(), outer);
    }

    /** What the operands of and/or/not read from the enclosing body. */
    private void operandNeeds(Expr.Kind k, Set<String> outer, Set<String> needs) {
        if (k instanceof Expr.Logical lg) {
            operandNeeds(lg.lhs(), lg.explicitLhs(), outer, needs);
            operandNeeds(lg.rhs(), lg.explicitRhs(), outer, needs);
        } else if (k instanceof Expr.NotBody nb) {
            operandNeeds(nb.body(), nb.explicit(), outer, needs);
        }
    }

    /**
     * A braced operand is a closure: it needs the variables it shares with the enclosing body. A
     * single-expression operand binds nothing of its own, so all its variables (wildcards aside) must be
     * bound outside: {@code x = 1 or y} leaves x unsafe, as in OPA.
     */
    private void operandNeeds(List<Expr> body, boolean explicit, Set<String> outer, Set<String> needs) {
        if (explicit) {
            Set<String> inner = new HashSet<>();
            Vars.collectBody(body, inner);
            inner.removeAll(localDecls(body));
            for (String v : inner) {
                if (outer.contains(v)) {
                    needs.add(v);
                }
            }
            return;
        }
        for (Expr e : body) {
            if (e.kind() instanceof Expr.Logical || e.kind() instanceof Expr.NotBody) {
                operandNeeds(e.kind(), outer, needs);
            } else {
                Set<String> direct = new HashSet<>();
                Vars.collectExpr(e, direct, false);
                direct.removeIf(v -> v.startsWith("$"));
                needs.addAll(direct);
                Set<String> prov = new HashSet<>();
                forEachTerm(e, t -> analyze(t, needs, prov, outer));
            }
            for (Expr.With w : e.withs()) {
                analyze(w.value(), needs, new HashSet<>(), outer);
            }
        }
    }

    private static void forEachTerm(Expr e, java.util.function.Consumer<Term> f) {
        Expr.Kind k = e.kind();
        if (k instanceof Expr.TermExpr t) {
            f.accept(t.term());
        } else if (k instanceof Expr.Unify u) {
            f.accept(u.left());
            f.accept(u.right());
        } else if (k instanceof Expr.Assign a) {
            f.accept(a.left());
            f.accept(a.right());
        }
    }

    private static boolean isEveryVar(Expr.Every ev, String v) {
        Set<String> s = new HashSet<>();
        if (ev.key() != null) {
            Vars.collect(ev.key(), s, false);
        }
        Vars.collect(ev.value(), s, false);
        return s.contains(v);
    }

    /** Unification a = b: returns the variables bound, or null if it cannot run yet. */
    private Set<String> unify(Term a, Term b, Set<String> bound, Set<String> outer) {
        boolean ea = evaluable(a, bound, outer);
        boolean eb = evaluable(b, bound, outer);
        if (ea && eb) {
            Set<String> out = new HashSet<>(provides(a, outer));
            out.addAll(provides(b, outer));
            return out;
        }
        if (a instanceof Term.Var va && !bound.contains(va.name()) && eb) {
            Set<String> out = new HashSet<>(provides(b, outer));
            out.add(va.name());
            return out;
        }
        if (b instanceof Term.Var vb && !bound.contains(vb.name()) && ea) {
            Set<String> out = new HashSet<>(provides(a, outer));
            out.add(vb.name());
            return out;
        }
        if (a instanceof Term.ArrayLit aa && b instanceof Term.ArrayLit ba && aa.elems().size() == ba.elems().size()) {
            Set<String> acc = new HashSet<>(bound);
            for (int i = 0; i < aa.elems().size(); i++) {
                Set<String> r = unify(aa.elems().get(i), ba.elems().get(i), acc, outer);
                if (r == null) {
                    return null;
                }
                acc.addAll(r);
            }
            acc.removeAll(bound);
            return acc;
        }
        if (a instanceof Term.ObjectLit oa && b instanceof Term.ObjectLit ob && oa.keys().size() == ob.keys().size()) {
            Set<String> acc = new HashSet<>(bound);
            for (int i = 0; i < oa.keys().size(); i++) {
                if (!evaluable(oa.keys().get(i), bound, outer)) {
                    return null;
                }
                int j = indexOfKey(ob, oa.keys().get(i));
                if (j < 0) {
                    return new HashSet<>(); // keys differ: fails at run time, safe
                }
                if (!evaluable(ob.keys().get(j), bound, outer)) {
                    return null;
                }
                Set<String> r = unify(oa.values().get(i), ob.values().get(j), acc, outer);
                if (r == null) {
                    return null;
                }
                acc.addAll(r);
            }
            acc.removeAll(bound);
            return acc;
        }
        if (eb && isPattern(a)) {
            Set<String> out = new HashSet<>(provides(b, outer));
            return pattern(a, bound, outer, out) ? out : null;
        }
        if (ea && isPattern(b)) {
            Set<String> out = new HashSet<>(provides(a, outer));
            return pattern(b, bound, outer, out) ? out : null;
        }
        return null;
    }

    private static int indexOfKey(Term.ObjectLit o, Term k) {
        for (int j = 0; j < o.keys().size(); j++) {
            Term x = o.keys().get(j);
            if (x instanceof Term.Scalar s && k instanceof Term.Scalar ks && s.value().equals(ks.value())) {
                return j;
            }
            if (x instanceof Term.Var v && k instanceof Term.Var kv && v.name().equals(kv.name())) {
                return j;
            }
        }
        if (!(k instanceof Term.Scalar)) {
            return 0; // keys known only at run time: pair by position as a safe approximation
        }
        return -1;
    }

    private static boolean isPattern(Term t) {
        return t instanceof Term.Var || t instanceof Term.ArrayLit || t instanceof Term.ObjectLit;
    }

    /** A term in pattern position: vars get bound, other parts must be evaluable. */
    private boolean pattern(Term t, Set<String> bound, Set<String> outer, Set<String> out) {
        if (t instanceof Term.Var v) {
            if (!Compiler.isRoot(v.name())) {
                out.add(v.name());
            }
            return true;
        }
        if (t instanceof Term.ArrayLit a) {
            for (Term x : a.elems()) {
                if (!pattern(x, bound, outer, out)) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof Term.ObjectLit o) {
            for (Term k : o.keys()) {
                if (!evaluable(k, bound, outer)) {
                    return false;
                }
            }
            for (Term x : o.values()) {
                if (!pattern(x, bound, outer, out)) {
                    return false;
                }
            }
            return true;
        }
        if (!evaluable(t, bound, outer)) {
            return false;
        }
        out.addAll(provides(t, outer));
        return true;
    }

    /** Variables a head term needs bound (those it binds by iteration itself excluded). */
    Set<String> headNeeds(Term t, Set<String> outer) {
        Set<String> needs = new HashSet<>();
        Set<String> prov = new HashSet<>();
        analyze(t, needs, prov, outer);
        needs.removeAll(prov);
        return needs;
    }

    boolean evaluable(Term t, Set<String> bound, Set<String> outer) {
        Set<String> needs = new HashSet<>();
        analyze(t, needs, new HashSet<>(), outer);
        return bound.containsAll(needs);
    }

    Set<String> provides(Term t, Set<String> outer) {
        Set<String> prov = new HashSet<>();
        analyze(t, new HashSet<>(), prov, outer);
        return prov;
    }

    /** needs: variables that must already be bound; provides: variables bound by iteration (ref operands). */
    private void analyze(Term t, Set<String> needs, Set<String> provides, Set<String> outer) {
        if (t instanceof Term.Var v) {
            if (!Compiler.isRoot(v.name())) {
                needs.add(v.name());
            }
        } else if (t instanceof Term.Ref r) {
            if (r.head() instanceof Term.Var hv) {
                if (!Compiler.isRoot(hv.name())) {
                    needs.add(hv.name());
                }
            } else {
                analyze(r.head(), needs, provides, outer);
            }
            for (Term p : r.path()) {
                if (p instanceof Term.Var pv) {
                    provides.add(pv.name());
                } else if (p instanceof Term.ArrayLit || p instanceof Term.ObjectLit) {
                    analyzePattern(p, needs, provides, outer);
                } else {
                    analyze(p, needs, provides, outer);
                }
            }
        } else if (t instanceof Term.ArrayLit a) {
            a.elems().forEach(x -> analyze(x, needs, provides, outer));
        } else if (t instanceof Term.SetLit s) {
            s.elems().forEach(x -> analyze(x, needs, provides, outer));
        } else if (t instanceof Term.ObjectLit o) {
            o.keys().forEach(x -> analyze(x, needs, provides, outer));
            o.values().forEach(x -> analyze(x, needs, provides, outer));
        } else if (t instanceof Term.Call c) {
            c.args().forEach(x -> analyze(x, needs, provides, outer));
        } else if (t instanceof Term.Template tp) {
            for (int i = 0; i < tp.parts().size(); i++) {
                analyze(tp.term(i), needs, provides, outer);
                for (Expr.With w : tp.parts().get(i).withs()) {
                    analyze(w.value(), needs, provides, outer);
                }
            }
        } else if (AstChildren.isComprehension(t)) {
            Set<String> inner = new HashSet<>();
            Vars.collect(t, inner, true);
            inner.removeAll(localDecls(closureBody(t)));
            for (String v : inner) {
                if (outer.contains(v) && !Compiler.isRoot(v)) {
                    needs.add(v);
                }
            }
        }
    }

    private static List<Expr> closureBody(Term t) {
        if (t instanceof Term.ArrayCompr c) {
            return c.body();
        }
        if (t instanceof Term.SetCompr c) {
            return c.body();
        }
        return ((Term.ObjectCompr) t).body();
    }

    /** Variables a closure body declares itself (:=, some, some-in): local, never captured. */
    static Set<String> localDecls(List<Expr> body) {
        Set<String> out = new HashSet<>();
        for (Expr e : body) {
            Expr.Kind k = e.kind();
            if (k instanceof Expr.Assign a) {
                Vars.collect(a.left(), out, false);
            } else if (k instanceof Expr.SomeDecl s) {
                s.vars().forEach(v -> out.add(v.name()));
            } else if (k instanceof Expr.SomeIn s) {
                if (s.key() != null) {
                    Vars.collect(s.key(), out, false);
                }
                Vars.collect(s.value(), out, false);
            }
        }
        return out;
    }

    private static int fresh;

    /** Renames closure-local declarations that shadow variables visible outside. */
    private static Map<String, String> shadowed(List<Expr> body, Set<String> visible) {
        Map<String, String> m = new java.util.HashMap<>();
        for (String v : localDecls(body)) {
            if (visible.contains(v) && !v.startsWith("$")) {
                synchronized (Safety.class) {
                    m.put(v, v + "$" + (fresh++));
                }
            }
        }
        return m;
    }

    private void analyzePattern(Term t, Set<String> needs, Set<String> provides, Set<String> outer) {
        if (t instanceof Term.Var v) {
            provides.add(v.name());
        } else if (t instanceof Term.ArrayLit a) {
            a.elems().forEach(x -> analyzePattern(x, needs, provides, outer));
        } else if (t instanceof Term.ObjectLit o) {
            o.keys().forEach(x -> analyze(x, needs, provides, outer));
            o.values().forEach(x -> analyzePattern(x, needs, provides, outer));
        } else {
            analyze(t, needs, provides, outer);
        }
    }

    // ---------------------------------------------------------------- closures

    /** Reorders the bodies of closures inside e, with the variables bound where e runs. */
    private Expr rewriteClosures(Expr e, Set<String> bound) {
        Expr.Kind k = e.kind();
        Expr.Kind nk;
        if (k instanceof Expr.SomeIn s) {
            nk = new Expr.SomeIn(s.key(), s.value(), closures(s.collection(), bound));
        } else if (k instanceof Expr.Every ev) {
            Set<String> inner = new HashSet<>(bound);
            if (ev.key() != null) {
                Vars.collect(ev.key(), inner, false);
            }
            Vars.collect(ev.value(), inner, false);
            Set<String> innerBound = new HashSet<>(inner);
            List<Expr> body = reorder(ev.body(), innerBound);
            nk = new Expr.Every(ev.key(), ev.value(), closures(ev.collection(), bound), body);
        } else if (k instanceof Expr.Logical lg) {
            nk = new Expr.Logical(lg.or(), operandBody(lg.lhs(), lg.explicitLhs(), bound),
                    operandBody(lg.rhs(), lg.explicitRhs(), bound), lg.explicitLhs(), lg.explicitRhs());
        } else if (k instanceof Expr.NotBody nb) {
            nk = new Expr.NotBody(operandBody(nb.body(), nb.explicit(), bound), nb.explicit());
        } else {
            nk = AstChildren.mapChildren(k, x -> closures(x, bound), body -> body); // no bodies left
        }
        return new Expr(nk, e.negated(), AstChildren.mapValues(e.withs(), x -> closures(x, bound)), e.loc());
    }

    /** Orders an operand body where it runs; a braced body's declarations shadowing outer names are renamed. */
    private List<Expr> operandBody(List<Expr> body, boolean explicit, Set<String> bound) {
        if (explicit) {
            Map<String, String> m = shadowed(body, bound);
            if (!m.isEmpty()) {
                body = Rename.body(body, m);
            }
        }
        return reorder(body, new HashSet<>(bound));
    }

    Term closures(Term t, Set<String> bound) {
        if (t instanceof Term.Template tp) {
            // parts run where the template does (with values first: the order unsafe closures are reported in)
            List<Expr> parts = new ArrayList<>(tp.parts().size());
            for (int i = 0; i < tp.parts().size(); i++) {
                Expr pe = tp.parts().get(i);
                List<Expr.With> ws = AstChildren.mapValues(pe.withs(), x -> closures(x, bound));
                parts.add(new Expr(new Expr.TermExpr(closures(tp.term(i), bound)), false, ws, pe.loc()));
            }
            return new Term.Template(tp.literals(), parts, tp.loc());
        }
        if (!AstChildren.isComprehension(t)) {
            return AstChildren.mapChildren(t, x -> closures(x, bound), body -> body); // no bodies: no closures
        }
        Map<String, String> m = shadowed(closureBody(t), bound);
        if (!m.isEmpty()) {
            t = Rename.term(t, m);
        }
        if (t instanceof Term.ArrayCompr c) {
            Set<String> b = new HashSet<>(bound);
            List<Expr> body = reorder(c.body(), b);
            checkHead(c.head(), b, c);
            return new Term.ArrayCompr(closures(c.head(), b), body, c.loc());
        }
        if (t instanceof Term.SetCompr c) {
            Set<String> b = new HashSet<>(bound);
            List<Expr> body = reorder(c.body(), b);
            checkHead(c.head(), b, c);
            return new Term.SetCompr(closures(c.head(), b), body, c.loc());
        }
        if (t instanceof Term.ObjectCompr c) {
            Set<String> b = new HashSet<>(bound);
            List<Expr> body = reorder(c.body(), b);
            checkHead(c.key(), b, c);
            checkHead(c.value(), b, c);
            return new Term.ObjectCompr(closures(c.key(), b), closures(c.value(), b), body, c.loc());
        }
        return t;
    }

    private void checkHead(Term head, Set<String> bound, Term compr) {
        Set<String> vs = new LinkedHashSet<>();
        Vars.collect(head, vs, false);
        vs.removeAll(bound);
        vs.removeIf(Compiler::isRoot);
        if (!vs.isEmpty()) {
            throw unsafeVars(compr.loc(), vs);
        }
    }
}
