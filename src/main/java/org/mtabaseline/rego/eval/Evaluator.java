package org.mtabaseline.rego.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoEvalException;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Location;
import org.mtabaseline.rego.ast.Rule;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.builtins.BuiltinContext;
import org.mtabaseline.rego.builtins.BuiltinException;
import org.mtabaseline.rego.builtins.BuiltinFunction;
import org.mtabaseline.rego.compile.Compiler;
import org.mtabaseline.rego.compile.Node;
import org.mtabaseline.rego.compile.Program;
import org.mtabaseline.rego.compile.RuleDef;
import org.mtabaseline.rego.value.ArrayValue;
import org.mtabaseline.rego.value.BooleanValue;
import org.mtabaseline.rego.value.NumberValue;
import org.mtabaseline.rego.value.ObjectValue;
import org.mtabaseline.rego.value.SetValue;
import org.mtabaseline.rego.value.StringValue;
import org.mtabaseline.rego.value.Value;

/**
 * Top-down evaluation with continuations, as OPA's topdown does: every step calls the rest of the
 * query once per solution; a continuation returns false to stop the search (used by {@code not},
 * {@code every} and early exits). One Evaluator per query evaluation; not thread-safe.
 */
public final class Evaluator {
    /** Continuation after a successful step; false stops the search. */
    interface K {
        boolean run();
    }

    /** Continuation receiving a value. */
    interface VK {
        boolean run(Value v);
    }

    private static final Value UNDEFINED_MARK = StringValue.of("\u0000undefined");

    private final Program prog;
    private final SingleTerms singleTerms;
    private final BuiltinContext bctx;
    private final boolean strict;
    private final long deadline;
    private int steps;
    private int depth;
    private State state;

    /** What {@code with} can change: input, data (patched base + masked rule paths), functions; with its own cache. */
    private static final class State {
        final Value input;
        final Value base;
        final List<String> masked;
        final Map<String, Term> functionOverrides;
        final Map<Node, Value> cache;
        /** Function results by (name, arguments): functions are pure within one with-scope. */
        final Map<CallKey, Value> calls;
        /** Values of data/input references with constant keys, by reference (identity). */
        final Map<Term.Ref, Value> refs;

        State(Value input, Value base, List<String> masked, Map<String, Term> functionOverrides) {
            this(input, base, masked, functionOverrides, 16);
        }

        /** capacity: expected entries of each cache (a query over a whole policy set fills hundreds; a with-scope few). */
        State(Value input, Value base, List<String> masked, Map<String, Term> functionOverrides, int capacity) {
            this.input = input;
            this.base = base;
            this.masked = masked;
            this.functionOverrides = functionOverrides;
            this.cache = new HashMap<>(capacity);
            this.calls = new HashMap<>(capacity);
            this.refs = new IdentityHashMap<>(capacity);
        }
    }

    public Evaluator(Program prog, Value input, BuiltinContext bctx, long deadlineNanos) {
        this(prog, SingleTerms.none(), input, bctx, deadlineNanos);
    }

    /** singleTerms: the program's terms known to have at most one value (SingleTerms.of(prog)). */
    public Evaluator(Program prog, SingleTerms singleTerms, Value input, BuiltinContext bctx, long deadlineNanos) {
        this.prog = prog;
        this.singleTerms = singleTerms;
        this.bctx = bctx;
        this.strict = bctx.strict();
        this.deadline = deadlineNanos;
        this.state = new State(input, prog.baseData(), List.of(), Map.of(), 384);
    }

    /** Runs a body, calling onRow with the bindings of each solution; onRow returns false to stop. */
    public void run(List<Expr> body, java.util.function.Predicate<Env> onRow) {
        Env env = new Env();
        body(body, 0, env, () -> onRow.test(env));
    }

    // ================================================================ bodies and expressions

    /**
     * Runs b from expression i. Expressions with at most one solution (tests, assignments of a
     * single value, {@code not}, {@code every}) run in a loop without continuations; their bindings
     * are undone when the body is left. The first expression that may enumerate continues in
     * continuation-passing style.
     */
    boolean body(List<Expr> b, int i, Env env, K k) {
        int mark = env.mark();
        try {
            for (int n = b.size(); i < n; i++) {
                Expr e = b.get(i);
                tick(e);
                int r = singleExpr(e, env);
                if (r == FAILED) {
                    return true;
                }
                if (r == ENUMERATE) {
                    int next = i + 1;
                    return exprTicked(e, env, next == n ? k : () -> body(b, next, env, k));
                }
            }
            return k.run();
        } finally {
            env.reset(mark);
        }
    }

    private static final int FAILED = 0;
    private static final int SUCCEEDED = 1;
    private static final int ENUMERATE = 2;

