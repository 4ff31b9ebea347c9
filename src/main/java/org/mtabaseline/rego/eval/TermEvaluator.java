package org.mtabaseline.rego.eval;

import java.util.ArrayList;
import java.util.List;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoEvalException;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * Terms: in continuation-passing style ({@link #term}, once per value) and, when a term has at most
 * one value ({@link #single}), directly ({@link #eval}), which is the hot path. Composite literals,
 * comprehensions and template strings are built here; references, data documents, calls and bodies
 * are the layers above, reached through {@link #self}.
 */
abstract class TermEvaluator extends EvalState {
    TermEvaluator(Program prog, SingleTerms singleTerms, Value input) {
        super(prog, singleTerms, input);
    }

    boolean term(Term t, Env env, VK k) {
        if (t instanceof Term.Scalar s) {
            return k.run(s.value());
        }
        if (single(t, env)) {
            Value v = eval(t, env);
            return v == null ? true : k.run(v);
        }
        return termCps(t, env, k);
    }

    /** Evaluates t in continuation-passing style: k runs once per value. */
    private boolean termCps(Term t, Env env, VK k) {
        if (t instanceof Term.Var v) {
            String n = v.name();
            Value val = env.get(n);
            if (val != null) {
                return k.run(val);
            }
            if (n.equals("input")) {
                return state.input == null ? true : k.run(state.input);
            }
            if (n.equals("data")) {
                Value d = self.dataValue(prog.root(), state.base);
                return d == null ? true : k.run(d);
            }
            throw new RegoEvalException(new RegoError("rego_unsafe_var_error", v.loc().file(), v.loc().row(), v.loc().col(),
                    "var " + n + " is unsafe"));
        }
        if (t instanceof Term.Ref r) {
            return self.ref(r, env, k);
        }
        if (t instanceof Term.Call c) {
            return self.call(c, env, k);
        }
        if (t instanceof Term.ArrayLit a) {
            Value[] out = new Value[a.elems().size()];
            return terms(a.elems(), 0, out, env, () -> k.run(ArrayValue.of(out)));
        }
        if (t instanceof Term.SetLit s) {
            Value[] out = new Value[s.elems().size()];
            return terms(s.elems(), 0, out, env, () -> k.run(SetValue.of(out)));
        }
        if (t instanceof Term.ObjectLit o) {
            int n = o.keys().size();
            List<Term> all = new ArrayList<>(2 * n);
            for (int i = 0; i < n; i++) {
                all.add(o.keys().get(i));
                all.add(o.values().get(i));
            }
            Value[] out = new Value[2 * n];
            return terms(all, 0, out, env, () -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < n; i++) {
                    b.put(out[2 * i], out[2 * i + 1]);
                }
                return k.run(b.build());
            });
        }
        if (t instanceof Term.ArrayCompr c) {
            List<Value> out = new ArrayList<>();
            self.body(c.body(), 0, env, () -> term(c.head(), env, v -> {
                out.add(v);
                return true;
            }));
            return k.run(ArrayValue.of(out));
        }
        if (t instanceof Term.SetCompr c) {
            List<Value> out = new ArrayList<>();
            self.body(c.body(), 0, env, () -> term(c.head(), env, v -> {
                out.add(v);
                return true;
            }));
            return k.run(SetValue.of(out));
        }
        if (t instanceof Term.ObjectCompr c) {
            ObjectValue.Builder b = ObjectValue.builder();
            self.body(c.body(), 0, env, () -> term(c.key(), env, key -> term(c.value(), env, val -> {
                Value prev = b.get(key);
                if (prev != null && !prev.equals(val)) {
                    throw conflict(c.loc(), "object keys must be unique");
                }
                b.put(key, val);
                return true;
            })));
            return k.run(b.build());
        }
        return template((Term.Template) t, env, k);
    }

    private boolean template(Term.Template tp, Env env, VK k) {
        StringBuilder sb = new StringBuilder(tp.literals().get(0));
        for (int i = 0; i < tp.parts().size(); i++) {
            List<Value> vals = new ArrayList<>();
            Term part = tp.term(i);
            List<Expr.With> withs = tp.parts().get(i).withs();
            if (withs.isEmpty()) {
                term(part, env, v -> {
                    vals.add(v);
                    return true;
                });
            } else {
                self.withScope(withs, env, kk -> term(part, env, v -> {
                    vals.add(v);
                    return kk.run();
                }), () -> true);
            }
            if (vals.isEmpty()) {
                sb.append("<undefined>");
            } else {
                if (vals.size() > 1) {
                    throw conflict(tp.loc(), "template expression produced multiple outputs");
                }
                Value v = vals.get(0);
                sb.append(v instanceof StringValue s ? s.value() : v.toString());
            }
            sb.append(tp.literals().get(i + 1));
        }
        return k.run(StringValue.of(sb.toString()));
    }

    boolean terms(List<Term> ts, int i, Value[] out, Env env, K k) {
        if (i == ts.size()) {
            return k.run();
        }
        Term t = ts.get(i);
        if (t instanceof Term.Scalar s) {
            out[i] = s.value();
            return terms(ts, i + 1, out, env, k);
        }
        return term(t, env, v -> {
            out[i] = v;
            return terms(ts, i + 1, out, env, k);
        });
    }

    // ================================================================ single-valued terms

    /**
     * True if t has at most one value in env, so {@link #eval} can compute it without continuations:
     * no reference operand is an unbound variable or pattern (that would enumerate), no relation
     * builtin is called and no function is mocked. Comprehension bodies do not count: they are
     * collected whole.
     */
    boolean single(Term t, Env env) {
        if (t instanceof Term.Scalar || t instanceof Term.Var) {
            return true;
        }
        if (state.functionOverrides.isEmpty() && singleTerms.contains(t)) {
            return true;
        }
        if (t instanceof Term.Ref r) {
            if (!(r.head() instanceof Term.Var) && !single(r.head(), env)) {
                return false;
            }
            for (Term p : r.path()) {
                if (!(p instanceof Term.Scalar) && (unboundPattern(p, env) || !single(p, env))) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof Term.Call c) {
            if (!state.functionOverrides.isEmpty()) {
                return false;
            }
            if (prog.builtins().isRelation(c.name()) && !prog.functions().containsKey(c.name())) {
                return false;
            }
            return allSingle(c.args(), env);
        }
        if (t instanceof Term.ArrayLit a) {
            return allSingle(a.elems(), env);
        }
        if (t instanceof Term.SetLit st) {
            return allSingle(st.elems(), env);
        }
        if (t instanceof Term.ObjectLit o) {
            return allSingle(o.keys(), env) && allSingle(o.values(), env);
        }
        return true; // comprehensions and templates: one value each
    }

    private boolean allSingle(List<Term> ts, Env env) {
        for (int i = 0, n = ts.size(); i < n; i++) {
            Term t = ts.get(i);
            if (!(t instanceof Term.Scalar) && !single(t, env)) {
                return false;
            }
        }
        return true;
    }

    /** The value of a term for which {@link #single} holds; null if undefined. */
    Value eval(Term t, Env env) {
        if (t instanceof Term.Scalar s) {
            return s.value();
        }
        if (t instanceof Term.Var v) {
            String n = v.name();
            Value val = env.get(n);
            if (val != null) {
                return val;
            }
            if (n.equals("input")) {
                return state.input;
            }
            if (n.equals("data")) {
                return self.dataValue(prog.root(), state.base);
            }
            throw new RegoEvalException(new RegoError("rego_unsafe_var_error", v.loc().file(), v.loc().row(), v.loc().col(),
                    "var " + n + " is unsafe"));
        }
        if (t instanceof Term.Ref r) {
            return self.evalRef(r, env);
        }
        if (t instanceof Term.Call c) {
            return self.evalCall(c, env);
        }
        if (t instanceof Term.ArrayLit a) {
            Value[] out = evalAll(a.elems(), env);
            return out == null ? null : ArrayValue.wrap(out);
        }
        if (t instanceof Term.SetLit st) {
            Value[] out = evalAll(st.elems(), env);
            return out == null ? null : SetValue.of(out);
        }
        if (t instanceof Term.ObjectLit o) {
            int n = o.keys().size();
            SingleTerms.Shape shape = singleTerms.shape(o);
            if (shape != null) {
                // constant keys, sorted once per program: evaluate the values into their slots
                Value[] vals = new Value[n];
                for (int i = 0; i < n; i++) {
                    Value val = eval(o.values().get(i), env);
                    if (val == null) {
                        return null;
                    }
                    vals[shape.slot()[i]] = val;
                }
                return ObjectValue.ofSortedKeys(shape.sortedKeys(), vals);
            }
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < n; i++) {
                Value key = eval(o.keys().get(i), env);
                if (key == null) {
                    return null;
                }
                Value val = eval(o.values().get(i), env);
                if (val == null) {
                    return null;
                }
                b.put(key, val);
            }
            return b.build();
        }
        Value[] out = new Value[1];
        termCps(t, env, v -> {
            out[0] = v;
            return true;
        });
        return out[0];
    }

    /** Values of ts in order; null if one is undefined. */
    private Value[] evalAll(List<Term> ts, Env env) {
        Value[] out = new Value[ts.size()];
        for (int i = 0; i < out.length; i++) {
            Value v = eval(ts.get(i), env);
            if (v == null) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }
}
