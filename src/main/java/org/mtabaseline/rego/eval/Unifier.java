package org.mtabaseline.rego.eval;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.Value;

/**
 * Unification, as OPA's topdown/unify: binds a pattern (variable, array or object literal with
 * variables still unbound) to a value or to another pattern element by element, undoing bindings
 * on the way back. Kept apart because it is the one place that binds variables from patterns;
 * the terms it unifies are evaluated by TermEvaluator below it.
 */
abstract class Unifier extends TermEvaluator {
    Unifier(Program prog, SingleTerms singleTerms, Value input) {
        super(prog, singleTerms, input);
    }

    boolean unify(Term a, Term b, Env env, K k) {
        boolean pa = unboundPattern(a, env);
        boolean pb = unboundPattern(b, env);
        if (pa && pb) {
            if (a instanceof Term.ArrayLit aa && b instanceof Term.ArrayLit ba) {
                if (aa.elems().size() != ba.elems().size()) {
                    return true;
                }
                return unifyPairs(aa.elems(), ba.elems(), 0, env, k);
            }
            if (a instanceof Term.ObjectLit oa && b instanceof Term.ObjectLit ob) {
                return unifyObjects(oa, ob, env, k);
            }
        }
        if (pa) {
            return term(b, env, v -> unifyValue(a, v, env, k));
        }
        return term(a, env, v -> unifyValue(b, v, env, k));
    }

    private boolean unifyPairs(List<Term> as, List<Term> bs, int i, Env env, K k) {
        if (i == as.size()) {
            return k.run();
        }
        return unify(as.get(i), bs.get(i), env, () -> unifyPairs(as, bs, i + 1, env, k));
    }

    private boolean unifyObjects(Term.ObjectLit a, Term.ObjectLit b, Env env, K k) {
        if (a.keys().size() != b.keys().size()) {
            return true;
        }
        List<Term> as = new ArrayList<>();
        List<Term> bs = new ArrayList<>();
        for (int i = 0; i < a.keys().size(); i++) {
            Value ka = groundValue(a.keys().get(i), env);
            int match = -1;
            for (int j = 0; j < b.keys().size(); j++) {
                Value kb = groundValue(b.keys().get(j), env);
                if (ka != null && ka.equals(kb)) {
                    match = j;
                }
            }
            if (match < 0) {
                return true;
            }
            as.add(a.values().get(i));
            bs.add(b.values().get(match));
        }
        return unifyPairs(as, bs, 0, env, k);
    }

    private Value groundValue(Term t, Env env) {
        Value[] out = new Value[1];
        term(t, env, v -> {
            out[0] = v;
            return false;
        });
        return out[0];
    }

    /** Unifies a term (pattern or evaluable) with a value. */
    boolean unifyValue(Term p, Value v, Env env, K k) {
        if (p instanceof Term.Var var && !isRoot(var.name())) {
            Value cur = env.get(var.name());
            if (cur != null) {
                return cur.equals(v) ? k.run() : true;
            }
            env.bind(var.name(), v);
            try {
                return k.run();
            } finally {
                env.unbind(var.name());
            }
        }
        if (p instanceof Term.ArrayLit a && unboundPattern(p, env)) {
            if (!(v instanceof ArrayValue av) || av.size() != a.elems().size()) {
                return true;
            }
            return unifyArray(a.elems(), av, 0, env, k);
        }
        if (p instanceof Term.ObjectLit o && unboundPattern(p, env)) {
            if (!(v instanceof ObjectValue ov) || ov.size() != o.keys().size()) {
                return true;
            }
            return unifyObject(o, ov, 0, env, k);
        }
        if (p instanceof Term.Scalar s) {
            return s.value().equals(v) ? k.run() : true;
        }
        return term(p, env, x -> x.equals(v) ? k.run() : true);
    }

    private boolean unifyArray(List<Term> ps, ArrayValue av, int i, Env env, K k) {
        if (i == ps.size()) {
            return k.run();
        }
        return unifyValue(ps.get(i), av.get(i), env, () -> unifyArray(ps, av, i + 1, env, k));
    }

    private boolean unifyObject(Term.ObjectLit o, ObjectValue ov, int i, Env env, K k) {
        if (i == o.keys().size()) {
            return k.run();
        }
        return term(o.keys().get(i), env, key -> {
            Value val = ov.get(key);
            if (val == null) {
                return true;
            }
            return unifyValue(o.values().get(i), val, env, () -> unifyObject(o, ov, i + 1, env, k));
        });
    }
}