    /**
     * Evaluates e if it has at most one solution and its terms need no enumeration: FAILED or
     * SUCCEEDED (bindings made in env); ENUMERATE if e must run in continuation-passing style.
     */
    private int singleExpr(Expr e, Env env) {
        if (!e.withs().isEmpty()) {
            return ENUMERATE;
        }
        Expr.Kind kind = e.kind();
        if (kind instanceof Expr.TermExpr te) {
            if (!single(te.term(), env)) {
                return ENUMERATE;
            }
            Value v = eval(te.term(), env);
            boolean holds = v != null && !v.equals(BooleanValue.FALSE);
            return holds != e.negated() ? SUCCEEDED : FAILED;
        }
        Term left;
        Term right;
        if (kind instanceof Expr.Assign a) {
            left = a.left();
            right = a.right();
        } else if (kind instanceof Expr.Unify u) {
            left = u.left();
            right = u.right();
        } else if (e.negated()) {
            return ENUMERATE;
        } else if (kind instanceof Expr.SomeDecl) {
            return SUCCEEDED;
        } else if (kind instanceof Expr.NotBody nb) {
            return solvable(nb.body(), env) ? FAILED : SUCCEEDED;
        } else if (kind instanceof Expr.Logical lg) {
            boolean ok = lg.or() ? solvable(lg.lhs(), env) || solvable(lg.rhs(), env)
                    : solvable(lg.lhs(), env) && solvable(lg.rhs(), env);
            return ok ? SUCCEEDED : FAILED;
        } else {
            return ENUMERATE;
        }
        // x := t, t = x (x unbound) or a comparison of two values
        Term.Var target = unboundVar(left, env) ? (Term.Var) left : unboundVar(right, env) ? (Term.Var) right : null;
        if (target != null) {
            Term source = target == left ? right : left;
            if (e.negated() || unboundPattern(source, env) || !single(source, env)) {
                return ENUMERATE;
            }
            Value v = eval(source, env);
            if (v == null) {
                return FAILED;
            }
            env.bind(target.name(), v);
            return SUCCEEDED;
        }
        if (unboundPattern(left, env) || unboundPattern(right, env) || !single(left, env) || !single(right, env)) {
            return ENUMERATE;
        }
        Value a = eval(left, env);
        if (a == null) {
            return e.negated() ? SUCCEEDED : FAILED;
        }
        Value b = eval(right, env);
        boolean holds = b != null && a.equals(b);
        return holds != e.negated() ? SUCCEEDED : FAILED;
    }

    /** data or input: variable names are interned (Term.Var), so identity decides. */
    private static boolean isRoot(String varName) {
        return varName == "data" || varName == "input";
    }

    private static boolean unboundVar(Term t, Env env) {
        return t instanceof Term.Var v && !isRoot(v.name()) && !env.has(v.name());
    }

    private void tick(Expr e) {
        if ((++steps & 1023) == 0 && deadline != 0 && System.nanoTime() > deadline) {
            throw new RegoEvalException(new RegoError("eval_cancel_error", e.loc().file(), e.loc().row(), e.loc().col(),
                    "caller cancelled query execution: evaluation deadline exceeded"));
        }
    }

    private boolean exprTicked(Expr e, Env env, K k) {
        if (!e.withs().isEmpty()) {
            return withExpr(e, env, k);
        }
        return exprNoWith(e, env, k);
    }

    private boolean exprNoWith(Expr e, Env env, K k) {
        if (e.negated()) {
            boolean exhausted = exprInner(e.kind(), env, () -> false);
            return exhausted ? k.run() : true;
        }
        return exprInner(e.kind(), env, k);
    }

    private boolean exprInner(Expr.Kind kind, Env env, K k) {
        if (kind instanceof Expr.TermExpr te) {
            return term(te.term(), env, v -> v == BooleanValue.FALSE || v.equals(BooleanValue.FALSE) ? true : k.run());
        }
        if (kind instanceof Expr.Unify u) {
            return unify(u.left(), u.right(), env, k);
        }
        if (kind instanceof Expr.Assign a) {
            return unify(a.left(), a.right(), env, k);
        }
        if (kind instanceof Expr.SomeDecl) {
            return k.run();
        }
        if (kind instanceof Expr.SomeIn s) {
            if (unboundVar(s.value(), env) && (s.key() == null || unboundVar(s.key(), env)
                    && !((Term.Var) s.key()).name().equals(((Term.Var) s.value()).name())) && single(s.collection(), env)) {
                Value c = eval(s.collection(), env);
                return c == null || eachBinding(c, s.key() == null ? null : ((Term.Var) s.key()).name(),
                        ((Term.Var) s.value()).name(), env, k);
            }
            return term(s.collection(), env, c -> iterate(c, (key, val) -> {
                if (s.key() == null) {
                    return unifyValue(s.value(), val, env, k);
                }
                return unifyValue(s.key(), key, env, () -> unifyValue(s.value(), val, env, k));
            }));
        }
        if (kind instanceof Expr.Logical lg) {
            // short-circuits, and succeeds at most once: operand bindings end with the operand
            boolean ok = lg.or() ? solvable(lg.lhs(), env) || solvable(lg.rhs(), env)
                    : solvable(lg.lhs(), env) && solvable(lg.rhs(), env);
            return ok ? k.run() : true;
        }
        if (kind instanceof Expr.NotBody nb) {
            return solvable(nb.body(), env) ? true : k.run();
        }
        Expr.Every ev = (Expr.Every) kind;
        return term(ev.collection(), env, c -> {
            if (!c.isComposite()) {
                return true;
            }
            boolean all = iterate(c, (key, val) -> {
                K inner = () -> body(ev.body(), 0, env, () -> false);
                boolean exhausted = ev.key() == null ? unifyValue(ev.value(), val, env, inner)
                        : unifyValue(ev.key(), key, env, () -> unifyValue(ev.value(), val, env, inner));
                return !exhausted; // continue only while each element has a solution
            });
            return all ? k.run() : true;
        });
    }

