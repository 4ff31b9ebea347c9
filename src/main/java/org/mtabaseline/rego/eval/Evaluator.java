package org.mtabaseline.rego.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mtabaseline.rego.RegoError;
import org.mtabaseline.rego.RegoEvalException;
import org.mtabaseline.rego.ast.Expr;
import org.mtabaseline.rego.ast.Term;
import org.mtabaseline.rego.builtins.BuiltinContext;
import org.mtabaseline.rego.compile.Program;
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
 *
 * <p>This class runs bodies, expressions and {@code with} modifiers; the layers it extends evaluate
 * calls (CallEvaluator), references and data documents (DocumentEvaluator), rules (RuleEvaluator),
 * unification (Unifier) and terms (TermEvaluator), sharing the state in EvalState.
 */
public final class Evaluator extends CallEvaluator {
    private final long deadline;
    private int steps;

    public Evaluator(Program prog, Value input, BuiltinContext bctx, long deadlineNanos) {
        this(prog, SingleTerms.none(), input, bctx, deadlineNanos);
    }

    /** singleTerms: the program's terms known to have at most one value (SingleTerms.of(prog)). */
    public Evaluator(Program prog, SingleTerms singleTerms, Value input, BuiltinContext bctx, long deadlineNanos) {
        super(prog, singleTerms, input, bctx);
        this.deadline = deadlineNanos;
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

    // ================================================================ with

    private boolean withExpr(Expr e, Env env, K k) {
        return withScope(e.withs(), env, kk -> exprNoWith(e, env, kk), k);
    }

    /** Runs inner with the modifiers in effect; k runs outside them. */
    boolean withScope(List<Expr.With> withs, Env env, Scoped inner, K k) {
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
}