    /** True if the body has a solution (the search stops at the first one). */
    private boolean solvable(List<Expr> b, Env env) {
        boolean[] found = new boolean[1];
        body(b, 0, env, () -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    private interface KV {
        boolean run(Value key, Value val);
    }

    /** Calls f for each (key, value) of a collection; true if not stopped. */
    private static boolean iterate(Value c, KV f) {
        if (c instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                if (!f.run(NumberValue.of(i), a.get(i))) {
                    return false;
                }
            }
        } else if (c instanceof ObjectValue o) {
            for (int i = 0; i < o.size(); i++) {
                if (!f.run(o.keyAt(i), o.valueAt(i))) {
                    return false;
                }
            }
        } else if (c instanceof SetValue s) {
            for (int i = 0; i < s.size(); i++) {
                if (!f.run(s.get(i), s.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    // ================================================================ with

    private boolean withExpr(Expr e, Env env, K k) {
        return withScope(e.withs(), env, kk -> exprNoWith(e, env, kk), k);
    }

    /** Runs inner with the modifiers in effect; k runs outside them. */
    private boolean withScope(List<Expr.With> withs, Env env, Scoped inner, K k) {
        return withValues(inner, withs, new Value[withs.size()], 0, env, k);
    }

    private boolean withValues(Scoped inner, List<Expr.With> withs, Value[] vals, int i, Env env, K k) {
        if (i < withs.size()) {
            Term vt = withs.get(i).value();
            if (isFunctionMark(vt)) {
                vals[i] = null;
                return withValues(inner, withs, vals, i + 1, env, k);
            }
            if (vt instanceof Term.Ref r && r.head() instanceof Term.Var hv && hv.name().equals("data")
                    && prog.functions().containsKey(staticPath(r))) {
                vals[i] = null;
                return withValues(inner, withs, vals, i + 1, env, k);
            }
            return term(vt, env, v -> {
                vals[i] = v;
                return withValues(inner, withs, vals, i + 1, env, k);
            });
        }
        State old = state;
        Value input = old.input;
        Value base = old.base;
        List<String> masked = new ArrayList<>(old.masked);
        Map<String, Term> fo = new HashMap<>(old.functionOverrides);
        for (int j = 0; j < withs.size(); j++) {
            Expr.With w = withs.get(j);
            String target = ((StringValue) ((Term.Scalar) w.target()).value()).value();
            Term valueTerm = w.value();
            if (target.equals("input") || target.startsWith("input.")) {
                List<String> segs = segments(target, 1);
                input = segs.isEmpty() ? vals[j] : setPath(input, segs, 0, vals[j]);
            } else if ((target.equals("data") || target.startsWith("data.")) && !prog.functions().containsKey(target)) {
                List<String> segs = segments(target, 1);
                base = segs.isEmpty() ? vals[j] : setPath(base, segs, 0, vals[j]);
                masked.add(target);
            } else {
                fo.put(target, vals[j] != null ? new Term.Scalar(vals[j], w.loc()) : valueTerm);
            }
        }
        State ns = new State(input, base, masked, fo);
        state = ns;
        try {
            return inner.run(() -> {
                state = old;
                try {
                    return k.run();
                } finally {
                    state = ns;
                }
            });
        } finally {
            state = old;
        }
    }

    /** What runs under {@code with} modifiers, calling its continuation per solution. */
    private interface Scoped {
        boolean run(K k);
    }

    private static boolean isFunctionMark(Term t) {
        return t instanceof Term.Scalar s && s.value() instanceof StringValue str && str.value().startsWith(Compiler.FUNCTION_MARK);
    }

    private static String staticPath(Term.Ref r) {
        StringBuilder sb = new StringBuilder("data");
        for (Term p : r.path()) {
            if (p instanceof Term.Scalar s && s.value() instanceof StringValue str) {
                sb.append('.').append(str.value());
            } else {
                return "";
            }
        }
        return sb.toString();
    }

    private static List<String> segments(String dotted, int skip) {
        List<String> all = Arrays.asList(dotted.split("\\."));
        return all.subList(skip, all.size());
    }

    /** A copy of v with the value at path replaced (objects created as needed). */
    private static Value setPath(Value v, List<String> path, int i, Value leaf) {
        if (i == path.size()) {
            return leaf;
        }
        ObjectValue o = v instanceof ObjectValue ov ? ov : ObjectValue.EMPTY;
        StringValue key = StringValue.of(path.get(i));
        Value child = o.get(key);
        return o.with(key, setPath(child, path, i + 1, leaf));
    }

    // ================================================================ unification

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

    /** True if t is a pattern (var, array or object literal) with a variable still unbound. */
    private static boolean unboundPattern(Term t, Env env) {
        if (t instanceof Term.Var v) {
            return !isRoot(v.name()) && !env.has(v.name());
        }
        if (t instanceof Term.ArrayLit a) {
            for (Term x : a.elems()) {
                if (unboundPattern(x, env)) {
                    return true;
                }
            }
        } else if (t instanceof Term.ObjectLit o) {
            for (Term x : o.values()) {
                if (unboundPattern(x, env)) {
                    return true;
                }
            }
        }
        return false;
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

    // ================================================================ terms

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
                Value d = dataValue(prog.root(), state.base);
                return d == null ? true : k.run(d);
            }
            throw new RegoEvalException(new RegoError("rego_unsafe_var_error", v.loc().file(), v.loc().row(), v.loc().col(),
                    "var " + n + " is unsafe"));
        }
        if (t instanceof Term.Ref r) {
            return ref(r, env, k);
        }
        if (t instanceof Term.Call c) {
            return call(c, env, k);
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
            body(c.body(), 0, env, () -> term(c.head(), env, v -> {
                out.add(v);
                return true;
            }));
            return k.run(ArrayValue.of(out));
        }
        if (t instanceof Term.SetCompr c) {
            List<Value> out = new ArrayList<>();
            body(c.body(), 0, env, () -> term(c.head(), env, v -> {
                out.add(v);
                return true;
            }));
            return k.run(SetValue.of(out));
        }
        if (t instanceof Term.ObjectCompr c) {
            ObjectValue.Builder b = ObjectValue.builder();
            body(c.body(), 0, env, () -> term(c.key(), env, key -> term(c.value(), env, val -> {
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
                withScope(withs, env, kk -> term(part, env, v -> {
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

    private boolean terms(List<Term> ts, int i, Value[] out, Env env, K k) {
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
    private boolean single(Term t, Env env) {
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
    private Value eval(Term t, Env env) {
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
                return dataValue(prog.root(), state.base);
            }
            throw new RegoEvalException(new RegoError("rego_unsafe_var_error", v.loc().file(), v.loc().row(), v.loc().col(),
                    "var " + n + " is unsafe"));
        }
        if (t instanceof Term.Ref r) {
            return evalRef(r, env);
        }
        if (t instanceof Term.Call c) {
            return evalCall(c, env);
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

    private Value evalRef(Term.Ref r, Env env) {
        Term head = r.head();
        Value v;
        if (head instanceof Term.Var hv) {
            String n = hv.name();
            v = env.get(n);
            if (v == null) {
                if (n == "data" || n == "input") { // interned
                    return evalRootRef(r, n == "data", env);
                }
                v = eval(head, env);
            }
        } else {
            v = eval(head, env);
        }
        return v == null ? null : evalWalk(v, r.path(), 0, env);
    }

    /** data.a.b / input.a.b: a reference with constant keys is looked up once per with-scope. */
    private Value evalRootRef(Term.Ref r, boolean data, Env env) {
        boolean constant = true;
        for (int i = 0, n = r.path().size(); i < n && constant; i++) {
            constant = r.path().get(i) instanceof Term.Scalar;
        }
        if (constant) {
            Value known = state.refs.get(r);
            if (known != null) {
                return known == UNDEFINED_MARK ? null : known;
            }
        }
        Value v = data ? evalDataRef(prog.root(), state.base, r.path(), 0, env)
                : state.input == null ? null : evalWalk(state.input, r.path(), 0, env);
        if (constant) {
            state.refs.put(r, v == null ? UNDEFINED_MARK : v);
        }
        return v;
    }

    private Value evalWalk(Value v, List<Term> path, int i, Env env) {
        for (int n = path.size(); i < n && v != null; i++) {
            Value key = eval(path.get(i), env);
            if (key == null) {
                return null;
            }
            v = lookup(v, key);
        }
        return v;
    }

    /** As {@link #walkStore}: a number key also finds its text in base documents. */
    private Value evalWalkStore(Value v, List<Term> path, int i, Env env) {
        for (int n = path.size(); i < n; i++) {
            if (!(v instanceof ObjectValue)) {
                return evalWalk(v, path, i, env);
            }
            Value key = eval(path.get(i), env);
            if (key == null) {
                return null;
            }
            Value child = lookup(v, key);
            if (child == null && key instanceof NumberValue) {
                child = lookup(v, StringValue.of(key.toString()));
            }
            if (child == null) {
                return null;
            }
            v = child;
        }
        return v;
    }

    /** As {@link #dataRef} for a path without unbound operands. */
    private Value evalDataRef(Node n, Value base, List<Term> path, int i, Env env) {
        while (true) {
            if (n == null || (!state.masked.isEmpty() && masked(n.path))) {
                return base == null ? null : evalWalkStore(base, path, i, env);
            }
            if (n.hasValueRules() && base != null && !(base instanceof ObjectValue)) {
                return evalWalkStore(base, path, i, env);
            }
            if (n.hasValueRules() || i == path.size()) {
                Value v = dataValue(n, base);
                if (base instanceof ObjectValue && v != null && n.hasValueRules()) {
                    v = overlay(v, base);
                }
                return v == null ? null : evalWalk(v, path, i, env);
            }
            Value key = eval(path.get(i), env);
            if (key == null) {
                return null;
            }
            Node c = n.children.get(key);
            Value cb = base instanceof ObjectValue bo ? bo.get(key) : null;
            if (c == null && cb == null && key instanceof NumberValue) {
                key = StringValue.of(key.toString());
                c = n.children.get(key);
                cb = base instanceof ObjectValue bo ? bo.get(key) : null;
            }
            if (c == null && cb == null) {
                return null;
            }
            n = c;
            base = cb;
            i++;
        }
    }

    private Value evalCall(Term.Call c, Env env) {
        List<Term> as = c.args();
        Value[] args = new Value[as.size()];
        boolean refsFirst = false;
        for (int i = 1; i < as.size(); i++) {
            if (as.get(i) instanceof Term.Ref) {
                refsFirst = true;
                break;
            }
        }
        // the same order as call(): references first when an operand other than the first is one
        for (int pass = refsFirst ? 0 : 1; pass < 2; pass++) {
            for (int i = 0; i < args.length; i++) {
                Term a = as.get(i);
                if (refsFirst && (a instanceof Term.Ref) != (pass == 0)) {
                    continue;
                }
                Value v = eval(a, env);
                if (v == null) {
                    return null;
                }
                args[i] = v;
            }
        }
        List<RuleDef> defs = prog.functions().get(c.name());
        if (defs != null) {
            return callUser(c.name(), defs, args, true, c);
        }
        return callBuiltin(c.name(), builtin(c.name(), c), c, args);
    }

    // ================================================================ references

    private boolean ref(Term.Ref r, Env env, VK k) {
        Term head = r.head();
        if (head instanceof Term.Var hv) {
            String n = hv.name();
            Value local = env.get(n);
            if (local != null) {
                return walk(local, r.path(), 0, env, k);
            }
            if (n.equals("input")) {
                return state.input == null ? true : walk(state.input, r.path(), 0, env, k);
            }
            if (n.equals("data")) {
                return dataRef(prog.root(), state.base, r.path(), 0, env, k);
            }
        }
        return term(head, env, hv -> walk(hv, r.path(), 0, env, k));
    }

    /** Follows path into a value, enumerating where an operand is an unbound variable or pattern. */
    private boolean walk(Value v, List<Term> path, int i, Env env, VK k) {
        if (i == path.size()) {
            return k.run(v);
        }
        Term p = path.get(i);
        if (p instanceof Term.Scalar s) {
            Value child = lookup(v, s.value());
            return child == null ? true : walk(child, path, i + 1, env, k);
        }
        if (unboundVar(p, env)) {
            return walkEach(v, ((Term.Var) p).name(), path, i, env, k);
        }
        if (unboundPattern(p, env)) {
            return iterate(v, (key, val) -> unifyValue(p, key, env, () -> walk(val, path, i + 1, env, k)));
        }
        return term(p, env, key -> {
            Value child = lookup(v, key);
            return child == null ? true : walk(child, path, i + 1, env, k);
        });
    }

    /** walk for an unbound variable operand: binds it to each key of v in turn. */
    private boolean walkEach(Value v, String var, List<Term> path, int i, Env env, VK k) {
        int n = v instanceof ArrayValue a ? a.size() : v instanceof ObjectValue o ? o.size() : v instanceof SetValue st ? st.size() : 0;
        for (int j = 0; j < n; j++) {
            Value key;
            Value val;
            if (v instanceof ArrayValue a) {
                key = NumberValue.of(j);
                val = a.get(j);
            } else if (v instanceof ObjectValue o) {
                key = o.keyAt(j);
                val = o.valueAt(j);
            } else {
                key = ((SetValue) v).get(j);
                val = key;
            }
            int mark = env.mark();
            env.bind(var, key);
            try {
                if (!walk(val, path, i + 1, env, k)) {
                    return false;
                }
            } finally {
                env.reset(mark);
            }
        }
        return true;
    }

    /**
     * {@code some k, v in c} with unbound variables (keyVar may be null): binds them to each entry
     * of c in turn and runs k.
     */
    private static boolean eachBinding(Value c, String keyVar, String valVar, Env env, K k) {
        int n = c instanceof ArrayValue a ? a.size() : c instanceof ObjectValue o ? o.size() : c instanceof SetValue st ? st.size() : 0;
        for (int j = 0; j < n; j++) {
            Value key;
            Value val;
            if (c instanceof ArrayValue a) {
                key = keyVar == null ? null : NumberValue.of(j);
                val = a.get(j);
            } else if (c instanceof ObjectValue o) {
                key = o.keyAt(j);
                val = o.valueAt(j);
            } else {
                key = ((SetValue) c).get(j);
                val = key;
            }
            int mark = env.mark();
            if (keyVar != null) {
                env.bind(keyVar, key);
            }
            env.bind(valVar, val);
            try {
                if (!k.run()) {
                    return false;
                }
            } finally {
                env.reset(mark);
            }
        }
        return true;
    }

    /** Like walk, in base data: the store keys documents by string, so a number key also finds its text. */
    private boolean walkStore(Value v, List<Term> path, int i, Env env, VK k) {
        if (i == path.size()) {
            return k.run(v);
        }
        Term p = path.get(i);
        if (!(v instanceof ObjectValue) || unboundPattern(p, env)) {
            return walk(v, path, i, env, k);
        }
        return term(p, env, key -> {
            Value child = lookup(v, key);
            if (child == null && key instanceof NumberValue) {
                child = lookup(v, StringValue.of(key.toString()));
            }
            return child == null ? true : walkStore(child, path, i + 1, env, k);
        });
    }

    static Value lookup(Value v, Value key) {
        if (v instanceof ObjectValue o) {
            return o.get(key);
        }
        if (v instanceof ArrayValue a) {
            if (key instanceof NumberValue n) {
                int idx = n.index();
                if (idx >= 0 && idx < a.size()) {
                    return a.get(idx);
                }
            }
            return null;
        }
        if (v instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    private boolean masked(String path) {
        for (String m : state.masked) {
            if (path.equals(m) || path.startsWith(m + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Follows path through the rule tree n (null: only base data) and base data. */
    private boolean dataRef(Node n, Value base, List<Term> refPath, int i, Env env, VK k) {
        if (n == null || (!state.masked.isEmpty() && masked(n.path))) {
            return base == null ? true : walkStore(base, refPath, i, env, k);
        }
        if (n.hasValueRules() && base != null && !(base instanceof ObjectValue)) {
            return walkStore(base, refPath, i, env, k);
        }
        if (n.hasValueRules() || i == refPath.size()) {
            Value v = dataValue(n, base);
            if (base instanceof ObjectValue && v != null && n.hasValueRules()) {
                v = overlay(v, base);
            }
            return v == null ? true : walk(v, refPath, i, env, k);
        }
        Term p = refPath.get(i);
        if (unboundPattern(p, env)) {
            List<Value> keys = new ArrayList<>();
            for (Map.Entry<Value, Node> c : n.children.entrySet()) {
                if (hasValues(c.getValue())) {
                    keys.add(c.getKey());
                }
            }
            if (base instanceof ObjectValue bo) {
                for (Value key : bo.keys()) {
                    if (!n.children.containsKey(key)) {
                        keys.add(key);
                    }
                }
            }
            for (Value key : keys) {
                Node c = n.children.get(key);
                Value cb = base instanceof ObjectValue bo ? bo.get(key) : null;
                boolean cont = unifyValue(p, key, env, () -> dataRef(c, cb, refPath, i + 1, env, k));
                if (!cont) {
                    return false;
                }
            }
            return true;
        }
        return term(p, env, key0 -> {
            Value key = key0;
            Node c = n.children.get(key);
            Value cb = base instanceof ObjectValue bo ? bo.get(key) : null;
            if (c == null && cb == null && key instanceof NumberValue) {
                // the store keys documents by string, so data[2] finds "2"
                key = StringValue.of(key.toString());
                c = n.children.get(key);
                cb = base instanceof ObjectValue bo2 ? bo2.get(key) : null;
            }
            if (c == null && cb == null) {
                return true;
            }
            return dataRef(c, cb, refPath, i + 1, env, k);
        });
    }

    private static boolean hasValues(Node n) {
        return n.isDocument();
    }

    /** The full value of the document at node n (rules, children and base data); null if undefined. */
    private Value dataValue(Node n, Value base) {
        if (n == null || (!state.masked.isEmpty() && masked(n.path))) {
            return base;
        }
        Value cached = state.cache.get(n);
        if (cached != null) {
            return cached == UNDEFINED_MARK ? null : cached;
        }
        Value result;
        if (n.hasValueRules()) {
            Object structure = evalRules(n);
            for (Map.Entry<Value, Node> c : n.children.entrySet()) {
                if (!hasValues(c.getValue())) {
                    continue;
                }
                Value cv = dataValue(c.getValue(), null);
                if (cv == null) {
                    continue;
                }
                if (structure == null) {
                    structure = new LinkedHashMap<Value, Object>();
                }
                if (!(structure instanceof Map)) {
                    throw conflict(ruleLoc(n), "object keys must be unique");
                }
                mergeInto(castMap(structure), c.getKey(), cv, n);
            }
            result = structure == null ? null : structure instanceof Map ? toValue(castMap(structure))
                    : structure instanceof List ? SetValue.of(castList(structure)) : (Value) structure;
            if (result == null) {
                result = defaultValue(n);
            }
            if (!state.masked.isEmpty() && result != null) {
                result = applyOverrides(result, n.path);
            }
        } else {
            ObjectValue o;
            if (base instanceof ObjectValue bo) {
                o = bo;
            } else if (base != null && n.children.isEmpty()) {
                o = null;
            } else {
                o = ObjectValue.EMPTY;
            }
            if (o == null) {
                result = base;
            } else {
                boolean any = base != null;
                ObjectValue.Builder changed = null;
                for (Map.Entry<Value, Node> c : n.children.entrySet()) {
                    Node cn = c.getValue();
                    if (!hasValues(cn)) {
                        continue;
                    }
                    any = true;
                    Value cb = o.get(c.getKey());
                    Value cv = dataValue(cn, cb);
                    if (cv != null && cv != cb) {
                        if (changed == null) {
                            changed = ObjectValue.builder(o);
                        }
                        // base documents win over rules at the same path (OPA's store precedence)
                        changed.put(c.getKey(), cb == null ? cv : overlay(cv, cb));
                    }
                }
                if (changed != null) {
                    o = changed.build();
                }
                result = any || !n.children.isEmpty() || n.isPackage ? o : null;
            }
        }
        state.cache.put(n, result == null ? UNDEFINED_MARK : result);
        return result;
    }

    /** b laid over a: objects merge key by key, otherwise b wins. */
    private static Value overlay(Value a, Value b) {
        if (a instanceof ObjectValue oa && b instanceof ObjectValue ob) {
            ObjectValue out = oa;
            for (int i = 0; i < ob.size(); i++) {
                Value prev = out.get(ob.keyAt(i));
                out = out.with(ob.keyAt(i), prev == null ? ob.valueAt(i) : overlay(prev, ob.valueAt(i)));
            }
            return out;
        }
        return b;
    }

    private Value applyOverrides(Value v, String path) {
        for (String m : state.masked) {
            if (m.startsWith(path + ".")) {
                List<String> rel = segments(m.substring(path.length() + 1), 0);
                Value over = state.base;
                for (String s : segments(m, 1)) {
                    over = over instanceof ObjectValue o ? o.get(s) : null;
                }
                if (over != null) {
                    v = setPath(v, rel, 0, over);
                }
            }
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<Value, Object> castMap(Object o) {
        return (Map<Value, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Value> castList(Object o) {
        return (List<Value>) o;
    }

    private static Location ruleLoc(Node n) {
        return n.rules.isEmpty() ? n.defaultRule.rule().loc() : n.rules.get(0).rule().loc();
    }

    /** Merges a child document into a partial rule's key structure; a clash with a rule's value is a conflict. */
    private void mergeInto(Map<Value, Object> m, Value key, Value cv, Node n) {
        Object prev = m.get(key);
        if (prev == null) {
            m.put(key, cv);
        } else if (prev instanceof Map) {
            if (!(cv instanceof ObjectValue o)) {
                throw conflict(ruleLoc(n), "object keys must be unique");
            }
            for (int i = 0; i < o.size(); i++) {
                mergeInto(castMap(prev), o.keyAt(i), o.valueAt(i), n);
            }
        } else if (prev instanceof List) {
            if (!(cv instanceof SetValue sv)) {
                throw conflict(ruleLoc(n), "object keys must be unique");
            }
            castList(prev).addAll(sv.list());
        } else if (!prev.equals(cv)) {
            throw conflict(ruleLoc(n), "object keys must be unique");
        }
    }

    // ================================================================ rules

    /**
     * Evaluates the rules placed at n (not functions): a Value for complete rules (null if undefined),
     * a List for a set, or a Map of keys (leaves are rule values, Lists are sets) for rules with keys.
     */
    private Object evalRules(Node n) {
        List<RuleDef> rules = n.rules;
        if (rules.isEmpty()) {
            return null;
        }
        RuleDef first = rules.get(0);
        boolean complete = first.suffix().isEmpty() && !first.rule().isMultiValue();
        if (complete) {
            Single out = new Single("complete rules must not produce multiple outputs");
            for (RuleDef d : rules) {
                if (!d.suffix().isEmpty() || d.rule().isMultiValue()) {
                    continue;
                }
                out.at = d.rule().loc();
                evalChain(d.rule(), new Env(), out);
            }
            return out.value;
        }
        // partial: build nested maps of keys; leaves are values (single-value) or sets (multi-value)
        Map<Value, Object> root = new LinkedHashMap<>();
        List<Value> topSet = new ArrayList<>();
        boolean topIsSet = first.suffix().isEmpty() && first.rule().isMultiValue();
        for (RuleDef d : rules) {
            Rule r = d.rule();
            Env env = new Env();
            body(r.body(), 0, env, () -> {
                Value[] keys = new Value[d.suffix().size()];
                return terms(d.suffix(), 0, keys, env, () -> {
                    if (r.isMultiValue()) {
                        return term(r.key(), env, elem -> {
                            if (keys.length == 0) {
                                topSet.add(elem);
                            } else {
                                insert(root, keys, elem, true, r);
                            }
                            return true;
                        });
                    }
                    return term(r.value(), env, val -> {
                        insert(root, keys, val, false, r);
                        return true;
                    });
                });
            });
        }
        if (topIsSet) {
            return topSet;
        }
        return root;
    }

    private Value defaultValue(Node n) {
        if (n.defaultRule == null) {
            return null;
        }
        Value[] out = new Value[1];
        term(n.defaultRule.rule().value(), new Env(), v -> {
            out[0] = v;
            return false;
        });
        return out[0];
    }

    @SuppressWarnings("unchecked")
    private void insert(Map<Value, Object> root, Value[] keys, Value leaf, boolean setLeaf, Rule r) {
        Map<Value, Object> m = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object o = m.get(keys[i]);
            if (o == null) {
                Map<Value, Object> nm = new LinkedHashMap<>();
                m.put(keys[i], nm);
                m = nm;
            } else if (o instanceof Map) {
                m = (Map<Value, Object>) o;
            } else {
                throw conflict(r.loc(), "object keys must be unique");
            }
        }
        Value lastKey = keys[keys.length - 1];
        Object prev = m.get(lastKey);
        if (setLeaf) {
            if (prev == null) {
                List<Value> l = new ArrayList<>();
                l.add(leaf);
                m.put(lastKey, l);
            } else if (prev instanceof List) {
                ((List<Value>) prev).add(leaf);
            } else {
                throw conflict(r.loc(), "object keys must be unique");
            }
            return;
        }
        if (prev == null) {
            m.put(lastKey, leaf);
        } else if (!(prev instanceof Value pv) || !pv.equals(leaf)) {
            throw conflict(r.loc(), "object keys must be unique");
        }
    }

    @SuppressWarnings("unchecked")
    private Value toValue(Map<Value, Object> m) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Object> e : m.entrySet()) {
            Object o = e.getValue();
            Value v;
            if (o instanceof Map) {
                v = toValue((Map<Value, Object>) o);
            } else if (o instanceof List) {
                v = SetValue.of((List<Value>) o);
            } else {
                v = (Value) o;
            }
            b.put(e.getKey(), v);
        }
        return b.build();
    }

    /** Evaluates a complete rule or function body with its else chain, passing each value to k. */
    private boolean evalChain(Rule r, Env env, VK k) {
        Yield end = new Yield(r, env, k);
        boolean cont = body(r.body(), 0, env, end);
        if (!end.any && r.elseRule() != null && cont) {
            return evalChain(r.elseRule(), new Env(), k);
        }
        return cont;
    }

    /** The end of a rule or function body: notes that the body held, then yields the value term. */
    private final class Yield implements K {
        final Rule rule;
        final Env env;
        final VK k;
        boolean any;

        Yield(Rule rule, Env env, VK k) {
            this.rule = rule;
            this.env = env;
            this.k = k;
        }

        @Override
        public boolean run() {
            any = true;
            return term(rule.value(), env, k);
        }
    }

    /** Collects the one value of a complete rule or function call; a second, different value is a conflict. */
    private final class Single implements VK {
        final String conflictMessage;
        Location at;
        Value value;

        Single(String conflictMessage) {
            this.conflictMessage = conflictMessage;
        }

        @Override
        public boolean run(Value v) {
            if (value == null) {
                value = v;
            } else if (!value.equals(v)) {
                throw conflict(at, conflictMessage);
            }
            return true;
        }
    }

    RegoEvalException conflict(Location loc, String msg) {
        return new RegoEvalException(new RegoError("eval_conflict_error", loc.file(), loc.row(), loc.col(), msg));
    }

    // ================================================================ calls

    private boolean call(Term.Call c, Env env, VK k) {
        Value[] args = new Value[c.args().size()];
        List<Term> as = c.args();
        boolean plain = true;
        for (int i = 1; i < as.size(); i++) {
            if (as.get(i) instanceof Term.Ref) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return terms(as, 0, args, env, () -> invoke(c.name(), c, args, k));
        }
        // evaluate references first: they may bind variables other operands read (foo == xs[foo])
        int[] order = new int[as.size()];
        int j = 0;
        for (int i = 0; i < as.size(); i++) {
            if (as.get(i) instanceof Term.Ref) {
                order[j++] = i;
            }
        }
        for (int i = 0; i < as.size(); i++) {
            if (!(as.get(i) instanceof Term.Ref)) {
                order[j++] = i;
            }
        }
        return termsOrdered(as, order, 0, args, env, () -> invoke(c.name(), c, args, k));
    }

    private boolean termsOrdered(List<Term> ts, int[] order, int i, Value[] out, Env env, K k) {
        if (i == order.length) {
            return k.run();
        }
        int at = order[i];
        return term(ts.get(at), env, v -> {
            out[at] = v;
            return termsOrdered(ts, order, i + 1, out, env, k);
        });
    }

    private boolean invoke(String name, Term.Call c, Value[] args, VK k) {
        Term over = state.functionOverrides.isEmpty() ? null : state.functionOverrides.get(name);
        if (over != null) {
            if (isFunctionMark(over)) {
                String target = ((StringValue) ((Term.Scalar) over).value()).value().substring(Compiler.FUNCTION_MARK.length());
                // the replacement runs without this mock, so it may call the original (as OPA does)
                State cur = state;
                // mocks do not apply inside a mock (OPA: "mock will not call other mock")
                state = new State(cur.input, cur.base, cur.masked, Map.of());
                boolean restored = false;
                try {
                    return invokeUnmocked(target, c, args, v -> {
                        State inner = state;
                        state = cur;
                        try {
                            return k.run(v);
                        } finally {
                            state = inner;
                        }
                    });
                } finally {
                    state = cur;
                }
            } else {
                Value[] out = new Value[1];
                term(over, new Env(), v -> {
                    out[0] = v;
                    return false;
                });
                return out[0] == null ? true : k.run(out[0]);
            }
        }
        return invokeUnmocked(name, c, args, k);
    }

    private boolean invokeUnmocked(String name, Term.Call c, Value[] args, VK k) {
        List<RuleDef> defs = prog.functions().get(name);
        if (defs != null) {
            Value v = callUser(name, defs, args, false, c);
            return v == null ? true : k.run(v);
        }
        BuiltinFunction bf = builtin(name, c);
        Value result = callBuiltin(name, bf, c, args);
        if (result == null) {
            return true;
        }
        if (bf.relation()) {
            if (result instanceof ArrayValue a) {
                for (int i = 0; i < a.size(); i++) {
                    if (!k.run(a.get(i))) {
                        return false;
                    }
                }
            }
            return true;
        }
        return k.run(result);
    }

    private BuiltinFunction builtin(String name, Term.Call c) {
        BuiltinFunction bf = prog.builtins().get(name);
        if (bf == null) {
            throw new RegoEvalException(new RegoError("rego_type_error", c.loc().file(), c.loc().row(), c.loc().col(),
                    "undefined function " + name));
        }
        return bf;
    }

    /** The builtin's result; null if undefined (including an error outside strict mode). */
    private Value callBuiltin(String name, BuiltinFunction bf, Term.Call c, Value[] args) {
        try {
            return bf.impl().call(bctx, Arrays.asList(args));
        } catch (BuiltinException e) {
            if (strict) {
                throw new RegoEvalException(new RegoError(e.code(), c.loc().file(), c.loc().row(), c.loc().col(),
                        name + ": " + e.getMessage()));
            }
            return null;
        } catch (RegoEvalException e) {
            throw e;
        } catch (RuntimeException e) {
            if (strict) {
                throw new RegoEvalException(new RegoError(BuiltinException.BUILTIN_ERROR, c.loc().file(), c.loc().row(),
                        c.loc().col(), name + ": " + e));
            }
            return null;
        }
    }

    /**
     * The function's result for args (memoised per with-scope); null if undefined. argsOwned: the
     * caller will not reuse args, so the memo may keep the array itself.
     */
    private Value callUser(String name, List<RuleDef> defs, Value[] args, boolean argsOwned, Term.Call c) {
        CallKey memoKey = new CallKey(name, args);
        Value memo = state.calls.get(memoKey);
        if (memo != null) {
            return memo == UNDEFINED_MARK ? null : memo;
        }
        if (++depth > 2000) {
            depth = 0;
            throw new RegoEvalException(new RegoError("rego_recursion_error", c.loc().file(), c.loc().row(), c.loc().col(),
                    "function " + name + " is recursive or nests too deeply"));
        }
        try {
            Single out = new Single("functions must not produce multiple outputs for same inputs");
            Rule dflt = null;
            for (RuleDef d : defs) {
                Rule r = d.rule();
                if (r.isDefault()) {
                    dflt = r;
                    continue;
                }
                out.at = r.loc();
                evalFunction(r, args, out);
            }
            Value result = out.value;
            if (result == null && dflt != null) {
                Value[] dv = new Value[1];
                term(dflt.value(), new Env(), v -> {
                    dv[0] = v;
                    return false;
                });
                result = dv[0];
            }
            // a caller that reuses args for its next solution gets a copy kept in the memo
            state.calls.put(argsOwned ? memoKey : new CallKey(name, args.clone(), memoKey.hash),
                    result == null ? UNDEFINED_MARK : result);
            return result;
        } finally {
            depth--;
        }
    }

    /** A function call for memoisation: name and argument values. */
    private static final class CallKey {
        final String name;
        final Value[] args;
        final int hash;

        CallKey(String name, Value[] args) {
            this(name, args, name.hashCode() * 31 + Arrays.hashCode(args));
        }

        CallKey(String name, Value[] args, int hash) {
            this.name = name;
            this.args = args;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CallKey c && c.hash == hash && (c.name == name || c.name.equals(name))
                    && Arrays.equals(c.args, args);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private boolean evalFunction(Rule r, Value[] args, VK k) {
        if (r.args().size() != args.length) {
            return true;
        }
        Env env = new Env();
        Yield end = new Yield(r, env, k);
        int bound = bindArgs(r.args(), args, env);
        boolean cont = bound == SUCCEEDED ? body(r.body(), 0, env, end)
                : bound == FAILED || unifyArgs(r.args(), args, 0, env, () -> body(r.body(), 0, env, end));
        if (!end.any && r.elseRule() != null) {
            return evalFunction(r.elseRule(), args, k);
        }
        return cont;
    }

    /**
     * Binds parameters that are plain variables or constants (nearly all of them) without
     * continuations: SUCCEEDED, FAILED (an argument does not match), or ENUMERATE (a pattern
     * parameter: nothing bound, use unifyArgs).
     */
    private static int bindArgs(List<Term> ps, Value[] args, Env env) {
        for (int i = 0, n = ps.size(); i < n; i++) {
            Term p = ps.get(i);
            if (!(p instanceof Term.Scalar) && !(p instanceof Term.Var v && !isRoot(v.name()))) {
                return ENUMERATE;
            }
        }
        for (int i = 0, n = ps.size(); i < n; i++) {
            Term p = ps.get(i);
            if (p instanceof Term.Scalar s) {
                if (!s.value().equals(args[i])) {
                    return FAILED;
                }
                continue;
            }
            String name = ((Term.Var) p).name();
            Value cur = env.get(name);
            if (cur == null) {
                env.bind(name, args[i]);
            } else if (!cur.equals(args[i])) {
                return FAILED;
            }
        }
        return SUCCEEDED;
    }

    private boolean unifyArgs(List<Term> ps, Value[] args, int i, Env env, K k) {
        if (i == ps.size()) {
            return k.run();
        }
        return unifyValue(ps.get(i), args[i], env, () -> unifyArgs(ps, args, i + 1, env, k));
    }
}
